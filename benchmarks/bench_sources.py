"""Throughput of khabar.find_sources against pyarabic tokenize + Counter, in the same run.

Usage: python benchmarks/bench_sources.py [corpus.jsonl] [--mb 9] [--repeat 3] [--profile]
Takes the first --mb megabytes of articles (the seeds repeated, without a path); interleaved
rounds, ratios within each round (``_corpus.round_ratios``).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
from collections import Counter

from _corpus import first_megabytes, load_texts, megabytes, ratio_line, round_ratios

from khabar import Corpus, find_sources


def pyarabic_baseline(texts: list[str]) -> Counter:
    from pyarabic import araby

    counts: Counter = Counter()
    for text in texts:
        counts.update(araby.tokenize(text))
    return counts


def khabar_sources(texts: list[str]):
    return find_sources(Corpus.from_texts(texts), progress=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", help="JSONL corpus with a text field")
    parser.add_argument("--mb", type=float, default=9.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="print the top functions instead")
    args = parser.parse_args()
    texts = first_megabytes(load_texts(args.path, min_mb=args.mb), args.mb)
    mb = megabytes(texts)
    print(f"corpus: {len(texts)} documents, {mb:.1f} MB of UTF-8 text")
    khabar_sources(texts[:50])  # load the dictionaries once, outside the timing
    if args.profile:
        cProfile.runctx("khabar_sources(texts)", globals(), {"texts": texts}, "/tmp/sources.prof")
        pstats.Stats("/tmp/sources.prof").sort_stats("tottime").print_stats(25)
        return
    rows = len(khabar_sources(texts))  # also fills the per-word caches
    runs = {"pyarabic": pyarabic_baseline, "find_sources": khabar_sources}
    best, ratios = round_ratios(runs, texts, args.repeat, baseline="pyarabic")
    print(f"khabar find_sources        CPU {mb / best['find_sources']:7.2f} MB/s ({rows} rows)")
    print(f"pyarabic tokenize+Counter  CPU {mb / best['pyarabic']:7.2f} MB/s")
    print(ratio_line("find_sources", ratios["find_sources"]))


if __name__ == "__main__":
    main()
