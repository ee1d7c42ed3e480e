"""What a compiled build (mypyc) would give find_actors and find_sources, measured, not shipped.

Copies the installed package's sources to a scratch folder, compiles the modules the two
analyses spend their time in with mypyc (the type annotations become C types), then runs the
same timing in two fresh processes, the compiled copy and the pure-Python package, alternately:
in each, interleaved rounds of pyarabic tokenize + Counter, find_actors and find_sources on the
first N MB, printing per-round CPU ratios and their median. It also checks that the compiled
copy finds the same rows. Needs a C compiler and ``mypy`` (the ``bench`` extra).

Usage: python benchmarks/bench_compiled.py corpus.jsonl [--mb 9] [--repeat 3] [--runs 2]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _corpus import ratio_line

import khabar

#: The modules find_actors and find_sources spend their time in (pyinstrument, bench_analyses).
HOT_MODULES = [
    "actors/document.py", "actors/matching.py", "actors/resolve.py", "actors/organizations.py",
    "actors/names.py", "actors/finding.py", "actors/descriptors.py", "actors/hints.py",
    "sources/passage.py", "sources/people.py", "sources/names.py", "sources/phrases.py",
    "sources/claims.py", "sources/attribution.py", "sources/mentions.py", "sources/unlisted.py",
    "sources/persons.py", "sources/table.py", "sources/cuelist.py", "lexicon.py", "tokens.py",
    "clitics.py",
]  # fmt: skip

_RUNNER = """
import json, sys
sys.path.insert(0, {bench!r})
from _corpus import first_megabytes, load_texts, round_ratios
import bench_analyses as b
import khabar
texts = first_megabytes(load_texts({path!r}, min_mb={mb}), {mb})
for fn in b.ANALYSES.values():
    fn(texts[:20])
best, ratios = round_ratios(b.ANALYSES, texts, {repeat}, baseline=b.BASELINE)
c = khabar.Corpus.from_texts(texts[:{check}])
rows = [khabar.find_actors(c, progress=False), khabar.find_sources(c, progress=False)]
print(json.dumps({{"file": khabar.__file__, "best": best, "ratios": ratios,
                  "rows": [r.to_json() for r in rows]}}))
"""


def compile_copy(scratch: Path) -> Path:
    """A copy of the package with ``HOT_MODULES`` compiled in place; its import root."""
    root = scratch / "src"
    shutil.copytree(Path(khabar.__file__).parent, root / "khabar")
    modules = [f"khabar/{m}" for m in HOT_MODULES]
    command = [sys.executable, "-m", "mypyc", "--ignore-missing-imports", *modules]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"mypyc failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return root


def measure(args: argparse.Namespace, root: Path | None) -> dict:
    """One timing run in a fresh process (``root``: the compiled copy's import root)."""
    bench = str(Path(__file__).resolve().parent)
    code = _RUNNER.format(
        bench=bench, path=args.path, mb=args.mb, repeat=args.repeat, check=args.check
    )
    env = dict(os.environ, PYTHONPATH=str(root) if root else "")
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="JSONL corpus with a text field")
    parser.add_argument("--mb", type=float, default=9.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--runs", type=int, default=2, help="alternating runs of each build")
    parser.add_argument("--check", type=int, default=500, help="documents whose rows must match")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="khabar-mypyc-") as scratch:
        print("compiling", len(HOT_MODULES), "modules with mypyc ...", flush=True)
        root = compile_copy(Path(scratch))
        results: dict[str, list[dict]] = {"compiled": [], "pure": []}
        for _ in range(args.runs):
            results["compiled"].append(measure(args, root))
            results["pure"].append(measure(args, None))
    for build, runs in results.items():
        assert (build == "compiled") == runs[0]["file"].startswith(str(root)), runs[0]["file"]
        for run in runs:
            best = " ".join(f"{name} {cpu:.2f} s" for name, cpu in run["best"].items())
            print(f"{build:9s} best CPU: {best}")
            for name, values in run["ratios"].items():
                print(f"{build:9s} {ratio_line(name, values)}")
    same = results["compiled"][0]["rows"] == results["pure"][0]["rows"]
    print(f"rows of the first {args.check} documents:", "identical" if same else "DIFFERENT")


if __name__ == "__main__":
    main()
