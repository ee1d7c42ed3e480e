"""find_actors speed (with and without discovery) against pyarabic tokenize + Counter.

Usage: python benchmarks/bench_actors.py [news.jsonl] [--mb 9] [--repeat 3]
Reads the first ``--mb`` megabytes of article text (the seeds repeated without a file). The
three are timed in interleaved rounds with the garbage collector paused, after one untimed run
of each that loads the dictionaries and reads every spelling once. A shared machine's speed
changes from minute to minute, so the ratios are taken within each round (CPU time) and their
median is reported; the seconds are the best of the rounds.
"""

from __future__ import annotations

import argparse
import gc
import math
import statistics
import time
from collections import Counter

from _corpus import first_megabytes, load_texts, megabytes

import khabar


def pyarabic_baseline(texts: list[str]) -> Counter:
    from pyarabic import araby

    counts: Counter = Counter()
    for text in texts:
        counts.update(araby.tokenize(text))
    return counts


def _actors(discover: bool):
    def run(texts: list[str]) -> None:
        corpus = khabar.Corpus.from_texts(texts)
        khabar.find_actors(corpus, discover=discover, progress=False)

    return run


BASELINE = "pyarabic tokenize+Counter"
RUNS = {
    BASELINE: pyarabic_baseline,
    "find_actors(discover=False)": _actors(False),
    "find_actors(discover=True)": _actors(True),
}


def _rounds(texts: list[str], repeat: int) -> tuple[dict, dict]:
    """Best CPU seconds of each run, and per round the ratio pyarabic time / run time."""
    best = dict.fromkeys(RUNS, math.inf)
    ratios: dict[str, list[float]] = {name: [] for name in list(RUNS)[1:]}
    gc.disable()
    try:
        for _ in range(repeat):
            seconds = {}
            for name, fn in RUNS.items():
                start = time.process_time()
                fn(texts)
                seconds[name] = time.process_time() - start
                gc.collect()
            best = {name: min(best[name], seconds[name]) for name in RUNS}
            for name in ratios:
                ratios[name].append(seconds[BASELINE] / seconds[name])
    finally:
        gc.enable()
    return best, ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?")
    parser.add_argument("--mb", type=float, default=9.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = first_megabytes(load_texts(args.path, min_mb=args.mb), args.mb)
    mb = megabytes(texts)
    print(f"{mb:.1f} MB, {len(texts)} articles")
    for fn in RUNS.values():
        fn(texts)  # dictionaries, and every spelling's decisions, outside the timing
    best, ratios = _rounds(texts, args.repeat)
    for name, cpu in best.items():
        print(f"{name:28s} CPU {cpu:6.2f} s {mb / cpu:6.2f} MB/s")
    for name, values in ratios.items():
        rounds = " ".join(f"{r:.2f}" for r in values)
        print(
            f"{name} / pyarabic = {statistics.median(values):.2f}x CPU, median of rounds"
            f" ({rounds}; target >= 1.0)"
        )
    without, with_ = best["find_actors(discover=False)"], best["find_actors(discover=True)"]
    print(f"discovery costs {with_ / without:.2f}x the CPU time without it")


if __name__ == "__main__":
    main()
