"""find_actors speed (with and without discovery) against pyarabic tokenize + Counter.

Usage: python benchmarks/bench_actors.py [news.jsonl] [--mb 9] [--repeat 3]
Reads the first ``--mb`` megabytes of article text (the seeds repeated without a file). The
three are timed in interleaved rounds (``_corpus.round_ratios``), after one untimed run of each
that loads the dictionaries and reads every spelling once. A shared machine's speed changes
from minute to minute, so the ratios are taken within each round (CPU time) and their median
is reported; the seconds are the best of the rounds.
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
    best, ratios = round_ratios(RUNS, texts, args.repeat, baseline=BASELINE)
    for name, cpu in best.items():
        print(f"{name:28s} CPU {cpu:6.2f} s {mb / cpu:6.2f} MB/s")
    for name, values in ratios.items():
        print(ratio_line(name, values))
    without, with_ = best["find_actors(discover=False)"], best["find_actors(discover=True)"]
    print(f"discovery costs {with_ / without:.2f}x the CPU time without it")


if __name__ == "__main__":
    main()
