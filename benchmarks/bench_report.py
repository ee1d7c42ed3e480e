"""Time ``khabar report`` on a corpus, cold (empty output folder) then warm (tables cached).

Prints wall-clock seconds, the CPU seconds of the whole process tree (as reaped), the peak memory
(sum of resident set sizes of ``khabar report``, its workers and the notebook kernels, sampled
every 0.2 s), then how long each stage took by reading the report's progress lines.

    .venv/bin/python benchmarks/bench_report.py path/to/corpus.jsonl [--out DIR] [--lang en]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

_SAMPLE_SECONDS = 0.2


def _tree(process: psutil.Process) -> list[psutil.Process]:
    try:
        return [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _rss(processes: list[psutil.Process]) -> int:
    total = 0
    for proc in processes:
        try:
            total += proc.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str]) -> tuple[float, float, int, list[tuple[float, str]]]:
    """Run ``command``: wall seconds, CPU seconds of the tree, peak RSS bytes, stderr lines."""
    started, cpu_before = time.perf_counter(), _children_cpu()
    child = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(child.pid)
    peak, lines = 0, []

    def read() -> None:
        for line in child.stderr:
            if "IPKernelApp" not in line:
                lines.append((time.perf_counter() - started, line.rstrip()))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    while child.poll() is None:
        peak = max(peak, _rss(_tree(root)))
        time.sleep(_SAMPLE_SECONDS)
    reader.join(timeout=5)
    if child.returncode:
        sys.exit(f"khabar report failed ({child.returncode}): {lines[-3:]}")
    return time.perf_counter() - started, _children_cpu() - cpu_before, peak, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="corpus folder or file (.jsonl, .csv, .parquet)")
    parser.add_argument("--out", default=None, help="output folder (default: a temporary one)")
    parser.add_argument("--lang", default="ar", choices=("ar", "en"))
    args = parser.parse_args()
    out = Path(args.out or tempfile.mkdtemp(prefix="khabar-bench-"))
    shutil.rmtree(out, ignore_errors=True)
    khabar = Path(sys.executable).with_name("khabar")
    command = [str(khabar), "report", "--corpus", args.corpus, "--out", str(out)]
    command += ["--lang", args.lang]
    print(f"corpus {args.corpus}  ({psutil.cpu_count()} cores)")
    for label in ("cold", "warm (cached tables)"):
        wall, cpu, peak, lines = run(command)
        print(f"{label:22s} {wall:7.1f} s wall  {cpu:7.1f} s CPU  peak {peak / 2**20:7.0f} MB")
        for at, line in lines:
            print(f"    {at:7.1f} s  {line}")
    print(f"figures in {out}")


if __name__ == "__main__":
    main()
