"""Throughput of khabar.term_frequency against what an analyst writes today.

khabar is timed from the list of texts (building the Corpus included, like the baselines), and
on the Corpus already built. Baselines, measured in the same run on the same texts:
- pyarabic: ``araby.tokenize`` + ``collections.Counter`` (tokenizing, no folding);
- bare regex: ``re.findall(r"\\w+")`` + ``Counter`` (no normalization at all).

Usage: python benchmarks/bench_terms.py [corpus.jsonl] [--min-mb 20] [--repeat 3]
Without a path, the five seed articles are repeated to --min-mb.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter

from _corpus import best_times, load_texts, megabytes

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
    corpus = Corpus.from_texts(texts)
    fns = {
        "khabar term_frequency": khabar_terms,
        # the same call on a corpus already loaded (as after khabar.load_corpus)
        "  of which counting": lambda _: term_frequency(corpus, progress=False),
        "pyarabic tokenize+Counter": pyarabic_baseline,
        "bare re.findall+Counter": bare_regex,
    }
    best = best_times(fns, texts, args.repeat)
    for name, (wall, cpu) in best.items():
        print(
            f"{name:28s} {wall:7.2f} s {mb / wall:7.2f} MB/s"
            f"   CPU {cpu:6.2f} s {mb / cpu:7.2f} MB/s"
        )
    for i, clock in enumerate(("wall", "CPU")):
        ours = best["khabar term_frequency"][i]
        vs_pyarabic = best["pyarabic tokenize+Counter"][i] / ours
        vs_regex = best["bare re.findall+Counter"][i] / ours
        print(
            f"{clock:4s}: khabar / pyarabic = {vs_pyarabic:.2f}x (target >= 2), "
            f"khabar / bare regex = {vs_regex:.2f}x (target >= 0.5)"
        )


if __name__ == "__main__":
    main()
