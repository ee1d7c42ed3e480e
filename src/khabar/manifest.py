"""The manifest of a corpus folder as rows: read it in any encoding, merge, write atomically.

Rows are keyed by ``doc_id`` and every column is kept, known or not, so writers that add
metadata columns (or rename one) never lose each other's rows or fields.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from khabar import readers
from khabar.errors import InputError

__all__ = [
    "ManifestTable",
    "atomic_write",
    "merge_rows",
    "read_manifest_frame",
    "read_manifest_table",
    "write_merged",
]

_SEPARATORS = (",", ";", "\t")
_ARABIC = re.compile("[\u0621-\u064a]")
_last_seen: dict[Path, tuple[tuple[int, int, int] | None, frozenset[str]]] = {}


@dataclass
class ManifestTable:
    """A manifest as read from disk: its columns, rows, and the encoding it was saved in."""

    columns: list[str]
    rows: list[dict[str, str]]
    encoding: str = "utf-8"
    separator: str = ","


def atomic_write(path: Path, data: str) -> None:
    """Write to a temporary file in the same folder, flush to disk, then rename into place."""
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _remember(path: Path, rows: list[dict]) -> None:
    _last_seen[path.resolve()] = (_signature(path), frozenset(r.get("doc_id", "") for r in rows))


def _holds_disk(path: Path, rows: list[dict]) -> bool:
    """True when the manifest is unchanged since last seen here and ``rows`` hold all of it."""
    signature, ids = _last_seen.get(path.resolve(), (None, frozenset()))
    if signature is None or signature != _signature(path):
        return False
    return ids <= {row.get("doc_id", "") for row in rows}


def _decode(data: bytes) -> tuple[str, str]:
    """Like ``readers.decode_bytes``, but Windows-1256 needs only some Arabic: a manifest is
    mostly Latin (ids, file names, hashes), its Arabic is in the titles."""
    try:
        return readers.decode_bytes(data)
    except InputError:
        try:
            text = data.decode("cp1256")
        except UnicodeDecodeError:
            raise InputError("not UTF-8, UTF-16 or Windows-1256 text") from None
        if not _ARABIC.search(text) or "\x00" in text:
            raise InputError("not UTF-8, UTF-16 or Windows-1256 text") from None
        return text, "cp1256"


def _separator(text: str) -> str:
    header = text.split("\n", 1)[0]
    return max(_SEPARATORS, key=header.count) if "doc_id," not in header else ","


def read_manifest_table(folder: Path) -> ManifestTable:
    """The manifest of ``folder`` (empty when there is none), decoded whatever its encoding.

    A manifest re-saved by a spreadsheet (Windows-1256, UTF-16, a byte-order mark, ``;`` or
    tab separators) is read; the encoding found is returned so callers can name it.

    Raises:
        InputError: the manifest is not text or not a table.
    """
    path = folder / readers.MANIFEST
    if not path.exists():
        return ManifestTable(columns=[], rows=[])
    frame, encoding, separator = _read_frame(path)
    rows = frame.to_dict("records")
    _remember(path, rows)
    return ManifestTable([str(c) for c in frame.columns], rows, encoding, separator)


def read_manifest_frame(folder: Path) -> pd.DataFrame:
    """The manifest of ``folder`` as a frame of str columns (what ``read_manifest_table`` reads).

    Raises:
        InputError: no manifest, or it is not text or not a table.
    """
    path = folder / readers.MANIFEST
    if not path.exists():
        raise InputError("no manifest.csv", path=path)
    return _read_frame(path)[0]


def _read_frame(path: Path) -> tuple[pd.DataFrame, str, str]:
    """The manifest at ``path``, its encoding and its column separator."""
    try:
        text, encoding = _decode(path.read_bytes())
        separator = _separator(text)
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=separator)
    except InputError as err:
        raise InputError(f"unreadable manifest ({err.reason})", path=path) from None
    except (OSError, ValueError) as err:
        raise InputError(f"unreadable manifest ({err})", path=path) from None
    old = {k: v for k, v in readers.MANIFEST_RENAMES.items() if k in frame and v not in frame}
    return frame.rename(columns=old), encoding, separator


def merge_rows(
    disk: ManifestTable, rows: list[dict], *, columns: list[str] | tuple[str, ...] = ()
) -> ManifestTable:
    """Every row of ``disk``, then each row of ``rows`` whose doc_id disk does not hold.

    Columns are the union (disk order first); a row lacking a column gets an empty value.
    A doc_id on both sides keeps the row on disk, so nothing another writer stored is replaced.
    """
    merged = [dict(row) for row in disk.rows]
    seen = {row.get("doc_id") for row in merged}
    for row in rows:
        if row.get("doc_id") not in seen:
            merged.append(dict(row))
            seen.add(row.get("doc_id"))
    union = list(dict.fromkeys([*disk.columns, *(k for r in rows for k in r), *columns]))
    return ManifestTable(union, merged)


def write_merged(
    folder: Path, rows: list[dict], *, columns: list[str] | tuple[str, ...] = ()
) -> list[dict]:
    """Merge ``rows`` with the manifest on disk and replace it atomically; returns the rows.

    The manifest is not re-read when it is unchanged since this process last read or wrote
    it and ``rows`` already hold all of it, so a long ingest does not re-read its own
    manifest at every checkpoint. Call it while holding the corpus lock.
    """
    path = folder / readers.MANIFEST
    empty = ManifestTable(columns=[], rows=[])
    disk = empty if _holds_disk(path, rows) else read_manifest_table(folder)
    table = merge_rows(disk, rows, columns=columns)
    frame = pd.DataFrame(table.rows, columns=table.columns).fillna("")
    atomic_write(path, frame.to_csv(index=False))
    _remember(path, table.rows)
    return table.rows
