"""The Corpus: documents with metadata, held in memory or streamed in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from khabar import readers
from khabar.dates import parse_date
from khabar.errors import InputError
from khabar.fields import FieldMap, field_choice

__all__ = ["DEFAULT_BATCH", "META_COLUMNS", "Corpus", "as_datetimes", "load_corpus"]

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
    frame["date"] = as_datetimes(frame["date"])
    rest = [c for c in frame.columns if c not in META_COLUMNS]
    return frame[list(META_COLUMNS) + rest].reset_index(drop=True)


def as_datetimes(values: pd.Series) -> pd.Series:
    """Dates as a datetime64 column: ISO and the forms ``parse_date`` reads; NaT where unknown."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    iso = {v: parse_date(v) for v in values.dropna().astype(str).unique()}
    return pd.to_datetime(
        values.map(lambda v: iso.get(str(v)) if pd.notna(v) else None),
        format="ISO8601",
        errors="coerce",
    )


def _day_end(until: Any) -> pd.Timestamp:
    stamp = pd.Timestamp(until)
    return stamp + pd.Timedelta(days=1) if stamp == stamp.normalize() else stamp


def _matches(docs: pd.DataFrame, equals: dict[str, Any]) -> pd.Series:
    keep = pd.Series(True, index=docs.index)
    for column, value in equals.items():
        if column not in docs.columns:
            raise KeyError(f"no metadata column {column!r}; columns: {', '.join(docs.columns)}")
        keep &= (
            docs[column].isin(value)
            if isinstance(value, list | tuple | set)
            else docs[column] == value
        )
    return keep


@dataclass(frozen=True)
class _Filter:
    """Which documents a subset keeps; picklable so lazy subsets can run on Dask."""

    function: Callable[[pd.DataFrame], pd.Series] | None
    equals: dict[str, Any]
    since: pd.Timestamp | None
    until: pd.Timestamp | None

    def __call__(self, docs: pd.DataFrame) -> pd.Series:
        keep = _matches(docs, self.equals)
        if self.function is not None:
            keep &= self.function(docs)
        if self.since is not None:
            keep &= docs["date"] >= self.since
        if self.until is not None:
            keep &= docs["date"] < self.until
        return keep.fillna(False).astype(bool)


def _filtered_batches(batches: BatchFactory, keep: _Filter, size: int) -> Iterator[pd.DataFrame]:
    for batch in batches(size):
        chosen = batch[keep(standardize(batch, first_index=0))]
        if len(chosen):
            yield chosen


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
            batches = list(self.iter_batches())
            if not batches:
                return standardize(pd.DataFrame({"text": []}, dtype=str), first_index=0)
            return pd.concat(batches, ignore_index=True)
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
        if self._batches is None:
            docs = self.docs
            for start in range(0, len(docs), size):
                yield docs.iloc[start : start + size]
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
        self,
        mask: pd.Series | Callable[[pd.DataFrame], pd.Series] | None = None,
        *,
        outlet: str | Sequence[str] | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        **equals: Any,
    ) -> Corpus:
        """Documents of an outlet (or several), within dates, matching a mask or column values.

        ``since`` and ``until`` are inclusive (``until="2015-07-31"`` keeps that whole day);
        documents without a date are left out when either is given. A lazy corpus stays lazy
        unless ``mask`` is a Series.

        Example: ``corpus.subset(outlet="okaz", since="2015-08-01")``,
        ``corpus.subset(lambda d: d.title.str.contains("بوتين"))``.
        """
        if outlet is not None:
            equals["outlet"] = [outlet] if isinstance(outlet, str) else list(outlet)
        keep = _Filter(
            None if isinstance(mask, pd.Series) else mask,
            equals,
            None if since is None else pd.Timestamp(since),
            None if until is None else _day_end(until),
        )
        if self._batches is not None and not isinstance(mask, pd.Series):
            subset = Corpus(batches=partial(_filtered_batches, self._batches, keep), name=self.name)
        else:
            docs = self.docs
            chosen = keep(docs) & (mask if isinstance(mask, pd.Series) else True)
            subset = Corpus(docs[chosen].reset_index(drop=True), name=self.name)
        subset.path = self.path
        return subset

    def text(self, doc_id: str) -> str:
        """The text of one document."""
        rows = self.docs.loc[self.docs["doc_id"] == doc_id, "text"]
        if rows.empty:
            raise KeyError(f"no document {doc_id!r}")
        return rows.iloc[0]


def _jsonl_partitioner(path: Path, fields: FieldMap) -> Partitioner:
    def split(target_bytes: int, at_least: int) -> list[Callable[..., Iterator[pd.DataFrame]]]:
        even = max(path.stat().st_size // max(at_least, 1), _MIN_PART_BYTES)
        ranges = readers.jsonl_partitions(path, target_bytes=min(target_bytes, even))
        return [
            partial(readers.jsonl_batches, path, fields=fields, start=s, end=e, first_line=n)
            for s, e, n in ranges
        ]

    return split


_FIELD_READERS = {
    "jsonl": (readers.jsonl_fields, readers.jsonl_batches),
    "csv": (readers.csv_fields, readers.csv_batches),
    "parquet": (readers.parquet_fields, readers.parquet_batches),
}


def _batch_factory(path: Path, *, strict: bool, fields: FieldMap | None) -> BatchFactory:
    if path.is_dir():
        if (path / readers.MANIFEST).exists():
            return lambda size: readers.manifest_batches(path, batch_size=size, strict=strict)
        return lambda size: readers.text_folder_batches(path, batch_size=size)
    kind = readers.input_kind(path)
    if kind not in _FIELD_READERS:
        raise InputError(
            "not a corpus: expected a folder, .jsonl, .csv (optionally .gz) or .parquet",
            path=path,
        )
    batches = _FIELD_READERS[kind][1]
    return lambda size: batches(path, batch_size=size, fields=fields)


def _field_map(path: Path, given: dict[str, str | None]) -> FieldMap | None:
    kind = None if path.is_dir() else readers.input_kind(path)
    if kind not in _FIELD_READERS:
        return None
    return _FIELD_READERS[kind][0](path, given=given)


def load_corpus(
    path: str | Path = "corpus",
    *,
    lazy: bool = False,
    strict: bool = True,
    text_field: str | None = None,
    title_field: str | None = None,
    date_field: str | None = None,
    outlet_field: str | None = None,
    url_field: str | None = None,
    id_field: str | None = None,
) -> Corpus:
    """Load a corpus folder (with manifest.csv), a folder of text files, JSONL, CSV or Parquet.

    JSONL and CSV may be gzipped (``.jsonl.gz``, ``.csv.gz``). Their fields are mapped to the
    corpus columns by the usual names (content, headline, published, source, link ...,
    case-insensitively) unless named with the ``*_field`` options; other fields are kept.

    Args:
        path: Where the corpus is.
        lazy: Stream documents in batches instead of reading them all into memory.
        strict: For corpus folders, stop with an error naming any document whose file is
            missing or no longer matches its hash; with ``strict=False`` such documents are
            skipped with a warning.
        text_field: Field holding the article text (likewise title, date, outlet, url, id).

    Raises:
        InputError: the path does not exist or is not a corpus, naming it and the reason.
    """
    path = Path(path)
    if not path.exists():
        raise InputError("no such file or folder", path=path)
    given = field_choice(
        text_field=text_field,
        title_field=title_field,
        date_field=date_field,
        outlet_field=outlet_field,
        url_field=url_field,
        id_field=id_field,
    )
    fields = _field_map(path, given)
    factory = _batch_factory(path, strict=strict, fields=fields)
    name = readers.stem(path) if path.is_file() else path.name
    if lazy:
        splittable = readers.input_kind(path) == "jsonl" and not path.name.endswith(".gz")
        partitions = _jsonl_partitioner(path, fields) if splittable and fields else None
        corpus = Corpus(batches=factory, partitions=partitions, name=name)
        corpus.path = path
        return corpus
    batches = list(Corpus(batches=factory).iter_batches())
    if not batches:
        raise InputError("no readable documents", path=path)
    corpus = Corpus(pd.concat(batches, ignore_index=True), name=name)
    corpus.path = path
    return corpus
