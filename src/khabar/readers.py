"""Reading documents from disk: decoding, and batch readers for every corpus format."""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from khabar.errors import InputError

__all__ = [
    "MANIFEST",
    "TEXT_SUFFIXES",
    "csv_batches",
    "decode_bytes",
    "iter_jsonl_records",
    "jsonl_batches",
    "jsonl_partitions",
    "manifest_batches",
    "parquet_batches",
    "read_manifest",
    "read_text_file",
    "sha256_text",
    "text_folder_batches",
    "warn_skipped",
]

MANIFEST = "manifest.csv"
TEXT_SUFFIXES = (".txt", ".text", ".md")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_ARABIC_SHARE_FOR_CP1256 = 0.3


def sha256_text(text: str) -> str:
    """Hex SHA-256 of a text's UTF-8 bytes: the identity of a stored document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum("\u0600" <= c <= "\u06ff" for c in letters) / len(letters)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a document's bytes; returns (text, encoding found).

    Tries a byte-order mark (UTF-8, UTF-16, UTF-32), then strict UTF-8, then Windows-1256 when
    the result reads as Arabic. Never substitutes replacement characters.

    Raises:
        InputError: empty, binary, or in no encoding khabar can read.
    """
    if not data.strip():
        raise InputError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding)), encoding
            except UnicodeDecodeError as err:
                raise InputError(
                    f"not valid {encoding} despite its byte-order mark ({err.reason})"
                ) from None
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = ""
    if text and _arabic_share(text) >= _ARABIC_SHARE_FOR_CP1256 and _is_text(text):
        return _checked(text), "cp1256"
    raise InputError("not UTF-8, UTF-16 or Windows-1256 Arabic text (binary or unknown encoding)")


def _is_text(text: str) -> bool:
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    return controls <= len(text) // 100


def _checked(text: str) -> str:
    if not text.strip():
        raise InputError("empty file")
    if not _is_text(text):
        raise InputError("binary file (control characters), not text")
    return text


def read_text_file(path: Path) -> tuple[str, str]:
    """Read and decode one text file; returns (text, encoding)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(err.strerror or str(err), path=path) from None
    try:
        return decode_bytes(data)
    except InputError as err:
        raise InputError(err.reason, path=path) from None


def iter_jsonl_records(
    path: Path, *, start: int = 0, end: int | None = None, first_line: int = 1
) -> Iterator[tuple[int, dict | InputError]]:
    """(line number, record) for each non-blank line; broken lines give an InputError.

    ``start``/``end`` restrict reading to a byte range that begins at a line start
    (``first_line`` is its line number), as made by ``jsonl_partitions``.
    """
    with path.open("rb") as handle:
        handle.seek(start)
        number = first_line - 1
        while end is None or handle.tell() < end:
            raw = handle.readline()
            if not raw:
                break
            number += 1
            if raw.strip():
                yield number, _parse_json_line(raw, path=path, line=number)


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


def _parse_json_line(raw: bytes, *, path: Path, line: int) -> dict | InputError:
    try:
        record = json.loads(raw.decode("utf-8-sig") if line == 1 else raw.decode("utf-8"))
    except UnicodeDecodeError:
        return InputError("line is not UTF-8", path=path, line=line)
    except json.JSONDecodeError as err:
        return InputError(f"broken JSON ({err.msg})", path=path, line=line)
    if not isinstance(record, dict):
        return InputError("line is not a JSON object", path=path, line=line)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError("no text (missing or empty 'text' field)", path=path, line=line)
    return record


def warn_skipped(error: InputError) -> None:
    """Report a skipped input without stopping."""
    warnings.warn(f"skipped {error}", stacklevel=3)


def jsonl_batches(
    path: Path, *, batch_size: int, start: int = 0, end: int | None = None, first_line: int = 1
) -> Iterator[pd.DataFrame]:
    """Good records of a JSONL file (or of a byte range of it), in batches.

    Broken lines are named in a warning. Records without a doc_id get ``<file stem>-<line>``.
    """
    batch: list[dict] = []
    for line, record in iter_jsonl_records(path, start=start, end=end, first_line=first_line):
        if isinstance(record, InputError):
            warn_skipped(record)
            continue
        if record.get("doc_id") in (None, ""):
            record["doc_id"] = f"{path.stem}-{line}"
        batch.append(record)
        if len(batch) >= batch_size:
            yield pd.DataFrame.from_records(batch)
            batch = []
    if batch:
        yield pd.DataFrame.from_records(batch)


def csv_batches(path: Path, *, batch_size: int) -> Iterator[pd.DataFrame]:
    """Rows of a CSV file with a ``text`` column, in batches."""
    _require_text_column(path, _csv_header(path))
    yield from pd.read_csv(
        path, dtype=str, keep_default_na=False, chunksize=batch_size, encoding="utf-8-sig"
    )


def _csv_header(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return next(csv.reader(handle), [])
    except UnicodeDecodeError:
        raise InputError("CSV is not UTF-8", path=path) from None


def parquet_batches(path: Path, *, batch_size: int) -> Iterator[pd.DataFrame]:
    """Rows of a Parquet file with a ``text`` column, in batches."""
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as err:  # pyarrow raises several types for unreadable files
        raise InputError(f"not a readable Parquet file ({err})", path=path) from None
    _require_text_column(path, parquet.schema_arrow.names)
    for batch in parquet.iter_batches(batch_size=batch_size):
        yield batch.to_pandas()


def _require_text_column(path: Path, columns: list[str]) -> None:
    if "text" not in columns:
        found = ", ".join(columns[:8]) or "none"
        raise InputError(f"no 'text' column (columns: {found})", path=path)


def text_folder_batches(folder: Path, *, batch_size: int) -> Iterator[pd.DataFrame]:
    """Every text file of a folder (sorted by name) as one document each."""
    batch: list[dict] = []
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in TEXT_SUFFIXES):
        try:
            text, _ = read_text_file(path)
        except InputError as err:
            warn_skipped(err)
            continue
        batch.append({"doc_id": path.stem, "text": text, "file": path.name})
        if len(batch) >= batch_size:
            yield pd.DataFrame.from_records(batch)
            batch = []
    if batch:
        yield pd.DataFrame.from_records(batch)


def read_manifest(folder: Path) -> pd.DataFrame:
    """The manifest of a corpus folder, every column as str."""
    path = folder / MANIFEST
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, ValueError, UnicodeDecodeError) as err:
        raise InputError(f"unreadable manifest ({err})", path=path) from None


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
