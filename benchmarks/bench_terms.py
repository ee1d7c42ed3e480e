"""Throughput of khabar.term_frequency against what an analyst writes today.

Baselines, measured in the same run on the same texts:
- pyarabic: ``araby.tokenize`` + ``collections.Counter`` (tokenizing, no folding);
- bare regex: ``re.findall(r"\\w+")`` + ``Counter`` (no normalization at all).

Usage: python benchmarks/bench_terms.py [corpus.jsonl] [--min-mb 20] [--repeat 3]
Without a path, the five seed articles are repeated to --min-mb.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter

from _corpus import load_texts, megabytes

from khabar import Corpus, term_frequency


def bare_regex(texts: list[str]) -> Counter:
    counts: Counter = Counter()
    pattern = re.compile(r"\w+")
    for text in texts:
        counts.update(pattern.findall(text))
    return counts


def pyarabic_baseline(texts: list[str]) -> Counter:
    from pyarabic import araby

    counts: Counter = Counter()
    for text in texts:
        counts.update(araby.tokenize(text))
    return counts


def khabar_terms(texts: list[str]):
    return term_frequency(Corpus.from_texts(texts), progress=False)


def best_of(fn, texts: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(texts)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", help="JSONL corpus with a text field")
    parser.add_argument("--min-mb", type=float, default=20.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = load_texts(args.path, min_mb=args.min_mb)
    mb = megabytes(texts)
    print(f"corpus: {len(texts)} documents, {mb:.1f} MB of UTF-8 text")
    khabar_terms(texts[:50])  # load word lists once, outside the timing
    results = {}
    for name, fn in (
        ("khabar term_frequency", khabar_terms),
        ("pyarabic tokenize+Counter", pyarabic_baseline),
        ("bare re.findall+Counter", bare_regex),
    ):
        seconds = best_of(fn, texts, args.repeat)
        results[name] = mb / seconds
        print(f"{name:28s} {seconds:7.2f} s  {mb / seconds:7.2f} MB/s")
    ours = results["khabar term_frequency"]
    print(f"khabar / pyarabic = {ours / results['pyarabic tokenize+Counter']:.2f}x (target >= 2)")
    print(f"khabar / bare regex = {ours / results['bare re.findall+Counter']:.2f}x (target >= 0.5)")


if __name__ == "__main__":
    main()
