"""Dump khabar's term tables for a corpus, or compare two dumps row by row.

Used to show that a change to the counting code leaves the tables as they were (or to list
exactly which rows changed). Write the dumps outside the repository.

Usage:
    python benchmarks/compare_tables.py dump corpus.jsonl /tmp/before
    python benchmarks/compare_tables.py diff /tmp/before /tmp/after
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

TABLES = {
    "unigram": {},
    "unigram_all": {"stopwords": False},
    "bigram": {"ngram": 2},
    "by_outlet": {"by": "outlet"},
}


def dump(corpus_path: str, out: Path) -> None:
    """Write each term table of the corpus as ``out/NAME.parquet``."""
    import khabar

    out.mkdir(parents=True, exist_ok=True)
    corpus = khabar.load_corpus(corpus_path)
    for name, options in TABLES.items():
        try:
            table = khabar.term_frequency(corpus, progress=False, **options)
        except Exception as err:  # a crash is a result too: record it and go on
            (out / f"{name}.error").write_text(repr(err), encoding="utf-8")
            print(f"{name}: failed with {err!r}")
            continue
        table.to_parquet(out / f"{name}.parquet")
        print(f"{name}: {len(table)} rows")


def _keyed(table: pd.DataFrame) -> pd.DataFrame:
    keys = [c for c in ("outlet", "term") if c in table.columns]
    # two terms can share a label (n-grams): number the repeats so that rows pair up
    table = table.assign(repeat=table.groupby(keys, sort=False).cumcount())
    return table.set_index([*keys, "repeat"])


def diff(before: Path, after: Path, *, show: int) -> None:
    """Print, per table, the rows only in one dump and the rows whose values differ."""
    for name in TABLES:
        missing = [p for p in (before, after) if not (p / f"{name}.parquet").exists()]
        if missing:
            print(f"{name}: no table in {', '.join(map(str, missing))}")
            continue
        old = _keyed(pd.read_parquet(before / f"{name}.parquet"))
        new = _keyed(pd.read_parquet(after / f"{name}.parquet"))
        gone, added = old.index.difference(new.index), new.index.difference(old.index)
        common = old.index.intersection(new.index)
        a, b = old.loc[common], new.loc[common, old.columns]
        changed = (a != b).any(axis=1)
        order = "same order" if old.index.equals(new.index) else "ORDER DIFFERS"
        print(
            f"{name}: {len(old)} -> {len(new)} rows; {len(gone)} gone, {len(added)} new, "
            f"{int(changed.sum())} changed; {order}"
        )
        for column in a.columns:
            n = int((a[column] != b[column]).sum())
            if n:
                print(f"  column {column}: {n} rows differ")
        if changed.any():
            both = a[changed].join(b[changed], suffixes=("_before", "_after"))
            print(both.head(show).to_string())
        for label, index, frame in (("gone", gone, old), ("new", added, new)):
            if len(index):
                print(f"  {label}:")
                print(frame.loc[index].head(show).to_string())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("corpus")
    d.add_argument("out", type=Path)
    c = sub.add_parser("diff")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--show", type=int, default=10)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.corpus, args.out)
    else:
        diff(args.before, args.after, show=args.show)


if __name__ == "__main__":
    main()
