"""Benchmark inputs: a real news JSONL when given, else copies of the seed articles."""

from __future__ import annotations

import gc
import json
import math
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_texts(path: str | None, *, min_mb: float) -> list[str]:
    """Article texts from a JSONL file (``text`` field), or the seeds repeated to ``min_mb``."""
    if path:
        with open(path, encoding="utf-8") as handle:
            texts = [json.loads(line)["text"] for line in handle if line.strip()]
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    size = sum(len(t.encode("utf-8")) for t in texts)
    copies = max(1, int(min_mb * 1e6 // size) + (size < min_mb * 1e6))
    return texts * copies


def megabytes(texts: list[str]) -> float:
    """UTF-8 size of the texts in MB."""
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def first_megabytes(texts: list[str], mb: float) -> list[str]:
    """The leading texts up to ``mb`` MB of UTF-8."""
    kept, size = [], 0
    for text in texts:
        if size >= mb * 1e6:
            break
        kept.append(text)
        size += len(text.encode("utf-8"))
    return kept


def best_times(fns: dict, texts: list[str], repeat: int) -> dict[str, tuple[float, float]]:
    """Best wall-clock and CPU seconds of each function; rounds interleave the functions so
    that a busy machine slows them alike."""
    best = {name: (math.inf, math.inf) for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            wall, cpu = time.perf_counter(), time.process_time()
            fn(texts)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return best


def round_ratios(
    fns: dict, texts: list[str], repeat: int, *, baseline: str
) -> tuple[dict[str, float], dict[str, list[float]]]:
    """Best CPU seconds of each function, and per round the ratio baseline time / its time.

    A shared machine's speed changes from minute to minute: functions run in interleaved
    rounds, each from a collected heap, and only ratios within a round are compared.
    """
    best = dict.fromkeys(fns, math.inf)
    ratios: dict[str, list[float]] = {name: [] for name in fns if name != baseline}
    for _ in range(repeat):
        seconds = {}
        for name, fn in fns.items():
            gc.collect()
            start = time.process_time()
            fn(texts)
            seconds[name] = time.process_time() - start
        best = {name: min(best[name], seconds[name]) for name in fns}
        for name in ratios:
            ratios[name].append(seconds[baseline] / seconds[name])
    return best, ratios


def ratio_line(name: str, ratios: list[float], baseline: str = "pyarabic") -> str:
    """``name / baseline = 1.02x CPU, median of rounds (0.98 1.02 1.05; target >= 1.0)``."""
    rounds = " ".join(f"{r:.2f}" for r in ratios)
    median = statistics.median(ratios)
    return f"{name} / {baseline} = {median:.2f}x CPU, median of rounds ({rounds}; target >= 1.0)"
