"""find_actors speed (with and without discovery) against pyarabic tokenize + Counter.

Usage: python benchmarks/bench_actors.py [news.jsonl] [--mb 9] [--repeat 2]
Reads the first ``--mb`` megabytes of article text (the seeds repeated without a file). The
three are timed in interleaved rounds, so that a busy machine slows them alike; each figure is
the best of ``--repeat`` rounds (wall clock and CPU), after one untimed run of each that loads
the dictionaries and reads every spelling once.
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


def _actors(discover: bool):
    def run(texts: list[str]) -> None:
        corpus = khabar.Corpus.from_texts(texts)
        khabar.find_actors(corpus, discover=discover, progress=False)

    return run


RUNS = {
    "pyarabic tokenize+Counter": pyarabic_baseline,
    "find_actors(discover=False)": _actors(False),
    "find_actors(discover=True)": _actors(True),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?")
    parser.add_argument("--mb", type=float, default=9.0)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    texts = first_megabytes(load_texts(args.path, min_mb=args.mb), args.mb)
    mb = megabytes(texts)
    print(f"{mb:.1f} MB, {len(texts)} articles")
    for fn in RUNS.values():
        fn(texts)  # dictionaries, and every spelling's decisions, outside the timing
    best = best_times(RUNS, texts, args.repeat)
    for name, (wall, cpu) in best.items():
        print(f"{name:28s} {wall:6.2f} s {mb / wall:6.2f} MB/s   CPU {cpu:6.2f} s")
    base = best["pyarabic tokenize+Counter"]
    for name in list(RUNS)[1:]:
        wall, cpu = (base[i] / best[name][i] for i in (0, 1))
        print(f"{name} / pyarabic = {wall:.2f}x wall, {cpu:.2f}x CPU (target >= 1.0)")
    print(
        "discovery costs "
        f"{best['find_actors(discover=True)'][1] / best['find_actors(discover=False)'][1]:.2f}x"
        " the CPU time without it"
    )


if __name__ == "__main__":
    main()
