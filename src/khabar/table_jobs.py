"""The jobs that compute a corpus's tables, each writing Parquet files into a folder.

Each job reads the corpus on its own (``tables`` runs them in fresh processes, two chains side
by side) and writes its tables under their names; ``info`` holds what the corpus scan found.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from khabar.actors import find_actors, find_descriptors
from khabar.breakdown import parse_dates
from khabar.corpus import Corpus
from khabar.counts import Tally, finish_terms, merge_tallies, tally_batch, term_frequency
from khabar.engine import gc_paused
from khabar.overview import Overview
from khabar.sources import find_sources

__all__ = ["BIGRAM_ERROR", "JOB_CHAINS", "write_table"]

_BIGRAMS_KEPT = 5_000
BIGRAM_ERROR = "bigrams-error.txt"
_CELL = "\x1f"


def write_table(frame: pd.DataFrame, folder: Path, name: str) -> None:
    frame.reset_index(drop=True).to_parquet(folder / f"{name}.parquet", index=False)


def _term_job(corpus: Corpus, folder: Path, meta: dict) -> None:
    """Terms of the corpus and of each outlet x period cell (outlet only: see ``_period_job``)."""
    split = meta["outlets"] or meta["dates"]
    apart = meta["cells"] == "apart"
    overview = Overview()
    batches = _tee(corpus.iter_batches(), overview.add)  # one reading for all three tables
    terms, sizes, by_cell = _cell_terms(batches, folder, split=split, period=not apart)
    write_table(overview.articles(), folder, "articles")
    write_table(overview.growth(), folder, "growth")
    write_table(terms, folder, "terms")
    write_table(_cell_table(sizes, split), folder, "cells")
    write_table(_trim_cells(by_cell, terms), folder, "terms_by")


def _period_job(corpus: Corpus, folder: Path, meta: dict) -> None:
    """On a large corpus, terms per period in a pass of their own (cells apart: less memory)."""
    if meta["cells"] != "apart" or not meta["dates"]:
        return
    terms, sizes, by_cell = _cell_terms(corpus.iter_batches(), folder, split=True, outlet=False)
    write_table(_cell_table(sizes, True), folder, "cells-period")
    write_table(_trim_cells(by_cell, terms), folder, "terms_by-period")


def _tee(
    batches: Iterator[pd.DataFrame], also: Callable[[pd.DataFrame], None]
) -> Iterator[pd.DataFrame]:
    for batch in batches:
        also(batch)
        yield batch


def _cell_terms(
    batches: Iterator[pd.DataFrame],
    folder: Path,
    *,
    split: bool,
    outlet: bool = True,
    period: bool = True,
) -> tuple[pd.DataFrame, list[tuple], pd.DataFrame]:
    """The term table, (cell, docs, tokens) of each cell and the term rows per cell."""
    groups = pd.read_parquet(folder / "groups.parquet")
    outlets = groups["outlet"].fillna("").astype(str) if outlet else ""
    dated = groups["period"].notna()  # pandas 3 turns NaT into NaN, not "NaT", under astype(str)
    periods = groups["period"].astype(str).where(dated, "NaT") if period else "NaT"
    cells = dict(zip(groups["doc_id"], outlets + _CELL + periods, strict=True))
    with gc_paused():
        tally = merge_tallies(
            tally_batch(batch.assign(cell=batch["doc_id"].map(cells)), ngram=1, by="cell")
            if split
            else tally_batch(batch, ngram=1)
            for batch in batches
        )
        sizes = _cell_sizes(tally)
        by_cell = finish_terms(tally, by="cell") if split else pd.DataFrame()
        terms = finish_terms(dataclasses.replace(tally, groups=[None] * tally.docs))
    return terms, sizes, by_cell


def _cell_sizes(tally: Tally) -> list[tuple]:
    """(cell, documents, tokens) of each cell of a tally, in order of first appearance."""
    tokens = np.concatenate(tally.tokens) if tally.tokens else np.zeros(0, np.int64)
    frame = pd.DataFrame({"cell": tally.groups, "tokens": tokens}, dtype=object)
    sums = frame.groupby("cell", sort=False, dropna=False)["tokens"].agg(["size", "sum"])
    return [(cell, int(n), int(t)) for cell, (n, t) in sums.iterrows()]


def _cell_table(sizes: list[tuple], split: bool) -> pd.DataFrame:
    frame = pd.DataFrame(sizes, columns=["cell", "docs", "tokens"])
    if not split:
        return frame.assign(cell="", outlet=None, period=pd.NaT)
    parts = frame["cell"].str.split(_CELL, n=1, expand=True)
    outlet = parts[0].where(parts[0] != "", None)
    return frame.assign(outlet=outlet, period=parse_dates(parts[1].replace("NaT", "")))


def _trim_cells(by_cell: pd.DataFrame, terms: pd.DataFrame) -> pd.DataFrame:
    """Cell rows of the terms used in at least two documents (the rest cannot be key)."""
    columns = ["cell", "term", "count", "doc_count"]
    if by_cell.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype="int64" if "count" in c else object) for c in columns}
        )
    kept = set(terms.loc[terms["doc_count"] >= 2, "term"])
    return by_cell.loc[by_cell["term"].isin(kept), columns]


def _bigram_job(corpus: Corpus, folder: Path, meta: dict) -> None:
    """Top bigrams, of every ``bigram_step``-th document on a corpus too large to hold them all."""
    step = meta["bigram_step"]
    sample = corpus if step == 1 else Corpus(batches=lambda size: _every(corpus, step, size))
    try:
        bigrams = term_frequency(sample, ngram=2, progress=False).head(_BIGRAMS_KEPT)
    except (KeyError, ValueError) as error:  # a counting failure costs this table, not the report
        (folder / BIGRAM_ERROR).write_text(f"{type(error).__name__}: {error}", encoding="utf-8")
        bigrams = pd.DataFrame({"term": [], "count": [], "doc_count": [], "share": [], "forms": []})
    write_table(bigrams, folder, "bigrams")


def _every(corpus: Corpus, step: int, size: int) -> Iterator[pd.DataFrame]:
    seen = 0
    for batch in corpus.iter_batches(size):
        positions = [i for i in range(len(batch)) if (seen + i) % step == 0]
        seen += len(batch)
        yield batch.iloc[positions]


def _actor_job(corpus: Corpus, folder: Path, meta: dict) -> None:
    write_table(find_actors(corpus, discover=True, progress=False), folder, "actors")
    write_table(find_descriptors(corpus, progress=False), folder, "descriptors")


def _source_job(corpus: Corpus, folder: Path, meta: dict) -> None:
    write_table(find_sources(corpus, progress=False), folder, "sources")


#: The jobs as two chains that run side by side, each holding one job's memory at a time.
#: The counting jobs (terms, periods, bigrams) take about 1 GB each on 100 MB of text, the
#: actor and source jobs about half of that: no two counting jobs ever run at once.
JOB_CHAINS: tuple[tuple[Callable[[Corpus, Path, dict], None], ...], ...] = (
    (_term_job, _period_job, _source_job),
    (_actor_job, _bigram_job),
)
