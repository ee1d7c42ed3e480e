"""Opening inputs: format from the suffix, gzip looked through, encoding judged, errors named."""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path

from khabar.encodings import decode_bytes, sniff_encoding
from khabar.errors import InputError

__all__ = [
    "READ_ERRORS",
    "TEXT_SUFFIXES",
    "file_encoding",
    "input_kind",
    "is_text_file",
    "open_input",
    "read_text_file",
    "stem",
    "unreadable",
]

TEXT_SUFFIXES = (".txt", ".text", ".md")
_KINDS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
_KINDS.update({suffix: "text" for suffix in TEXT_SUFFIXES})
_SNIFF_BYTES = 1 << 18
#: What reading a damaged or cut-short (possibly gzipped) file raises.
READ_ERRORS = (OSError, EOFError, zlib.error)


def input_kind(path: Path) -> str | None:
    """The kind of input ("jsonl", "csv", "parquet", "text") by suffix, through ``.gz``."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        kind = _KINDS.get(suffixes[0]) if len(suffixes) == 2 else None
        return None if kind == "parquet" else kind
    return _KINDS.get(suffixes[-1]) if suffixes else None


def stem(path: Path) -> str:
    """A file's name without its format and compression suffixes (``a.jsonl.gz`` -> ``a``)."""
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return Path(name).stem


def open_input(path: Path) -> gzip.GzipFile | io.BufferedReader:
    """A binary stream of a file, decompressed on the fly when it ends in ``.gz``."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def unreadable(err: BaseException, *, path: Path, line: int | None = None) -> InputError:
    """The InputError for a file that cannot be read (or decompressed) past some point."""
    if isinstance(err, EOFError):
        return InputError("compressed file is cut short", path=path, line=line)
    if isinstance(err, gzip.BadGzipFile | zlib.error):
        return InputError(f"not a readable gzip file ({err})", path=path, line=line)
    return InputError(f"unreadable ({getattr(err, 'strerror', None) or err})", path=path, line=line)


def file_encoding(path: Path) -> str:
    """The encoding of a JSONL or CSV file, judged from its first bytes."""
    try:
        with open_input(path) as handle:
            sample = handle.read(_SNIFF_BYTES)
    except READ_ERRORS as err:
        raise unreadable(err, path=path) from None
    try:
        return sniff_encoding(sample)
    except InputError as err:
        raise InputError(err.reason, path=path) from None


def _read_bytes(path: Path) -> bytes:
    with open_input(path) as handle:
        return handle.read()


def read_text_file(path: Path) -> tuple[str, str]:
    """Read and decode one text file; returns (text, encoding)."""
    try:
        data = _read_bytes(path)
    except OSError as err:  # the system's own short reason ("Is a directory")
        raise InputError(err.strerror or str(err), path=path) from None
    except READ_ERRORS as err:
        raise unreadable(err, path=path) from None
    try:
        return decode_bytes(data)
    except InputError as err:
        raise InputError(err.reason, path=path) from None


def is_text_file(path: Path) -> bool:
    """True for the plain-text documents of a folder (``.txt``, ``.md``, also gzipped)."""
    return input_kind(path) == "text"
