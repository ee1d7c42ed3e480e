"""Adding documents to a corpus folder: decode, deduplicate, write atomically, never lose."""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from khabar import readers
from khabar.dates import parse_date
from khabar.errors import InputError
from khabar.fields import FieldMap, field_choice
from khabar.ingest_report import IngestReport
from khabar.lock import HOLDER_FILE, LOCK_FILE, corpus_lock
from khabar.manifest import read_manifest_table, write_merged
from khabar.readers import FieldChoice
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
    "origin",
)
_TITLE_LIMIT = 90
_LEAD_RE = re.compile(r"^(?:[-–—•*]\s*)?(?:\([^()\n]{1,30}\)\s*[-–—:]?\s*)?")
_CHECKPOINT = 1000
_TABLE_BATCH = 1000
_ID_RE = re.compile(r"[^\w\-]+")
_FIELD_READERS = {
    "csv": (readers.csv_fields, readers.csv_batches),
    "parquet": (readers.parquet_fields, readers.parquet_batches),
}


@dataclass
class _Doc:
    text: str
    doc_id: str
    encoding: str
    origin: str
    meta: dict[str, str]


@dataclass(frozen=True)
class _Mapping:
    path: Path
    fields: FieldMap


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


def _write_text(path: Path, text: str) -> None:
    """Write a new document file through a temporary name (made durable at the checkpoint)."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_manifest(folder: Path, rows: list[dict]) -> None:
    """Merge ``rows`` with the manifest on disk and replace it (under the corpus lock)."""
    rows[:] = write_merged(folder, rows, columns=MANIFEST_COLUMNS)


def _existing_rows(folder: Path) -> list[dict]:
    """The rows of a corpus folder's manifest (none when it has no manifest yet)."""
    return read_manifest_table(folder).rows


def _file_docs(path: Path) -> Iterator[_Doc | InputError]:
    try:
        text, encoding = readers.read_text_file(path)
    except InputError as err:
        yield err
        return
    yield _Doc(text, readers.stem(path), encoding, str(path), {})


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _record_doc(record: dict, *, default_id: str, origin: str, encoding: str) -> _Doc:
    meta = {k: _cell(v) for k, v in record.items() if k not in ("text", "doc_id")}
    doc_id = _cell(record.get("doc_id")) or default_id
    return _Doc(record["text"], doc_id, encoding, origin, meta)


def _checked_record(
    record: dict, fields: FieldMap, *, path: Path, line: int, default_id: str, encoding: str
) -> _Doc | InputError:
    problem = readers.record_problem(record, fields)
    if problem:
        return InputError(problem, path=path, line=line)
    return _record_doc(record, default_id=default_id, origin=f"{path}:{line}", encoding=encoding)


def _record_encoding(path: Path) -> str:
    encoding = readers.file_encoding(path)
    return "utf-8" if encoding == "utf-8-sig" else encoding


def _jsonl_docs(path: Path, given: FieldChoice) -> Iterator[_Doc | InputError | _Mapping]:
    try:
        fields = readers.jsonl_fields(path, given=given)
        encoding = _record_encoding(path)
    except InputError as err:
        yield err
        return
    yield _Mapping(path, fields)
    name = readers.stem(path)
    for line, raw in readers.iter_jsonl_records(path):
        if isinstance(raw, InputError):
            yield raw
            continue
        yield _checked_record(
            fields.rename(raw),
            fields,
            path=path,
            line=line,
            default_id=f"{name}-{line}",
            encoding=encoding,
        )


def _table_docs(
    path: Path, kind: str, given: FieldChoice
) -> Iterator[_Doc | InputError | _Mapping]:
    field_reader, batch_reader = _FIELD_READERS[kind]
    name = readers.stem(path)
    try:
        fields = field_reader(path, given=given)
        encoding = _record_encoding(path) if kind == "csv" else "parquet"
        yield _Mapping(path, fields)
        offset = 0
        for batch in batch_reader(path, batch_size=_TABLE_BATCH, fields=fields):
            for i, record in enumerate(batch.to_dict("records"), start=offset + 1):
                yield _checked_record(
                    record,
                    fields,
                    path=path,
                    line=i + 1,
                    default_id=f"{name}-{i}",
                    encoding=encoding,
                )
            offset += len(batch)
    except InputError as err:
        yield err


def _source_docs(path: Path, given: FieldChoice) -> Iterator[_Doc | InputError | _Mapping]:
    kind = readers.input_kind(path)
    if not path.exists():
        yield InputError("no such file or folder", path=path)
    elif path.is_dir():
        for child in sorted(
            p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
        ):
            yield from _source_docs(child, given)
    elif kind == "jsonl":
        yield from _jsonl_docs(path, given)
    elif kind in _FIELD_READERS:
        yield from _table_docs(path, kind, given)
    else:
        yield from _file_docs(path)


def _unique_id(doc_id: str, sha: str, taken: set[str]) -> str:
    base = _ID_RE.sub("_", doc_id).strip("_") or sha[:12]
    return base if base not in taken else f"{base}-{sha[:8]}"


def ingest(
    sources: Iterable[str | Path],
    corpus: str | Path = "corpus",
    *,
    text_field: str | None = None,
    title_field: str | None = None,
    date_field: str | None = None,
    outlet_field: str | None = None,
    url_field: str | None = None,
    id_field: str | None = None,
    wait: bool = True,
) -> IngestReport:
    """Add documents from files, folders, JSONL, CSV or Parquet (``.gz`` too) to a corpus folder.

    Each text is stored as UTF-8 in its own file and listed in ``manifest.csv``, with its
    outlet, ISO date, url, the input it came from (``origin``) and every other field of its
    record as an extra column. Record fields are found by their usual names (content,
    headline, published, source ...) unless named with the ``*_field`` options. Content
    already in the corpus is not added again; unreadable inputs are skipped and named. The
    folder is created only when there is something to add. Texts are made durable before the
    manifest that lists them is replaced, so a run stopped at any moment leaves a corpus that
    loads. One writer at a time: the corpus lock is held for the run and the manifest is merged
    with the one on disk whenever it is written.

    Args:
        sources: Files or folders to read (never modified).
        corpus: The corpus folder.
        text_field: Field holding the article text (likewise title, date, outlet, url, id).
        wait: When another process is writing the corpus, wait for it (after a warning naming
            it); False raises ``CorpusBusyError`` at once.
    """
    given = field_choice(
        text_field=text_field,
        title_field=title_field,
        date_field=date_field,
        outlet_field=outlet_field,
        url_field=url_field,
        id_field=id_field,
    )
    folder = Path(corpus)
    existed = folder.exists()
    report = IngestReport()
    try:
        with corpus_lock(folder, wait=wait):
            _ingest_locked(sources, folder, given, report)
    finally:
        if not existed and not report.added:
            _remove_empty(folder)
    return report


def _ingest_locked(
    sources: Iterable[str | Path], folder: Path, given: FieldChoice, report: IngestReport
) -> None:
    store = _Store(folder)
    for source in sources:
        for item in _source_docs(Path(source), given):
            if isinstance(item, InputError):
                report.skipped.append(item)
            elif isinstance(item, _Mapping):
                report.mappings.append(f"{item.path}: {item.fields.describe()}")
            else:
                store.add(item, report)
    store.finish()


def _remove_empty(folder: Path) -> None:
    """Undo the folder the lock created when nothing was added to it."""
    for name in (LOCK_FILE, HOLDER_FILE):
        (folder / name).unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # another writer put something there meanwhile
        folder.rmdir()


class _Store:
    """The corpus folder being added to: its rows, known hashes and ids."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.rows = _existing_rows(folder) if folder.is_dir() else []
        self.known = {row["sha256"] for row in self.rows}
        self.taken = {row["doc_id"] for row in self.rows}
        self.pending = 0

    def add(self, doc: _Doc, report: IngestReport) -> None:
        """Store one document unless its content is already there."""
        sha = readers.sha256_text(doc.text)
        if sha in self.known:
            report.present.append(doc.origin)
            return
        if not self.rows:
            self.folder.mkdir(parents=True, exist_ok=True)
        doc_id = _unique_id(doc.doc_id, sha, self.taken)
        file_name = f"{doc_id}.txt"
        _write_text(self.folder / file_name, doc.text)
        self.rows.append(_row(doc, doc_id=doc_id, file_name=file_name, sha=sha, report=report))
        self.known.add(sha)
        self.taken.add(doc_id)
        report.added.append(doc_id)
        self.pending += 1
        if self.pending >= max(_CHECKPOINT, len(self.rows) // 4):
            self.finish()

    def finish(self) -> None:
        """Make the stored texts durable, then list them in the manifest."""
        if not self.pending:
            return
        os.sync()  # one flush per checkpoint rather than one fsync per text
        _write_manifest(self.folder, self.rows)
        self.pending = 0


def _row(doc: _Doc, *, doc_id: str, file_name: str, sha: str, report: IngestReport) -> dict:
    meta = dict(doc.meta)
    written = meta.pop("date", "")
    iso = parse_date(written) if written else ""
    if written and iso is None:
        report.unparsed_dates.append(written)
    row = {
        "doc_id": doc_id,
        "file": file_name,
        "title": meta.pop("title", "") or derive_title(doc.text),
        "outlet": meta.pop("outlet", ""),
        "date": iso or written,
        "url": meta.pop("url", ""),
        "sha256": sha,
        "chars": len(doc.text),
        "encoding": doc.encoding,
        "origin": doc.origin,
    }
    row.update({k if k not in row else f"{k}_field": v for k, v in meta.items()})
    return row
