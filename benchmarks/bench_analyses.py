"""Throughput of find_actors and find_sources against pyarabic tokenize + Counter.

All measured in the same run on the same texts (the first N MB of a JSONL file), in
interleaved rounds (``_corpus.round_ratios``): prints the best CPU MB/s of each and, per round,
the ratio of the baseline's CPU time to each analysis's, with their median (target >= 1.0x).
With --profile NAME, prints where NAME spends its time instead (pyinstrument).

Usage: python benchmarks/bench_analyses.py corpus.jsonl [--mb 9] [--repeat 3] [--profile actors]
"""

from __future__ import annotations

import argparse
from collections import Counter

from _corpus import first_megabytes, load_texts, megabytes, ratio_line, round_ratios

import khabar


def pyarabic_baseline(texts: list[str]) -> Counter:
    from pyarabic import araby

    counts: Counter = Counter()
    for text in texts:
        counts.update(araby.tokenize(text))
    return counts


BASELINE = "pyarabic tokenize+Counter"
ANALYSES = {
    "find_actors": lambda texts: khabar.find_actors(
        khabar.Corpus.from_texts(texts), progress=False
    ),
    "find_sources": lambda texts: khabar.find_sources(
        khabar.Corpus.from_texts(texts), progress=False
    ),
    BASELINE: pyarabic_baseline,
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
    parser.add_argument("--repeat", type=int, default=3)
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
    best, ratios = round_ratios(ANALYSES, texts, args.repeat, baseline=BASELINE)
    for name, cpu in best.items():
        print(f"{name:26s} CPU {cpu:6.2f} s {mb / cpu:6.2f} MB/s")
    for name, values in ratios.items():
        print(ratio_line(name, values))


if __name__ == "__main__":
    main()
