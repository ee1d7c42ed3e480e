"""Throughput of khabar.find_sources against pyarabic tokenize + Counter, in the same run.

Usage: python benchmarks/bench_sources.py [corpus.jsonl] [--mb 9] [--repeat 2] [--profile]
Takes the first --mb megabytes of articles (the seeds repeated, without a path).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections import Counter

from _corpus import first_megabytes, load_texts, megabytes

from khabar import Corpus, find_sources


def pyarabic_baseline(texts: list[str]) -> Counter:
    from pyarabic import araby

    counts: Counter = Counter()
    for text in texts:
        counts.update(araby.tokenize(text))
    return counts


def khabar_sources(texts: list[str]):
    return find_sources(Corpus.from_texts(texts), progress=False)


def best_times(texts: list[str], repeat: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """Best (wall, CPU) seconds of khabar and of the baseline, rounds interleaved so that a
    busy machine slows both alike."""
    best = {fn: (float("inf"), float("inf")) for fn in (khabar_sources, pyarabic_baseline)}
    for _ in range(repeat):
        for fn in best:
            wall, cpu = time.perf_counter(), time.process_time()
            fn(texts)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            best[fn] = (min(best[fn][0], wall), min(best[fn][1], cpu))
    return best[khabar_sources], best[pyarabic_baseline]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", help="JSONL corpus with a text field")
    parser.add_argument("--mb", type=float, default=9.0)
    parser.add_argument("--repeat", type=int, default=2)
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
    ours, base = best_times(texts, args.repeat)
    print(f"khabar find_sources        {mb / ours[0]:7.2f} MB/s  CPU {mb / ours[1]:7.2f} MB/s")
    print(f"pyarabic tokenize+Counter  {mb / base[0]:7.2f} MB/s  CPU {mb / base[1]:7.2f} MB/s")
    print(f"({rows} rows) khabar / pyarabic = {base[0] / ours[0]:.2f}x wall, ", end="")
    print(f"{base[1] / ours[1]:.2f}x CPU (target >= 1.0)")


if __name__ == "__main__":
    main()
