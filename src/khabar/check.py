"""Checking a corpus folder against its manifest, and repairing what can be repaired safely.

Found: texts on disk the manifest does not list (orphans, e.g. from an interrupted ingest),
listed texts that are missing, edited or not UTF-8, duplicate content or ids, a manifest in
an encoding ``load_corpus`` cannot read, and temporary files of interrupted writes.
``repair`` registers orphans, rewrites the manifest as UTF-8 and removes temporary files;
it never drops a row or a text, and says what it did.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from khabar import readers
from khabar.errors import InputError
from khabar.ingest import derive_title
from khabar.lock import HOLDER_FILE, LOCK_FILE, corpus_lock
from khabar.manifest import ManifestTable, atomic_write, read_manifest_table, write_merged

__all__ = ["CheckReport", "Problem", "check_corpus"]

_READABLE_MANIFEST = ("utf-8", "utf-8-sig")


@dataclass(frozen=True)
class Problem:
    """One fault in a corpus folder: its kind, the file concerned and what is wrong."""

    kind: str  # orphan, missing, changed, unreadable, duplicate, manifest, encoding, leftover
    path: Path
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.path}: {self.detail}"


@dataclass
class CheckReport:
    """What ``check_corpus`` found (after any repair) and, with ``repair``, what it changed."""

    folder: Path
    documents: int = 0
    problems: list[Problem] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the folder has no problem left."""
        return not self.problems

    def kinds(self) -> dict[str, int]:
        """Problem counts by kind."""
        counts: dict[str, int] = {}
        for problem in self.problems:
            counts[problem.kind] = counts.get(problem.kind, 0) + 1
        return counts

    def summary(self) -> str:
        """One line: documents listed and problems by kind."""
        found = ", ".join(f"{n} {kind}" for kind, n in sorted(self.kinds().items()))
        state = f"{len(self.problems)} problems ({found})" if self.problems else "no problems"
        return f"{self.folder}: {self.documents} documents listed, {state}"

    def details(self) -> str:
        """Every repair made, every problem left, then the summary line."""
        repaired = [f"repaired {line}" for line in self.repaired]
        return "\n".join([*repaired, *map(str, self.problems), self.summary()])


@dataclass
class _Scan:
    table: ManifestTable | None
    problems: list[Problem]
    orphans: list[Path]
    leftovers: list[Path]
    shas: dict[str, str]  # content sha256 -> doc_id of its first listed text


def check_corpus(
    corpus_dir: str | Path = "corpus", *, repair: bool = False, wait: bool = True
) -> CheckReport:
    """Check a corpus folder against its manifest; with ``repair``, fix what is safe to fix.

    Holds the corpus lock, so a check never sees an ingest half-way. Without ``repair``
    nothing is changed; a read-only folder is checked without the lock.

    Raises:
        InputError: the folder does not exist.
        CorpusBusyError: another process holds the lock and ``wait`` is False.
    """
    folder = Path(corpus_dir)
    if not folder.is_dir():
        raise InputError("no such corpus folder", path=folder)
    report = CheckReport(folder)
    with _locked(folder, wait=wait, required=repair):
        scan = _scan(folder)
        if repair and scan.problems:
            report.repaired = _repair(folder, scan)
            scan = _scan(folder)
    report.documents = len(scan.table.rows) if scan.table else 0
    report.problems = scan.problems
    return report


@contextlib.contextmanager
def _locked(folder: Path, *, wait: bool, required: bool) -> Iterator[None]:
    stack = contextlib.ExitStack()
    try:
        stack.enter_context(corpus_lock(folder, wait=wait))
    except PermissionError:
        if required:
            raise
    with stack:
        yield


def _scan(folder: Path) -> _Scan:
    manifest = folder / readers.MANIFEST
    try:
        table = read_manifest_table(folder)
    except InputError as err:
        return _Scan(None, [Problem("manifest", manifest, err.reason)], [], [], {})
    scan = _Scan(table, _manifest_problems(manifest, table), [], [], {})
    if scan.problems and not table.rows:
        return scan
    listed = _listed_problems(folder, table, scan)
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") and path.name.endswith(".tmp") and path.is_file():
            scan.leftovers.append(path)
            scan.problems.append(Problem("leftover", path, "temporary file of a stopped write"))
        elif _is_orphan(path, listed):
            scan.orphans.append(path)
            scan.problems.append(Problem("orphan", path, _orphan_detail(path, scan.shas)))
    return scan


def _manifest_problems(path: Path, table: ManifestTable) -> list[Problem]:
    problems = []
    if table.rows and not {"doc_id", "file"} <= set(table.columns):
        found = ", ".join(table.columns[:8])
        problems.append(Problem("manifest", path, f"no doc_id or file column (columns: {found})"))
    if table.encoding not in _READABLE_MANIFEST or table.separator != ",":
        saved = f"{table.encoding}, separated by {table.separator!r}"
        problems.append(
            Problem("encoding", path, f"saved as {saved}; load_corpus needs UTF-8 with commas")
        )
    return problems


def _listed_problems(folder: Path, table: ManifestTable, scan: _Scan) -> set[str]:
    listed: set[str] = set()
    ids: set[str] = set()
    for row in table.rows:
        name, doc_id = row.get("file", ""), row.get("doc_id", "")
        listed.add(name)
        if doc_id in ids:
            scan.problems.append(Problem("duplicate", folder / name, f"doc_id {doc_id} repeated"))
        ids.add(doc_id)
        problem = _row_problem(folder / name, row, scan.shas)
        if problem:
            scan.problems.append(problem)
    return listed


def _row_problem(path: Path, row: dict, shas: dict[str, str]) -> Problem | None:
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return Problem("missing", path, "listed in manifest.csv but not on disk")
    except (OSError, UnicodeDecodeError) as err:
        return Problem("unreadable", path, f"not a UTF-8 text ({err})")
    sha = readers.sha256_text(text)
    if row.get("sha256") and row["sha256"] != sha:
        return Problem("changed", path, "content no longer matches its sha256 in manifest.csv")
    first = shas.setdefault(sha, row.get("doc_id", ""))
    if first != row.get("doc_id", ""):
        return Problem("duplicate", path, f"same content as document {first}")
    return None


def _is_orphan(path: Path, listed: set[str]) -> bool:
    return (
        path.suffix.lower() in readers.TEXT_SUFFIXES
        and not path.name.startswith(".")
        and path.name not in listed
        and path.is_file()
    )


def _orphan_detail(path: Path, shas: dict[str, str]) -> str:
    try:
        text, _ = readers.read_text_file(path)
    except InputError as err:
        return f"not listed in manifest.csv, and not usable ({err.reason})"
    first = shas.get(readers.sha256_text(text))
    if first:
        return f"not listed in manifest.csv; same content as document {first} (left in place)"
    return "not listed in manifest.csv"


def _repair(folder: Path, scan: _Scan) -> list[str]:
    done = [f"{path}: removed" for path in scan.leftovers if _unlink(path)]
    if scan.table is None:
        return done
    rows = list(scan.table.rows)
    taken = {row.get("doc_id", "") for row in rows}
    for path in scan.orphans:
        row = _orphan_row(path, taken=taken, shas=scan.shas)
        if row:
            rows.append(row)
            taken.add(row["doc_id"])
            done.append(f"{path}: registered as {row['doc_id']}")
    recode = any(p.kind == "encoding" for p in scan.problems)
    if len(rows) > len(scan.table.rows) or recode:
        write_merged(folder, rows, columns=("doc_id", "file", "title", "sha256", "chars"))
    if recode:
        done.append(f"{folder / readers.MANIFEST}: rewritten as UTF-8 with commas")
    return done


def _unlink(path: Path) -> bool:
    if path.name in (LOCK_FILE, HOLDER_FILE):
        return False
    path.unlink(missing_ok=True)
    return True


def _orphan_row(path: Path, *, taken: set[str], shas: dict[str, str]) -> dict | None:
    try:
        text, encoding = readers.read_text_file(path)
    except InputError:
        return None
    sha = readers.sha256_text(text)
    if sha in shas:
        return None
    if encoding != "utf-8":
        atomic_write(path, text)
    doc_id = path.stem if path.stem not in taken else f"{path.stem}-{sha[:8]}"
    shas[sha] = doc_id
    return {
        "doc_id": doc_id,
        "file": path.name,
        "title": derive_title(text),
        "sha256": sha,
        "chars": str(len(text)),
        "encoding": encoding,
    }
