"""The manifest of a corpus folder as rows: read it in any encoding, merge, write atomically.

Rows are keyed by ``doc_id`` and every column is kept, known or not, so writers that add
metadata columns (or rename one) never lose each other's rows or fields.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from khabar import readers
from khabar.errors import InputError

__all__ = ["ManifestTable", "atomic_write", "merge_rows", "read_manifest_table", "write_merged"]

_SEPARATORS = (",", ";", "\t")
_last_written: dict[Path, tuple[int, int, int]] = {}


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
    try:
        text, encoding = readers.decode_bytes(path.read_bytes())
        separator = _separator(text)
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=separator)
    except InputError as err:
        raise InputError(f"unreadable manifest ({err.reason})", path=path) from None
    except (OSError, ValueError) as err:
        raise InputError(f"unreadable manifest ({err})", path=path) from None
    _last_written[path.resolve()] = _signature(path)
    columns = [str(c) for c in frame.columns]
    return ManifestTable(columns, frame.to_dict("records"), encoding, separator)


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

    The manifest is re-read only when it changed since this process last read or wrote it,
    so a long ingest does not re-read its own manifest at every checkpoint. Call it while
    holding the corpus lock.
    """
    path = folder / readers.MANIFEST
    if _last_written.get(path.resolve()) == _signature(path) and path.exists():
        disk = ManifestTable(columns=[], rows=[])
    else:
        disk = read_manifest_table(folder)
    table = merge_rows(disk, rows, columns=columns)
    frame = pd.DataFrame(table.rows, columns=table.columns).fillna("")
    atomic_write(path, frame.to_csv(index=False))
    _last_written[path.resolve()] = _signature(path)
    return table.rows
