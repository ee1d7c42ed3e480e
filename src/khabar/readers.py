"""Reading documents from disk: batch readers for every corpus format, plain or gzipped."""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import json
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path

import pandas as pd

from khabar.encodings import WIDE, decode_bytes
from khabar.errors import InputError
from khabar.fields import FieldMap, resolve_fields
from khabar.inputs import (
    READ_ERRORS,
    TEXT_SUFFIXES,
    file_encoding,
    input_kind,
    is_text_file,
    open_input,
    read_text_file,
    stem,
    unreadable,
)

__all__ = [
    "MANIFEST",
    "MANIFEST_RENAMES",
    "TEXT_SUFFIXES",
    "csv_batches",
    "csv_fields",
    "decode_bytes",
    "file_encoding",
    "input_kind",
    "is_text_file",
    "iter_jsonl_records",
    "jsonl_batches",
    "jsonl_fields",
    "jsonl_partitions",
    "manifest_batches",
    "open_input",
    "parquet_batches",
    "parquet_fields",
    "read_manifest",
    "read_text_file",
    "record_problem",
    "sha256_text",
    "stem",
    "text_folder_batches",
    "unreadable",
    "warn_skipped",
]

MANIFEST = "manifest.csv"
_FIELD_SAMPLE = 1000
#: Manifest column names of earlier versions, renamed on read.
MANIFEST_RENAMES = {"source": "origin"}

FieldChoice = Mapping[str, str | None] | None


def sha256_text(text: str) -> str:
    """Hex SHA-256 of a text's UTF-8 bytes: the identity of a stored document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def iter_jsonl_records(
    path: Path, *, start: int = 0, end: int | None = None, first_line: int = 1
) -> Iterator[tuple[int, dict | InputError]]:
    """(line number, record) for each non-blank line; broken lines give an InputError.

    ``start``/``end`` restrict reading to a byte range that begins at a line start
    (``first_line`` is its line number), as made by ``jsonl_partitions``; ``.gz`` files are
    read whole, as a stream. Lines are UTF-8 unless the file's first bytes say otherwise.
    """
    encoding = file_encoding(path)
    if encoding in WIDE:
        yield from _wide_jsonl_records(path, encoding)
        return
    number = first_line - 1
    try:
        with open_input(path) as handle:
            if start:
                handle.seek(start)
            while end is None or handle.tell() < end:
                raw = handle.readline()
                if not raw:
                    break
                number += 1
                if raw.strip():
                    yield number, _parse_json_line(raw, path=path, line=number, encoding=encoding)
    except READ_ERRORS as err:
        yield number + 1, unreadable(err, path=path, line=number + 1)


def _wide_jsonl_records(path: Path, encoding: str) -> Iterator[tuple[int, dict | InputError]]:
    number = 0
    try:
        with open_input(path) as handle:
            for number, line in enumerate(io.TextIOWrapper(handle, encoding=encoding), start=1):
                if line.strip():
                    yield number, _parse_json_line(line, path=path, line=number, encoding=encoding)
    except (*READ_ERRORS, UnicodeDecodeError) as err:
        yield number + 1, unreadable(err, path=path, line=number + 1)


def jsonl_partitions(path: Path, *, target_bytes: int) -> list[tuple[int, int, int]]:
    """Split a JSONL file into (start, end, first_line) byte ranges of about ``target_bytes``."""
    size = path.stat().st_size
    bounds = [0]
    with path.open("rb") as handle:
        for guess in range(target_bytes, size, target_bytes):
            handle.seek(max(guess, bounds[-1]))
            handle.readline()
            if bounds[-1] < handle.tell() < size:
                bounds.append(handle.tell())
        bounds.append(size)
        parts, line = [], 1
        for start, end in itertools.pairwise(bounds):
            parts.append((start, end, line))
            handle.seek(start)
            line += handle.read(end - start).count(b"\n")
    return parts


def _parse_json_line(
    raw: bytes | str, *, path: Path, line: int, encoding: str
) -> dict | InputError:
    try:
        record = json.loads(raw if isinstance(raw, str) else raw.decode(encoding))
    except UnicodeDecodeError:
        return InputError(
            f"line is not {encoding} like the start of the file", path=path, line=line
        )
    except json.JSONDecodeError as err:
        return InputError(f"broken JSON ({err.msg})", path=path, line=line)
    if not isinstance(record, dict):
        return InputError("line is not a JSON object", path=path, line=line)
    return record


def jsonl_fields(path: Path, *, given: FieldChoice = None) -> FieldMap:
    """The field mapping of a JSONL file, from the keys of its first records.

    When those have no text field, every record is looked at before giving up.

    Raises:
        InputError: no field can be the text, or a given field is absent.
    """
    names: dict[str, None] = {}
    records = (r for _, r in iter_jsonl_records(path) if isinstance(r, dict))
    for record in itertools.islice(records, _FIELD_SAMPLE):
        names.update(dict.fromkeys(record))
    if not names:
        raise InputError("no JSON records (empty, or no line is a JSON object)", path=path)
    try:
        return resolve_fields(names, given=given, path=path)
    except InputError:
        for record in records:
            names.update(dict.fromkeys(record))
        return resolve_fields(names, given=given, path=path)


def record_problem(record: Mapping[str, object], fields: FieldMap) -> str | None:
    """Why a mapped record cannot be a document (no text), or None when it can."""
    text = record.get("text")
    if isinstance(text, str) and text.strip():
        return None
    return f"no text (missing or empty {fields.fields['text']!r} field)"


def warn_skipped(error: InputError) -> None:
    """Report a skipped input without stopping."""
    warnings.warn(f"skipped {error}", stacklevel=3)


def jsonl_batches(
    path: Path,
    *,
    batch_size: int,
    fields: FieldMap | None = None,
    given: FieldChoice = None,
    start: int = 0,
    end: int | None = None,
    first_line: int = 1,
) -> Iterator[pd.DataFrame]:
    """Good records of a JSONL file (or of a byte range of it), in batches, fields mapped.

    Broken lines are named in a warning. Records without an id get ``<file stem>-<line>``.
    """
    fields = fields or jsonl_fields(path, given=given)
    batch: list[dict] = []
    for line, raw in iter_jsonl_records(path, start=start, end=end, first_line=first_line):
        if isinstance(raw, InputError):
            warn_skipped(raw)
            continue
        record = fields.rename(raw)
        problem = record_problem(record, fields)
        if problem:
            warn_skipped(InputError(problem, path=path, line=line))
            continue
        if record.get("doc_id") in (None, ""):
            record["doc_id"] = f"{stem(path)}-{line}"
        batch.append(record)
        if len(batch) >= batch_size:
            yield pd.DataFrame.from_records(batch)
            batch = []
    if batch:
        yield pd.DataFrame.from_records(batch)


def csv_fields(path: Path, *, given: FieldChoice = None) -> FieldMap:
    """The field mapping of a CSV file, from its header."""
    header = _csv_header(path)
    if not header:
        raise InputError("empty CSV (no header row)", path=path)
    return resolve_fields(header, given=given, path=path)


def csv_batches(
    path: Path, *, batch_size: int, fields: FieldMap | None = None, given: FieldChoice = None
) -> Iterator[pd.DataFrame]:
    """Rows of a CSV file (``.csv`` or ``.csv.gz``, UTF-8) in batches, columns mapped."""
    fields = fields or csv_fields(path, given=given)
    encoding = file_encoding(path)
    with open_input(path) as handle:
        text = io.TextIOWrapper(handle, encoding=encoding, newline="")
        try:
            for chunk in pd.read_csv(text, dtype=str, keep_default_na=False, chunksize=batch_size):
                yield _renamed(chunk, fields)
        except UnicodeDecodeError:
            raise InputError(f"CSV is not {encoding} throughout", path=path) from None
        except (*READ_ERRORS, pd.errors.ParserError) as err:
            raise unreadable(err, path=path) from None


def _renamed(frame: pd.DataFrame, fields: FieldMap) -> pd.DataFrame:
    columns = list(fields.rename(dict.fromkeys(frame.columns)))
    return frame.set_axis(columns, axis=1)


def _csv_header(path: Path) -> list[str]:
    encoding = file_encoding(path)
    try:
        with open_input(path) as handle:
            text = io.TextIOWrapper(handle, encoding=encoding, newline="")
            return next(csv.reader(text), [])
    except UnicodeDecodeError:
        raise InputError(f"CSV is not {encoding}", path=path) from None
    except READ_ERRORS as err:
        raise unreadable(err, path=path) from None


def _parquet_file(path: Path):
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except Exception as err:  # pyarrow raises several types for unreadable files
        raise InputError(f"not a readable Parquet file ({err})", path=path) from None


def parquet_fields(path: Path, *, given: FieldChoice = None) -> FieldMap:
    """The field mapping of a Parquet file, from its schema."""
    return resolve_fields(_parquet_file(path).schema_arrow.names, given=given, path=path)


def parquet_batches(
    path: Path, *, batch_size: int, fields: FieldMap | None = None, given: FieldChoice = None
) -> Iterator[pd.DataFrame]:
    """Rows of a Parquet file in batches, columns mapped."""
    fields = fields or parquet_fields(path, given=given)
    for batch in _parquet_file(path).iter_batches(batch_size=batch_size):
        yield _renamed(batch.to_pandas(), fields)


def text_folder_batches(folder: Path, *, batch_size: int) -> Iterator[pd.DataFrame]:
    """Every text file of a folder (sorted by name) as one document each."""
    batch: list[dict] = []
    for path in sorted(p for p in folder.iterdir() if is_text_file(p)):
        try:
            text, _ = read_text_file(path)
        except InputError as err:
            warn_skipped(err)
            continue
        batch.append({"doc_id": stem(path), "text": text, "file": path.name})
        if len(batch) >= batch_size:
            yield pd.DataFrame.from_records(batch)
            batch = []
    if batch:
        yield pd.DataFrame.from_records(batch)


def read_manifest(folder: Path) -> pd.DataFrame:
    """The manifest of a corpus folder, every column as str, whatever encoding it was saved in."""
    from khabar.manifest import read_manifest_frame  # manifest builds on this module

    return read_manifest_frame(folder)


def manifest_batches(folder: Path, *, batch_size: int, strict: bool) -> Iterator[pd.DataFrame]:
    """Documents of a corpus folder in manifest order, each checked against its hash."""
    manifest = read_manifest(folder)
    for start in range(0, len(manifest), batch_size):
        rows = manifest.iloc[start : start + batch_size]
        texts, keep = [], []
        for row in rows.itertuples(index=False):
            text = _stored_text(folder, row, strict=strict)
            keep.append(text is not None)
            texts.append(text)
        batch = rows.assign(text=texts)[keep]
        if len(batch):
            yield batch.reset_index(drop=True)


def _stored_text(folder: Path, row, *, strict: bool) -> str | None:
    path = folder / row.file
    try:
        text = path.read_text(encoding="utf-8")
        if getattr(row, "sha256", "") and sha256_text(text) != row.sha256:
            raise InputError("content no longer matches its sha256 in manifest.csv", path=path)
    except FileNotFoundError:
        error = InputError("listed in manifest.csv but missing", path=path)
    except (OSError, UnicodeDecodeError) as err:
        error = InputError(f"unreadable ({err})", path=path)
    except InputError as err:
        error = err
    else:
        return text
    if strict:
        raise error
    warn_skipped(error)
    return None
