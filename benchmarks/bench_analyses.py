"""Throughput of find_actors and find_sources against pyarabic tokenize + Counter.

All measured in the same run on the same texts (the first N MB of a JSONL file), rounds
interleaved so that a busy machine slows them alike; prints wall-clock and CPU MB/s and the
ratios to the baseline (target >= 1.0x). With --profile NAME, prints where NAME spends its
time instead (pyinstrument).

Usage: python benchmarks/bench_analyses.py corpus.jsonl [--mb 9] [--repeat 2] [--profile actors]
"""

from __future__ import annotations

import argparse
from collections import Counter

from _corpus import best_times, first_megabytes, load_texts, megabytes

import khabar


def pyarabic_baseline(texts: list[str]) -> Counter:
    from pyarabic import araby

    counts: Counter = Counter()
    for text in texts:
        counts.update(araby.tokenize(text))
    return counts


ANALYSES = {
    "find_actors": lambda texts: khabar.find_actors(
        khabar.Corpus.from_texts(texts), progress=False
    ),
    "find_sources": lambda texts: khabar.find_sources(
        khabar.Corpus.from_texts(texts), progress=False
    ),
    "pyarabic tokenize+Counter": pyarabic_baseline,
}


def profile(name: str, texts: list[str]) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    ANALYSES[name](texts)
    profiler.stop()
    print(profiler.output_text(unicode=False, color=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", help="JSONL corpus with a text field")
    parser.add_argument("--mb", type=float, default=9.0)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--profile", choices=["actors", "sources"])
    args = parser.parse_args()
    texts = first_megabytes(load_texts(args.path, min_mb=args.mb), args.mb)
    mb = megabytes(texts)
    print(f"corpus: {len(texts)} documents, {mb:.1f} MB of UTF-8 text")
    for fn in ANALYSES.values():
        fn(texts[:20])  # dictionaries and word lists load once, outside the timing
    if args.profile:
        profile(f"find_{args.profile}", texts)
        return
    best = best_times(ANALYSES, texts, args.repeat)
    for name, (wall, cpu) in best.items():
        print(
            f"{name:26s} {wall:7.2f} s {mb / wall:6.2f} MB/s"
            f"   CPU {cpu:6.2f} s {mb / cpu:6.2f} MB/s"
        )
    base = best["pyarabic tokenize+Counter"]
    for name in ("find_actors", "find_sources"):
        wall, cpu = (base[i] / best[name][i] for i in (0, 1))
        print(f"{name} / pyarabic = {wall:.2f}x wall, {cpu:.2f}x CPU (target >= 1.0)")


if __name__ == "__main__":
    main()
