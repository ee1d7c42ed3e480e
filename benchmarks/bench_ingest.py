"""Throughput of khabar.ingest on a real archive, and of a second run that adds nothing.

Usage: python benchmarks/bench_ingest.py ARCHIVE [--keep DIR]
ARCHIVE is any input `khabar ingest` reads (e.g. ../shared/bench/saudinewsnet-2015.jsonl.gz).
Without --keep the corpus goes to a temporary folder that is removed afterwards. MB are of the
stored UTF-8 text; CPU time is printed beside wall time because the machine may be shared.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from khabar import ingest, load_corpus


def timed(run) -> tuple[object, float, float]:
    """Result, wall seconds and CPU seconds (user + system) of ``run()``."""
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    result = run()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result, wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--keep", type=Path, help="corpus folder to keep (default: temporary)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="khabar-bench-"))
    folder = args.keep or work / "corpus"
    try:
        first, wall, cpu = timed(lambda: ingest([args.archive], folder))
        corpus, load_wall, _ = timed(lambda: load_corpus(folder))
        mb = corpus.docs["text"].str.encode("utf-8").str.len().sum() / 1e6
        second, again_wall, again_cpu = timed(lambda: ingest([args.archive], folder))
        docs = corpus.docs
        print(*first.mappings, sep="\n")
        print(f"first run : {first.summary()}")
        print(f"  {mb:.1f} MB of text in {wall:.1f} s wall ({mb / wall:.1f} MB/s),")
        print(f"  {cpu:.1f} s CPU ({mb / cpu:.1f} MB/s of CPU)")
        print(f"second run: {second.summary()} in {again_wall:.1f} s wall, {again_cpu:.1f} s CPU")
        print(f"load_corpus: {len(docs)} documents in {load_wall:.1f} s")
        print(f"  with outlet: {(docs['outlet'] != '').mean():.2%}")
        print(f"  with a date: {docs['date'].notna().mean():.2%} (dtype {docs['date'].dtype})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
