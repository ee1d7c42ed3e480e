"""find_actors speed against pyarabic tokenize + Counter, measured in the same run.

Usage: python benchmarks/bench_actors.py [news.jsonl] [--mb 9]
Reads the first ``--mb`` megabytes of article text (the seeds repeated without a file); each
figure is the best of two runs, the first of find_actors including its once-per-spelling work.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter

import khabar


def first_texts(path: str | None, mb: float) -> list[str]:
    """Article texts up to ``mb`` megabytes of UTF-8."""
    if path is None:
        from _corpus import load_texts

        return load_texts(None, min_mb=mb)
    texts, size = [], 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["text"]
            texts.append(text)
            size += len(text.encode("utf-8"))
            if size >= mb * 1e6:
                break
    return texts


def pyarabic_baseline(texts: list[str]) -> Counter:
    from pyarabic import araby

    counts: Counter = Counter()
    for text in texts:
        counts.update(araby.tokenize(text))
    return counts


def timed(fn, *args, repeat: int = 2, **options) -> float:
    """Best of ``repeat`` runs, in seconds (the machine may be shared)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args, **options)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?")
    parser.add_argument("--mb", type=float, default=9.0)
    args = parser.parse_args()
    texts = first_texts(args.path, args.mb)
    corpus = khabar.Corpus.from_texts(texts)
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    khabar.find_actors(khabar.Corpus.from_texts(texts[:20]), discover=True)  # load dictionaries
    base = timed(pyarabic_baseline, texts)
    print(f"{size:.1f} MB, {len(texts)} articles")
    print(f"pyarabic tokenize+Counter: {size / base:6.2f} MB/s")
    runs = {}
    for discover in (False, True):
        runs[discover] = run = timed(khabar.find_actors, corpus, discover=discover, progress=False)
        print(
            f"find_actors(discover={discover}): {size / run:6.2f} MB/s, "
            f"{base / run:.2f}x pyarabic (target >= 1.0)"
        )
    print(f"discovery costs {runs[True] / runs[False]:.2f}x the time without it")


if __name__ == "__main__":
    main()
