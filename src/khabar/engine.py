"""Running per-batch work over a corpus: locally, or on Dask partitions.

Every analysis that walks the whole corpus is written as a function of one batch of
documents returning a mergeable partial result. ``run_batches`` applies it batch by batch,
in corpus order, on this machine or on a Dask cluster; results come back in corpus order
either way, so merged results are identical.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd

from khabar.corpus import DEFAULT_BATCH, Corpus

__all__ = ["ENGINES", "concat_batches", "gc_paused", "progress_enabled", "run_batches"]

ENGINES = ("local", "dask")
#: Corpora at least this large (documents) show a progress bar by default.
PROGRESS_MIN_DOCS = 2000


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector.

    Batch work makes millions of small objects (tokens, matches) and no reference cycles; the
    collector would otherwise walk them again and again as they pile up.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def progress_enabled(progress: bool | None, *, corpus: Corpus) -> bool:
    """Whether to show a progress bar: as asked, else on for long work and never under CI."""
    if progress is not None:
        return progress
    if os.environ.get("CI") or os.environ.get("KHABAR_NO_PROGRESS"):
        return False
    return corpus.lazy or len(corpus) >= PROGRESS_MIN_DOCS


class _Progress:
    """A tqdm bar counting documents, with MB/s in its postfix."""

    def __init__(self, enabled: bool, *, total: int | None, desc: str) -> None:
        self._bar = None
        self._bytes = 0
        if enabled:
            from tqdm.auto import tqdm

            self._bar = tqdm(total=total, unit="doc", desc=desc, file=sys.stderr, smoothing=0.1)

    def update(self, docs: int, chars: int) -> None:
        if self._bar is None:
            return
        self._bytes += chars * 2  # Arabic letters take 2 bytes in UTF-8
        if docs:
            self._bar.update(docs)
        elapsed = self._bar.format_dict.get("elapsed") or 0
        if elapsed:
            self._bar.set_postfix_str(f"{self._bytes / 1e6 / elapsed:.1f} MB/s", refresh=False)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def run_batches(
    corpus: Corpus,
    work: Callable[..., Any],
    *,
    engine: str = "local",
    progress: bool | None = None,
    batch_size: int | None = None,
    combine: Callable[[list], Any] | None = None,
    **options: Any,
) -> Iterator[Any]:
    """``work(batch, **options)`` for every batch of the corpus, results in corpus order.

    ``combine`` (a function of a list of results) lets the Dask engine merge results on the
    workers; callers still merge what they get, so it changes speed, never results.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    total = None if corpus.lazy else len(corpus)
    bar = _Progress(
        progress_enabled(progress, corpus=corpus),
        total=total,
        desc=getattr(work, "__name__", "work").removesuffix("_batch"),
    )
    size = batch_size or DEFAULT_BATCH
    try:
        if engine == "local":
            for batch in corpus.iter_batches(size):
                with gc_paused():
                    result = work(batch, **options)
                yield result
                bar.update(len(batch), int(batch["text"].str.len().sum()))
        else:
            from khabar.distributed import dask_batches

            yield from dask_batches(
                corpus, work, size=size, on_progress=bar.update, combine=combine, **options
            )
    finally:
        bar.close()


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The frames' rows in order; the first frame when none has a row."""
    kept = [frame for frame in frames if len(frame)]
    return pd.concat(kept, ignore_index=True) if kept else frames[0]


def concat_batches(
    corpus: Corpus,
    work: Callable[..., pd.DataFrame],
    *,
    empty: pd.DataFrame,
    engine: str = "local",
    progress: bool | None = None,
    **options: Any,
) -> pd.DataFrame:
    """All rows ``work(batch, **options)`` returns over the corpus, in corpus order.

    ``empty`` (a frame with the right columns) is returned when no batch has a row.
    """
    parts = run_batches(corpus, work, engine=engine, progress=progress, combine=_concat, **options)
    return _concat([empty, *parts])
