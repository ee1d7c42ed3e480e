"""The analysis tables of a corpus, computed once and cached for every notebook and re-run.

The cache is a folder of Parquet files under ``<out>/.khabar-cache/<key>/``, where the key
hashes the corpus content (ids, texts and metadata), the khabar version and the dictionaries in
use (packaged data and the corpus's own YAML). Any change gives a new key; older entries of the
same output folder are removed when a new one is written.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import math
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pandas as pd

from khabar import __version__
from khabar.breakdown import date_frequency, doc_groups, has_dates, has_outlets
from khabar.corpus import Corpus, load_corpus
from khabar.errors import InputError
from khabar.sources import count_sources
from khabar.table_jobs import BIGRAM_ERROR, JOB_CHAINS, write_table

__all__ = ["CACHE_FOLDER", "CorpusTables", "cache_key", "corpus_tables"]

CACHE_FOLDER = ".khabar-cache"
#: Bumped when the tables' content or shape changes without a version change.
_LAYOUT = "2"
_DICTIONARIES = ("actors.yaml", "sources.yaml")
#: Text beyond which bigrams are counted in a systematic sample of documents (memory: the
#: bigram tally takes about 80 bytes per character of text).
_BIGRAM_CHARS = 8_000_000
#: Text beyond which terms per outlet and per period are counted in separate passes (memory).
_APART_CHARS = 30_000_000
_STAMP = "stamp"
_DONE = "done"


class CorpusTables:
    """The tables of one corpus, read from the cache folder on first use.

    Attributes are the table names: articles, growth, terms, bigrams, terms_by (term counts
    per outlet x period cell), cells (docs and tokens per cell), groups (outlet and period
    of each document), sources, actors (with discovered people), descriptors.
    """

    NAMES = (
        "articles", "growth", "terms", "bigrams", "terms_by", "cells", "groups",
        "sources", "actors", "descriptors",
    )  # fmt: skip

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._loaded: dict[str, pd.DataFrame] = {}
        info = json.loads((folder / "info.json").read_text(encoding="utf-8"))
        #: The period of the over-time views ("D", "W" or "M").
        self.freq: str = info["freq"]
        #: The corpus names two or more outlets / dates.
        self.outlets: bool = info["outlets"]
        self.dates: bool = info["dates"]
        #: Bigrams are counted in every ``bigram_step``-th document (1: all of them).
        self.bigram_step: int = info["bigram_step"]
        self.docs: int = info["docs"]

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name not in CorpusTables.NAMES:
            raise AttributeError(name)
        if name not in self._loaded:
            parts = [self.folder / f"{name}.parquet", self.folder / f"{name}-period.parquet"]
            frames = [pd.read_parquet(path) for path in parts if path.exists()]
            self._loaded[name] = (
                pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
            )
        return self._loaded[name]

    @property
    def bigram_error(self) -> str:
        """Why bigrams could not be counted ("" when they were)."""
        path = self.folder / BIGRAM_ERROR
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def default_actor(self) -> str:
        """The most mentioned person (Arabic name), else the most mentioned actor, else ""."""
        mentions = self.actors
        people = mentions[mentions["kind"] == "person"]
        return _most_common(people if len(people) else mentions, "actor_ar")

    def default_term(self) -> str:
        """The corpus's most frequent term (stopwords excluded), else ""."""
        return str(self.terms["term"].iloc[0]) if len(self.terms) else ""

    def default_source(self) -> str:
        """The id of the most cited source, else ""."""
        counts = count_sources(self.sources)
        return str(counts["source_id"].iloc[0]) if len(counts) else ""


def _most_common(rows: pd.DataFrame, column: str) -> str:
    if rows.empty:
        return ""
    counts = rows.groupby(column).size()
    return str(sorted(counts.index, key=lambda v: (-int(counts[v]), str(v)))[0])


_DATA_SUFFIXES = (".yaml", ".txt")


def cache_key(corpus: Corpus) -> str:
    """A hex digest of the corpus content, the khabar version and the dictionaries in use."""
    return _scan(corpus)[0]


def _version_digest(corpus: Corpus) -> hashlib._Hash:
    """A digest of the khabar version and the dictionaries in use, to add the corpus to."""
    digest = hashlib.sha256(f"khabar {__version__} layout {_LAYOUT}".encode())
    data = Path(__file__).parent / "data"
    for path in sorted(data.iterdir()):
        if path.suffix not in _DATA_SUFFIXES:
            continue  # build scripts and their inputs are not read at run time
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for name in _DICTIONARIES:
        own = corpus.dictionary(name)
        digest.update(own.read_bytes() if own else b"-")
    return digest


def _stamp(corpus: Corpus, path: Path) -> str:
    """What the corpus's files look like on disk (names, sizes, modification times), with the
    version and dictionaries: a re-run whose stamp matches a cache entry's skips reading the
    corpus, the way make and git's index trust unchanged file metadata."""
    digest = _version_digest(corpus)
    files = sorted(os.scandir(path), key=lambda e: e.name) if path.is_dir() else [path]
    for entry in files:
        stat = entry.stat()
        digest.update(f"{os.fspath(entry)}\0{stat.st_size}\0{stat.st_mtime_ns}\1".encode())
    return digest.hexdigest()


def _stamped(root: Path, stamp: str) -> Path | None:
    """The finished cache entry under ``root`` written for ``stamp``, if any."""
    if not root.is_dir():
        return None
    for entry in root.iterdir():
        written = entry / _STAMP
        if _done(entry) and written.exists() and written.read_text() == stamp:
            return entry
    return None


def _scan(corpus: Corpus) -> tuple[str, pd.DataFrame, int]:
    """One pass over the corpus: its cache key, its metadata columns and its characters."""
    digest = _version_digest(corpus)
    metadata, chars = [], 0
    for batch in corpus.iter_batches():
        for column in ("doc_id", "text", "title", "outlet", "date"):
            digest.update("\0".join(map(str, batch[column])).encode("utf-8", "surrogatepass"))
            digest.update(b"\1")
        metadata.append(batch[["doc_id", "outlet", "date"]])
        chars += int(batch["text"].str.len().sum())
    docs = (
        pd.concat(metadata, ignore_index=True)
        if metadata
        else corpus.docs[["doc_id", "outlet", "date"]]
    )
    return digest.hexdigest()[:20], docs, chars


def corpus_tables(
    corpus: str | Path | Corpus,
    *,
    out: str | Path,
    cache: bool = True,
    workers: int = 1,
    folder: str | Path | None = None,
) -> CorpusTables:
    """The corpus's tables, from the cache under ``out`` or computed now (and cached).

    Args:
        corpus: A corpus path (what ``load_corpus`` takes) or a loaded corpus.
        out: The report's output folder; the cache lives in ``out/.khabar-cache``.
        cache: False computes afresh into a temporary folder (removed when the process
            ends) and leaves the cache alone.
        workers: Processes computing the tables at once (2 uses both cores of a small
            machine; never two counting jobs at once, see ``table_jobs.JOB_CHAINS``).
        folder: The tables already computed for this corpus (``CorpusTables.folder``, which
            ``khabar report`` hands its notebooks): read from there, without reading the corpus.

    Raises:
        InputError: ``folder`` holds no finished tables.
    """
    if folder is not None:
        return _finished(Path(folder))
    loaded = corpus if isinstance(corpus, Corpus) else load_corpus(corpus, lazy=True)
    root = Path(out) / CACHE_FOLDER
    # only a corpus given by its path: a Corpus object may be read with other field options
    stamp = _stamp(loaded, Path(corpus)) if cache and isinstance(corpus, str | Path) else None
    if stamp and (entry := _stamped(root, stamp)):
        return CorpusTables(entry)
    key, docs, chars = _scan(loaded)
    freq = date_frequency(docs["date"])
    meta = {
        "freq": freq,
        "outlets": bool(has_outlets(docs)),
        "dates": bool(has_dates(docs)),
    }
    folder = root / key if cache else _scratch_folder()
    if not _done(folder):
        step = max(1, math.ceil(chars / _BIGRAM_CHARS))
        groups = doc_groups(docs, freq=freq)
        cells = "apart" if chars > _APART_CHARS else "both"  # 100+ cells at once: over 1 GB
        _compute(
            loaded,
            corpus,
            folder,
            workers=workers,
            groups=groups,
            bigram_step=step,
            cells=cells,
            **meta,
        )
        if cache:
            _prune(root, keep=folder.name)
    if stamp:
        (folder / _STAMP).write_text(stamp, encoding="utf-8")
    return CorpusTables(folder)


def _scratch_folder() -> Path:
    """A temporary folder for uncached tables, read on first use and removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="khabar-tables-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _done(folder: Path) -> bool:
    """True when every table of ``folder`` was written (the marker comes last)."""
    return (folder / _DONE).exists()


def _finished(folder: Path) -> CorpusTables:
    if not _done(folder):
        raise InputError("no finished khabar tables in this folder", path=folder)
    return CorpusTables(folder)


def _compute(loaded: Corpus, given: object, folder: Path, *, workers: int, **meta: object) -> None:
    tmp = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    write_table(meta.pop("groups"), tmp, "groups")
    info = {
        "bigram_step": meta["bigram_step"],
        "docs": len(pd.read_parquet(tmp / "groups.parquet")),
        **{name: meta[name] for name in ("freq", "outlets", "dates")},
    }
    (tmp / "info.json").write_text(json.dumps(info), encoding="utf-8")
    jobs = [job for chain in JOB_CHAINS for job in chain]
    path = str(given) if isinstance(given, str | Path) else None
    if path is None:
        for job in jobs:
            job(loaded, tmp, meta)
    else:
        chains = JOB_CHAINS if workers > 1 else (jobs,)
        with ThreadPoolExecutor(len(chains)) as threads:
            runs = [threads.submit(_run_chain, chain, path, tmp, meta) for chain in chains]
            for run in runs:
                run.result()
    (tmp / _DONE).write_text("ok\n", encoding="utf-8")
    if folder.exists():
        shutil.rmtree(folder)
    os.replace(tmp, folder)


def _prune(root: Path, *, keep: str) -> None:
    for entry in root.iterdir():
        if entry.name != keep and not entry.name.startswith("."):
            shutil.rmtree(entry, ignore_errors=True)


def _run_chain(chain: Sequence, path: str, folder: Path, meta: dict) -> None:
    with _one_job_pool() as pool:
        for job in chain:
            pool.submit(_run_job, job, path, folder, meta).result()


def _one_job_pool() -> ProcessPoolExecutor:
    """One worker process, a fresh one per job from Python 3.11.

    Memory one job freed is then not held while the next runs.
    """
    if sys.version_info >= (3, 11):
        return ProcessPoolExecutor(max_workers=1, max_tasks_per_child=1)
    return ProcessPoolExecutor(max_workers=1)


def _run_job(
    job: Callable[[Corpus, Path, dict], None], path: str, folder: Path, meta: dict
) -> None:
    job(load_corpus(path, lazy=True), folder, meta)
