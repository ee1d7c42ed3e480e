"""``khabar report``: run the notebooks headless on a corpus, export figures and one HTML file."""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from khabar.errors import InputError
from khabar.tables import corpus_tables

__all__ = [
    "NOTEBOOKS",
    "ReportResult",
    "find_notebooks",
    "notebook_parameters",
    "parse_parameter",
    "run_report",
]

#: The suite, in reading order.
NOTEBOOKS = ("01-corpus.ipynb", "02-terms.ipynb", "03-sources.ipynb", "04-actors.ipynb")
REPORT_NAME = "report.html"
_FIGURE_SUFFIXES = (".png", ".svg")
_REMOTE_SCRIPT_RE = re.compile(r'<script[^>]*\ssrc="https?://[^"]*"[^>]*>\s*</script>\s*')
_ASSIGNMENT_RE = re.compile(r"^([A-Za-z_]\w*)\s*=", re.MULTILINE)
_INT_RE = re.compile(r"[+-]?\d+")
LANGUAGES = ("ar", "en")


@dataclass
class ReportResult:
    """What a report run produced, and which notebook failed where."""

    out: Path
    notebooks: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    figures: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when every notebook ran."""
        return not self.failures

    def summary(self) -> str:
        """Lines for the terminal: failures, then what was written where."""
        lines = list(self.failures)
        lines.append(
            f"{len(self.notebooks)} notebooks, {len(self.figures)} figure files and "
            f"{REPORT_NAME} in {self.out} ({self.seconds:.0f} s)"
        )
        return "\n".join(lines)


def find_notebooks(folder: str | Path | None = None) -> list[Path]:
    """The suite's notebooks: in ``folder``, else ./notebooks, else next to the source tree."""
    candidates = (
        [Path(folder)]
        if folder
        else [Path("notebooks"), Path(__file__).resolve().parents[2] / "notebooks"]
    )
    for candidate in candidates:
        found = [candidate / name for name in NOTEBOOKS if (candidate / name).exists()]
        if found:
            return found
    raise InputError(
        "no khabar notebooks found (run from the project folder or pass --notebooks)",
        path=candidates[0],
    )


def notebook_parameters(notebook: Path) -> list[str]:
    """The names the notebook's ``parameters`` cell assigns, in order."""
    for cell in nbformat.read(notebook, as_version=4).cells:
        if "parameters" in cell.metadata.get("tags", []):
            return list(dict.fromkeys(_ASSIGNMENT_RE.findall(cell.source)))
    return []


def parse_parameter(text: str) -> tuple[str, object]:
    """``NAME=VALUE`` as (name, value): whole numbers become int, anything else stays text.

    Raises:
        InputError: no ``=`` or no name.
    """
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name.isidentifier():
        raise InputError(f"parameter {text!r} is not NAME=VALUE (e.g. -p TOP_N=20)")
    return name, int(value) if _INT_RE.fullmatch(value.strip()) else value


def _check_parameters(found: list[Path], given: dict[str, object]) -> dict[Path, list[str]]:
    names = {notebook: notebook_parameters(notebook) for notebook in found}
    known = {name for listed in names.values() for name in listed}
    unknown = sorted(set(given) - known)
    if unknown:
        raise InputError(
            f"unknown parameter {', '.join(unknown)}; the notebooks take {', '.join(sorted(known))}"
        )
    return names


def _check_language(lang: object) -> None:
    if str(lang) not in LANGUAGES:
        raise InputError(f"LANG must be one of {', '.join(LANGUAGES)}, not {lang!r}")


def _failure_line(notebook: Path, error: Exception) -> str:
    """One line: notebook, the failing code cell (as numbered in the notebook) and the error."""
    name = getattr(error, "ename", type(error).__name__)
    value = str(getattr(error, "evalue", error)).strip().splitlines()
    reason = f"{name}: {value[-1] if value else ''}".strip()
    count = getattr(error, "exec_count", None)
    if not count:
        return f"{notebook.name}: failed: {reason}"
    number = count - 1  # papermill runs an injected parameters cell before the notebook's own
    code = [c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]
    first_line = (
        code[number - 1].source.strip().splitlines()[0][:60] if 0 < number <= len(code) else ""
    )
    return f"{notebook.name}: code cell {number} ({first_line}) failed: {reason}"


def _execute(notebook: Path, target: Path, *, parameters: dict, progress: bool) -> None:
    import papermill

    papermill.execute_notebook(
        str(notebook),
        str(target),
        parameters=parameters,
        cwd=str(notebook.parent),
        progress_bar=progress,
        kernel_name="python3",
        log_output=False,
        **_local_kernel(),
    )


def _local_kernel() -> dict:
    """Kernel options: no interrupt before a finished notebook's kernel is shut down, and on
    POSIX local sockets (not TCP, which ipykernel warns is unencrypted on every start)."""
    from uuid import uuid4

    from jupyter_client.manager import AsyncKernelManager
    from traitlets import CaselessStrEnum, default

    class ReportKernelManager(AsyncKernelManager):
        async def _async_interrupt_kernel(self) -> None:
            # jupyter_client interrupts before every shutdown; an idle kernel then sometimes
            # logs "ERROR | KeyboardInterrupt caught in kernel" to the terminal
            if not self.shutting_down:
                await super()._async_interrupt_kernel()

    class LocalKernelManager(ReportKernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

        @default("ip")
        def _socket_path(self) -> str:
            # one path per kernel: the report runs several at once
            return os.path.join(tempfile.gettempdir(), f"khabar-{uuid4().hex[:12]}")

    manager = LocalKernelManager if os.name == "posix" else ReportKernelManager
    return {"kernel_manager_class": manager}


def _merge(executed: list[Path]) -> nbformat.NotebookNode:
    """One notebook of every executed notebook's cells, minus parameters, with stable ids."""
    merged = nbformat.v4.new_notebook()
    hidden = {"parameters", "injected-parameters"}
    for path in executed:
        notebook = nbformat.read(path, as_version=4)
        merged.cells.extend(
            c for c in notebook.cells if not hidden & set(c.metadata.get("tags", []))
        )
    for number, cell in enumerate(merged.cells):
        cell.id = f"cell-{number:04d}"  # the same report twice is the same file
        if cell.cell_type == "code":
            cell.outputs = _coalesced(cell.outputs)
    merged.metadata = nbformat.read(executed[0], as_version=4).metadata
    return merged


def _coalesced(outputs: list) -> list:
    """Consecutive prints to one stream as one output: how the kernel split them varies."""
    kept: list = []
    for output in outputs:
        previous = kept[-1] if kept else None
        if (
            output.output_type == "stream"
            and previous is not None
            and previous.output_type == "stream"
            and previous.name == output.name
        ):
            previous.text += output.text
        else:
            kept.append(output)
    return kept


def _write_html(executed: list[Path], target: Path) -> None:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_notebook_node(_merge(executed))
    body = body.replace("<title>Notebook</title>", "<title>khabar report</title>")
    body = _REMOTE_SCRIPT_RE.sub("", body)  # self-contained: nothing fetched when it is opened
    tmp = target.with_suffix(".tmp")
    tmp.write_text(body, encoding="utf-8")
    os.replace(tmp, target)


def _wanted(names: list[str], given: dict, fixed: dict) -> dict:
    return {key: value for key, value in {**given, **fixed}.items() if key in names}


def _run_one(notebook: Path, target: Path, parameters: dict, progress: bool) -> str | None:
    """Execute one notebook; the failure line, or None when it ran."""
    if progress:
        print(f"{notebook.name}: running", file=sys.stderr, flush=True)
    try:
        _execute(notebook, target, parameters=parameters, progress=False)
    except Exception as error:  # papermill raises its own and kernel errors
        return _failure_line(notebook, error)
    return None


def _run_all(jobs: list[tuple[Path, Path, dict]], *, workers: int, progress: bool) -> list:
    """Failure line (or None) of each notebook, run ``workers`` at a time, in order."""
    if workers <= 1:
        return [_run_one(*job, progress) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # the suite's later notebooks draw the most charts: started first, the cores stay
        # busy to the end instead of one waiting on the last notebook alone
        futures = {i: pool.submit(_run_one, *jobs[i], progress) for i in reversed(range(len(jobs)))}
        return [futures[i].result() for i in range(len(jobs))]


def run_report(
    *,
    corpus: str | Path = "corpus",
    out: str | Path = "figures",
    notebooks: str | Path | None = None,
    progress: bool = True,
    parameters: dict[str, object] | None = None,
    lang: str = "ar",
    cache: bool = True,
    workers: int = 2,
) -> ReportResult:
    """Execute every notebook on ``corpus``; figures and report.html go to ``out``.

    The corpus's tables are computed first (``workers`` processes) into the cache in
    ``out/.khabar-cache``, or into a scratch folder when ``cache`` is False, and every notebook
    reads them from there.

    Args:
        corpus: Corpus folder or file.
        out: Output folder.
        notebooks: Folder of the notebooks (default: ./notebooks or the source tree's).
        progress: Progress lines and bars on stderr (never under CI).
        parameters: Notebook parameters by name (ACTOR, KWIC_TERM, TOP_N ...), given to every
            notebook whose parameters cell has them.
        lang: Chart language, "ar" or "en" (a LANG parameter wins).
        cache: Reuse and keep the cached tables.
        workers: Processes computing the tables.

    Raises:
        InputError: no such corpus, or a parameter no notebook takes.
    """
    corpus_path, out_path = Path(corpus).resolve(), Path(out).resolve()
    if not corpus_path.exists():
        raise InputError("no such corpus", path=corpus)
    found = find_notebooks(notebooks)
    names = _check_parameters(found, dict(parameters or {}))
    given = {"LANG": lang, **(parameters or {})}
    _check_language(given["LANG"])
    out_path.mkdir(parents=True, exist_ok=True)
    result = ReportResult(out=out_path)
    started = time.perf_counter()
    progress = progress and not os.environ.get("CI")
    with tempfile.TemporaryDirectory() as scratch:
        tables_root = out_path if cache else Path(scratch) / "tables"
        if progress:
            print("tables: computing or reading the cache", file=sys.stderr, flush=True)
        tables = corpus_tables(str(corpus_path), out=tables_root, workers=workers)
        if progress:
            print(f"tables: ready ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
        fixed = {
            "CORPUS": str(corpus_path),
            "OUT": str(out_path),
            "TABLES": str(tables.folder),  # the notebooks read the corpus's tables, no rescan
        }
        jobs = [
            (notebook, Path(scratch) / notebook.name, _wanted(names[notebook], given, fixed))
            for notebook in found
        ]
        outcomes = _run_all(jobs, workers=workers, progress=progress)
        executed = []
        for (notebook, target, _), failure in zip(jobs, outcomes, strict=True):
            if failure:
                result.failures.append(failure)
            else:
                executed.append(target)
                result.notebooks.append(notebook.name)
        if executed:
            _write_html(executed, out_path / REPORT_NAME)
    result.figures = sorted(p for p in out_path.iterdir() if p.suffix in _FIGURE_SUFFIXES)
    result.seconds = time.perf_counter() - started
    return result
