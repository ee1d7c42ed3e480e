"""The Corpus: documents with metadata, held in memory or streamed in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from khabar import readers
from khabar.errors import InputError

__all__ = ["DEFAULT_BATCH", "META_COLUMNS", "Corpus", "load_corpus"]

#: Columns every corpus has, in this order (empty where unknown).
META_COLUMNS = ("doc_id", "text", "title", "outlet", "date")
DEFAULT_BATCH = 1000

BatchFactory = Callable[[int], Iterator[pd.DataFrame]]
#: Given a target size in bytes and a least number of parts, readers of independent parts of a
#: lazy corpus; each is picklable and called as ``reader(batch_size=n)``, so a Dask worker can
#: read its own part.
Partitioner = Callable[[int, int], list[Callable[..., Iterator[pd.DataFrame]]]]
_MIN_PART_BYTES = 1 << 20


def standardize(frame: pd.DataFrame, *, first_index: int) -> pd.DataFrame:
    """Give a batch the standard columns: string doc_id, text, title, outlet, date."""
    frame = frame.copy()
    if "doc_id" not in frame.columns:
        frame.insert(0, "doc_id", [f"doc{first_index + i:06d}" for i in range(len(frame))])
    frame["doc_id"] = frame["doc_id"].astype(str)
    frame["text"] = frame["text"].fillna("").astype(str)
    for column in META_COLUMNS[2:]:
        if column not in frame.columns:
            frame[column] = ""
    rest = [c for c in frame.columns if c not in META_COLUMNS]
    return frame[list(META_COLUMNS) + rest].reset_index(drop=True)


class Corpus:
    """A collection of documents and their metadata.

    An eager corpus holds ``docs`` in memory; a lazy one (``load_corpus(path, lazy=True)``)
    reads its documents in batches each time an analysis walks it. Analyses accept both and
    give the same results.
    """

    def __init__(
        self,
        docs: pd.DataFrame | None = None,
        *,
        batches: BatchFactory | None = None,
        partitions: Partitioner | None = None,
        name: str = "",
    ) -> None:
        if (docs is None) == (batches is None):
            raise ValueError("give either docs or batches")
        self._docs = standardize(docs, first_index=0) if docs is not None else None
        self._batches = batches
        self._partitions = partitions
        self.name = name
        self.path: Path | None = None

    @classmethod
    def from_texts(
        cls, texts: Iterable[str], ids: Sequence[str] | None = None, **metadata: Sequence[Any]
    ) -> Corpus:
        """A corpus from a list of strings, with optional ids and metadata columns."""
        texts = list(texts)
        if ids is not None and len(ids) != len(texts):
            raise ValueError(f"{len(ids)} ids for {len(texts)} texts")
        frame = pd.DataFrame({"text": texts, **{k: list(v) for k, v in metadata.items()}})
        if ids is not None:
            frame.insert(0, "doc_id", [str(i) for i in ids])
        return cls(frame)

    @property
    def lazy(self) -> bool:
        """True when documents are streamed from disk rather than held in memory."""
        return self._docs is None

    @property
    def docs(self) -> pd.DataFrame:
        """All documents as a DataFrame (a lazy corpus is read into memory for this)."""
        if self._docs is None:
            return pd.concat(list(self.iter_batches()), ignore_index=True)
        return self._docs

    def __len__(self) -> int:
        if self._docs is None:
            return sum(len(batch) for batch in self.iter_batches())
        return len(self._docs)

    def __repr__(self) -> str:
        kind = "lazy" if self.lazy else f"{len(self)} documents"
        return f"Corpus({self.name or 'unnamed'}: {kind})"

    def iter_batches(self, size: int = DEFAULT_BATCH) -> Iterator[pd.DataFrame]:
        """Documents in consecutive batches of at most ``size`` rows, in corpus order."""
        if self._docs is not None:
            for start in range(0, len(self._docs), size):
                yield self._docs.iloc[start : start + size]
            return
        seen = 0
        for raw in self._batches(size):
            batch = standardize(raw, first_index=seen)
            seen += len(batch)
            yield batch

    def dictionary(self, file_name: str) -> Path | None:
        """A corpus's own dictionary file (e.g. ``actors.yaml`` in its folder), if it has one."""
        if self.path is not None and self.path.is_dir() and (self.path / file_name).is_file():
            return self.path / file_name
        return None

    def dictionary_option(self, file_name: str, extra: str | Path | None) -> dict[str, str]:
        """``{"extra": path}`` for an analysis: ``extra`` if given, else the corpus's own file."""
        chosen = extra if extra is not None else self.dictionary(file_name)
        return {} if chosen is None else {"extra": str(chosen)}

    def partitions(
        self, target_bytes: int, *, at_least: int = 1
    ) -> list[Callable[..., Iterator[pd.DataFrame]]] | None:
        """Readers of independent byte ranges of a lazy corpus, or None if it cannot be split.

        Parts are at most ``target_bytes`` long, and smaller where that gives ``at_least`` parts.
        """
        if self._partitions is None:
            return None
        return self._partitions(target_bytes, at_least)

    def subset(
        self, mask: pd.Series | Callable[[pd.DataFrame], pd.Series] | None = None, **equals: Any
    ) -> Corpus:
        """Documents matching a boolean mask (or function of docs) and/or column == value pairs.

        Example: ``corpus.subset(outlet="Reuters")``, ``corpus.subset(lambda d: d.date >= "2024")``.
        """
        docs = self.docs
        keep = pd.Series(True, index=docs.index)
        if mask is not None:
            keep &= mask(docs) if callable(mask) else mask
        for column, value in equals.items():
            if column not in docs.columns:
                raise KeyError(f"no metadata column {column!r}; columns: {', '.join(docs.columns)}")
            keep &= (
                docs[column].isin(value)
                if isinstance(value, list | tuple | set)
                else docs[column] == value
            )
        subset = Corpus(docs[keep].reset_index(drop=True), name=self.name)
        subset.path = self.path
        return subset

    def text(self, doc_id: str) -> str:
        """The text of one document."""
        rows = self.docs.loc[self.docs["doc_id"] == doc_id, "text"]
        if rows.empty:
            raise KeyError(f"no document {doc_id!r}")
        return rows.iloc[0]


def _jsonl_partitioner(path: Path) -> Partitioner:
    def split(target_bytes: int, at_least: int) -> list[Callable[..., Iterator[pd.DataFrame]]]:
        even = max(path.stat().st_size // max(at_least, 1), _MIN_PART_BYTES)
        ranges = readers.jsonl_partitions(path, target_bytes=min(target_bytes, even))
        return [
            partial(readers.jsonl_batches, path, start=s, end=e, first_line=n) for s, e, n in ranges
        ]

    return split


def _batch_factory(path: Path, *, strict: bool) -> BatchFactory:
    suffix = path.suffix.lower()
    if path.is_dir():
        if (path / readers.MANIFEST).exists():
            return lambda size: readers.manifest_batches(path, batch_size=size, strict=strict)
        return lambda size: readers.text_folder_batches(path, batch_size=size)
    if suffix in (".jsonl", ".ndjson"):
        return lambda size: readers.jsonl_batches(path, batch_size=size)
    if suffix == ".csv":
        return lambda size: readers.csv_batches(path, batch_size=size)
    if suffix in (".parquet", ".pq"):
        return lambda size: readers.parquet_batches(path, batch_size=size)
    raise InputError("not a corpus: expected a folder, .jsonl, .csv or .parquet", path=path)


def load_corpus(path: str | Path = "corpus", *, lazy: bool = False, strict: bool = True) -> Corpus:
    """Load a corpus folder (with manifest.csv), a folder of .txt files, .jsonl, .csv or .parquet.

    Args:
        path: Where the corpus is.
        lazy: Stream documents in batches instead of reading them all into memory.
        strict: For corpus folders, stop with an error naming any document whose file is
            missing or no longer matches its hash; with ``strict=False`` such documents are
            skipped with a warning.

    Raises:
        InputError: the path does not exist or is not a corpus, naming it and the reason.
    """
    path = Path(path)
    if not path.exists():
        raise InputError("no such file or folder", path=path)
    factory = _batch_factory(path, strict=strict)
    name = path.stem
    if lazy:
        is_jsonl = path.is_file() and path.suffix.lower() in (".jsonl", ".ndjson")
        partitions = _jsonl_partitioner(path) if is_jsonl else None
        corpus = Corpus(batches=factory, partitions=partitions, name=name)
        corpus.path = path
        return corpus
    batches = list(Corpus(batches=factory).iter_batches())
    if not batches:
        raise InputError("no readable documents", path=path)
    corpus = Corpus(pd.concat(batches, ignore_index=True), name=name)
    corpus.path = path
    return corpus
