"""Scaling of term counting on large JSONL corpora: streamed local run versus Dask.

Builds corpora of 25, 50, 100 and 200 MB (by default from the seed articles; pass a JSONL file,
e.g. ../shared/bench/saudi-news-25mb.jsonl, for real news vocabulary), then for each size runs
``term_frequency`` on a lazily loaded corpus with the local engine and with Dask on a
LocalCluster of two single-threaded workers. Each run happens in its own process so that peak
resident memory (ru_maxrss) is that run's own. Prints MB/s, peak memory, the Dask speedup and
whether both engines gave identical tables.

Usage: python benchmarks/bench_scale.py [corpus.jsonl] [--sizes 25 50 100 200] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _corpus import load_texts

TARGETS = {
    "memory": "peak RSS of the streamed run < corpus/2 + 300 MB",
    "dask": ">= 1.6x local",
    "flat": "MB/s within 20%",
}


def build_corpus(texts: list[str], path: Path, megabytes: float) -> float:
    """Write texts (repeated, with unique ids) as JSONL until the text reaches ``megabytes``."""
    written = 0
    with path.open("w", encoding="utf-8") as out:
        i = 0
        while written < megabytes * 1e6:
            text = texts[i % len(texts)]
            out.write(json.dumps({"doc_id": f"d{i:08d}", "text": text}, ensure_ascii=False) + "\n")
            written += len(text.encode("utf-8"))
            i += 1
    return written / 1e6


def warm_up() -> None:
    """Load khabar's word lists and dictionaries (what every first call pays once)."""
    import khabar

    khabar.term_frequency(khabar.Corpus.from_texts(["قال بوتين"]), progress=False)


def run_once(path: str, engine: str, table_out: str) -> None:
    """Child process: one timed run, prints a JSON line with seconds and peak memory."""
    import khabar

    client = None
    if engine == "dask":
        from distributed import Client, LocalCluster

        client = Client(
            LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=40)
        )
    start = time.perf_counter()
    warm_up()  # dictionaries and word lists, once per process: startup, not throughput
    if client:
        client.run(warm_up)
    startup = time.perf_counter() - start
    corpus = khabar.load_corpus(path, lazy=True)
    start = time.perf_counter()
    table = khabar.term_frequency(corpus, engine=engine, progress=False)
    seconds = time.perf_counter() - start
    table.to_parquet(table_out)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = (
        max(client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024).values())
        if client
        else 0
    )
    print(
        json.dumps(
            {"seconds": seconds, "startup": startup, "peak_mb": peak, "worker_peak_mb": workers}
        )
    )
    if client:
        client.close()


def measure(path: Path, engine: str, table_out: Path) -> dict:
    cmd = [sys.executable, __file__, "--child", str(path), engine, str(table_out)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "path", nargs="?", help="JSONL corpus with a text field (default: the seeds)"
    )
    parser.add_argument("--sizes", type=float, nargs="+", default=[25, 50, 100, 200])
    parser.add_argument("--keep", help="write the corpora here instead of a temporary folder")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_once(*args.child)
        return
    import pandas as pd

    texts = load_texts(args.path, min_mb=0)
    folder = Path(args.keep or tempfile.mkdtemp(prefix="khabar-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    header = ("MB", "local MB/s", "local peak MB", "bound MB", "dask MB/s", "speedup", "identical")
    print(" ".join(f"{h:>{w}}" for h, w in zip(header, (6, 10, 13, 8, 9, 7, 9), strict=True)))
    rates = []
    for size in args.sizes:
        path = folder / f"corpus-{int(size)}mb.jsonl"
        mb = build_corpus(texts, path, size)
        local = measure(path, "local", folder / "local.parquet")
        dask = measure(path, "dask", folder / "dask.parquet")
        same = pd.read_parquet(folder / "local.parquet").equals(
            pd.read_parquet(folder / "dask.parquet")
        )
        local_rate, dask_rate = mb / local["seconds"], mb / dask["seconds"]
        rates.append(local_rate)
        bound = mb / 2 + 300
        print(
            f"{mb:6.0f} {local_rate:10.2f} {local['peak_mb']:13.0f} {bound:8.0f} {dask_rate:9.2f} "
            f"{dask_rate / local_rate:6.2f}x {same!s:>9}"
        )
        path.unlink()
        startup, worker_peak = local["startup"], dask["worker_peak_mb"]
        print(
            f"       startup {startup:.1f} s (dictionaries), Dask worker peak {worker_peak:.0f} MB"
        )
    spread = (max(rates) - min(rates)) / max(rates)
    print(f"local throughput spread across sizes: {spread:.0%} (target: within 20%)")
    for name, text in TARGETS.items():
        print(f"target {name}: {text}")


if __name__ == "__main__":
    main()
