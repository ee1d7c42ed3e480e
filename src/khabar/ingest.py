"""Adding documents to a corpus folder: decode, deduplicate, write atomically, never lose."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from khabar import readers
from khabar.errors import InputError
from khabar.lock import corpus_lock
from khabar.manifest import atomic_write as _atomic_write
from khabar.manifest import read_manifest_table, write_merged
from khabar.tokens import sentences

__all__ = ["MANIFEST_COLUMNS", "IngestReport", "derive_title", "ingest"]

MANIFEST_COLUMNS = (
    "doc_id",
    "file",
    "title",
    "outlet",
    "date",
    "url",
    "sha256",
    "chars",
    "encoding",
    "source",
)
_TITLE_LIMIT = 90
_LEAD_RE = re.compile(r"^(?:[-–—•*]\s*)?(?:\([^()\n]{1,30}\)\s*[-–—:]?\s*)?")
_CHECKPOINT = 1000
_TABLE_BATCH = 1000
_ID_RE = re.compile(r"[^\w\-]+")


@dataclass
class IngestReport:
    """What an ingest run did: documents added, already present, and inputs skipped (and why)."""

    added: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)

    def summary(self) -> str:
        """One line: counts of added, already present and skipped documents."""
        added, present, skipped = len(self.added), len(self.present), len(self.skipped)
        return f"added {added}, already present {present}, skipped {skipped}"


@dataclass
class _Doc:
    text: str
    doc_id: str
    encoding: str
    source: str
    meta: dict[str, str]


def derive_title(text: str, *, limit: int = _TITLE_LIMIT) -> str:
    """The first line when it reads as a headline, else the first sentence, clipped."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = _LEAD_RE.sub("", first).strip()
    if len(first) <= limit and not first.endswith((".", "،", ":")):
        return first
    spans = sentences(first)
    sentence = first[spans[0].start : spans[0].end].rstrip(".") if spans else first
    if len(sentence) <= limit:
        return sentence
    clipped = sentence[:limit].rsplit(" ", 1)[0]
    return clipped.rstrip("،,:؛ ") + "…"


def _write_manifest(folder: Path, rows: list[dict]) -> None:
    rows[:] = write_merged(folder, rows, columns=MANIFEST_COLUMNS)


def _existing_rows(folder: Path) -> list[dict]:
    return read_manifest_table(folder).rows


def _file_docs(path: Path) -> Iterator[_Doc | InputError]:
    try:
        text, encoding = readers.read_text_file(path)
    except InputError as err:
        yield err
        return
    yield _Doc(text, path.stem, encoding, str(path), {})


def _record_doc(record: dict, *, default_id: str, source: str) -> _Doc:
    meta = {
        k: "" if v is None else str(v) for k, v in record.items() if k not in ("text", "doc_id")
    }
    doc_id = str(record.get("doc_id") or default_id)
    return _Doc(record["text"], doc_id, "utf-8", source, meta)


def _jsonl_docs(path: Path) -> Iterator[_Doc | InputError]:
    for line, record in readers.iter_jsonl_records(path):
        if isinstance(record, InputError):
            yield record
        else:
            yield _record_doc(record, default_id=f"{path.stem}-{line}", source=f"{path}:{line}")


def _table_docs(path: Path) -> Iterator[_Doc | InputError]:
    reader = readers.csv_batches if path.suffix.lower() == ".csv" else readers.parquet_batches
    try:
        offset = 0
        for batch in reader(path, batch_size=_TABLE_BATCH):
            for i, record in enumerate(batch.to_dict("records"), start=offset + 1):
                if not str(record.get("text") or "").strip():
                    yield InputError("no text in row", path=path, line=i + 1)
                    continue
                yield _record_doc(record, default_id=f"{path.stem}-{i}", source=f"{path}:{i + 1}")
            offset += len(batch)
    except InputError as err:
        yield err


def _source_docs(path: Path) -> Iterator[_Doc | InputError]:
    if not path.exists():
        yield InputError("no such file or folder", path=path)
    elif path.is_dir():
        for child in sorted(
            p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
        ):
            yield from _source_docs(child)
    elif path.suffix.lower() in (".jsonl", ".ndjson"):
        yield from _jsonl_docs(path)
    elif path.suffix.lower() in (".csv", ".parquet", ".pq"):
        yield from _table_docs(path)
    else:
        yield from _file_docs(path)


def _unique_id(doc_id: str, sha: str, taken: set[str]) -> str:
    base = _ID_RE.sub("_", doc_id).strip("_") or sha[:12]
    return base if base not in taken else f"{base}-{sha[:8]}"


def ingest(
    sources: Iterable[str | Path], corpus_dir: str | Path = "corpus", *, wait: bool = True
) -> IngestReport:
    """Add documents from files, folders, JSONL, CSV or Parquet to a corpus folder.

    Each text is stored as UTF-8 in its own file and listed in ``manifest.csv``. Content
    already in the corpus is not added again; unreadable inputs are skipped and named.
    Text files are written before the manifest, each through a temporary file and a rename,
    so a run stopped at any moment leaves a corpus that loads. One writer at a time: the
    corpus lock is held for the run (``wait=False`` raises ``CorpusBusyError`` at once when
    another process holds it) and the manifest is merged with the one on disk when written.
    """
    with corpus_lock(corpus_dir, wait=wait):
        return _ingest_locked(sources, Path(corpus_dir))


def _ingest_locked(sources: Iterable[str | Path], folder: Path) -> IngestReport:
    rows = _existing_rows(folder)
    known = {row["sha256"] for row in rows}
    taken = {row["doc_id"] for row in rows}
    report = IngestReport()
    for source in sources:
        for item in _source_docs(Path(source)):
            if isinstance(item, InputError):
                report.skipped.append(item)
                continue
            _add(item, folder=folder, rows=rows, known=known, taken=taken, report=report)
            if len(report.added) % _CHECKPOINT == 0 and report.added:
                _write_manifest(folder, rows)
    _write_manifest(folder, rows)
    return report


def _add(
    doc: _Doc,
    *,
    folder: Path,
    rows: list[dict],
    known: set[str],
    taken: set[str],
    report: IngestReport,
) -> None:
    sha = readers.sha256_text(doc.text)
    if sha in known:
        report.present.append(doc.source)
        return
    doc_id = _unique_id(doc.doc_id, sha, taken)
    file_name = f"{doc_id}.txt"
    _atomic_write(folder / file_name, doc.text)
    meta = doc.meta
    rows.append(
        {
            "doc_id": doc_id,
            "file": file_name,
            "title": meta.get("title") or derive_title(doc.text),
            "outlet": meta.get("outlet", ""),
            "date": meta.get("date", ""),
            "url": meta.get("url", ""),
            "sha256": sha,
            "chars": len(doc.text),
            "encoding": doc.encoding,
            "source": doc.source,
        }
    )
    known.add(sha)
    taken.add(doc_id)
    report.added.append(doc_id)
