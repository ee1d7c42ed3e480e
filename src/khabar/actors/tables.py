"""Summaries of ``find_actors`` rows: counts per actor, per document, pairs, and context."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from khabar.actors.finding import find_actors
from khabar.corpus import Corpus
from khabar.tokens import tokenize

__all__ = [
    "actor_counts",
    "co_mention_matrix",
    "co_mentions",
    "count_co_mentions",
    "count_mentions",
    "in_context",
    "mentions_per_doc",
]


def count_mentions(table: pd.DataFrame) -> pd.DataFrame:
    """Mentions per actor from ``find_actors`` rows, most mentioned first (ties by English name).

    Returns:
        actor_id, actor_en, actor_ar, kind, mentions, doc_count (articles naming the actor).
    """
    keys = ["actor_id", "actor_en", "actor_ar", "kind"]
    if table.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in keys}).assign(
            mentions=pd.Series(dtype="int64"), doc_count=pd.Series(dtype="int64")
        )
    grouped = table.groupby("actor_id", sort=False).agg(
        actor_en=("actor_en", "first"),
        actor_ar=("actor_ar", "first"),
        kind=("kind", "first"),
        mentions=("doc_id", "size"),
        doc_count=("doc_id", "nunique"),
    )
    grouped = grouped.reset_index().sort_values(
        ["mentions", "actor_en", "actor_id"], ascending=[False, True, True], kind="mergesort"
    )
    return grouped.reset_index(drop=True)


def actor_counts(
    corpus: Corpus,
    *,
    engine: str = "local",
    discover: bool = False,
    progress: bool | None = None,
    extra: str | Path | None = None,
) -> pd.DataFrame:
    """Mentions per actor: actor_id, actor_en, actor_ar, kind, mentions, doc_count.

    Sorted by mentions (most first), then English name.
    """
    return count_mentions(
        find_actors(corpus, discover=discover, engine=engine, progress=progress, extra=extra)
    )


def _labels(table: pd.DataFrame) -> dict[str, str]:
    """Display label per actor id: the Arabic name, made unique where two actors share it."""
    names = table.drop_duplicates("actor_id").set_index("actor_id")["actor_ar"].to_dict()
    clash = Counter(names.values())
    return {i: name if clash[name] == 1 else f"{name} ({i})" for i, name in names.items()}


def mentions_per_doc(table: pd.DataFrame, *, top: int | None = None) -> pd.DataFrame:
    """Documents x actors (Arabic names) mention counts, most mentioned actors first.

    Args:
        table: Rows of ``find_actors``.
        top: Keep this many most mentioned actors; None keeps all.
    """
    if table.empty:
        return pd.DataFrame(index=pd.Index([], name="doc_id"))
    labels = _labels(table)
    counts = pd.crosstab(table["doc_id"], table["actor_id"])
    order = sorted(counts.columns, key=lambda i: (-int(counts[i].sum()), labels[i]))
    counts = counts[order[:top] if top is not None else order]
    docs = list(dict.fromkeys(table["doc_id"]))
    counts = counts.reindex(docs).rename(columns=labels)
    counts.columns.name = None
    return counts


def count_co_mentions(
    table: pd.DataFrame, *, level: str = "sentence", kinds: Iterable[str] | None = None
) -> pd.DataFrame:
    """Pairs of actors named in the same sentence (or document), from ``find_actors`` rows.

    Returns:
        One row per unordered pair: actor_a, actor_b (ids, a < b), count, actor_a_ar, actor_b_ar;
        most frequent pairs first.
    """
    if level not in ("sentence", "doc"):
        raise ValueError(f"level must be 'sentence' or 'doc', not {level!r}")
    columns = ["actor_a", "actor_b", "count", "actor_a_ar", "actor_b_ar"]
    if kinds is not None:
        table = table[table["kind"].isin(list(kinds))]
    group = ["doc_id", "sentence_id"] if level == "sentence" else ["doc_id"]
    named = table[[*group, "actor_id"]].drop_duplicates()
    unit = pd.DataFrame(
        {"unit": named.groupby(group, sort=False).ngroup().to_numpy(), "actor": named["actor_id"]}
    )
    both = unit.merge(unit, on="unit", suffixes=("_a", "_b"))  # every pair within a unit
    both = both[both["actor_a"] < both["actor_b"]]
    if both.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype="int64" if c == "count" else object) for c in columns}
        )
    counted = both.groupby(["actor_a", "actor_b"]).size().rename("count").reset_index()
    labels = _labels(table)
    frame = counted.assign(
        actor_a_ar=counted["actor_a"].map(labels), actor_b_ar=counted["actor_b"].map(labels)
    )[columns]
    frame["count"] = frame["count"].astype("int64")
    return frame.sort_values(
        ["count", "actor_a_ar", "actor_b_ar", "actor_a", "actor_b"],
        ascending=[False, True, True, True, True],
        kind="mergesort",
    ).reset_index(drop=True)


def co_mentions(
    corpus: Corpus,
    *,
    level: str = "sentence",
    engine: str = "local",
    kinds: Iterable[str] | None = None,
    discover: bool = False,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Actor x actor counts: in how many sentences (``level="doc"``: documents) both are named.

    Args:
        corpus: The documents.
        level: ``"sentence"`` or ``"doc"``.
        engine: ``"local"`` or ``"dask"``.
        kinds: Keep only these actor kinds (e.g. ``["person"]``); all by default.
        discover: Include discovered unlisted people.
        progress: Show a progress bar (default: for large corpora).

    Returns:
        Long form, one row per pair: actor_a, actor_b, count, actor_a_ar, actor_b_ar.
        ``co_mention_matrix`` turns it into the square table for a heatmap.
    """
    table = find_actors(corpus, discover=discover, engine=engine, progress=progress)
    return count_co_mentions(table, level=level, kinds=kinds)


def co_mention_matrix(pairs: pd.DataFrame, *, top: int | None = None) -> pd.DataFrame:
    """The symmetric actor x actor table (Arabic names) of ``co_mentions`` pairs.

    Args:
        pairs: Rows of ``co_mentions`` / ``count_co_mentions``.
        top: Keep the actors with the most co-mentions; None keeps all.
    """
    if pairs.empty:
        return pd.DataFrame()
    both = pd.concat([
        pairs.rename(columns={"actor_a_ar": "row", "actor_b_ar": "col"}),
        pairs.rename(columns={"actor_b_ar": "row", "actor_a_ar": "col"}),
    ])  # fmt: skip
    totals = both.groupby("row")["count"].sum()
    order = sorted(totals.index, key=lambda name: (-int(totals[name]), name))
    order = order[:top] if top is not None else order
    # only the kept actors are pivoted: all of an archive's would be a dense table of GBs
    kept = both[both["row"].isin(order) & both["col"].isin(order)]
    matrix = kept.pivot_table(
        index="row", columns="col", values="count", aggfunc="sum", fill_value=0
    )
    matrix = matrix.reindex(index=order, columns=order, fill_value=0).astype("int64")
    matrix.index.name = matrix.columns.name = None
    return matrix


def in_context(corpus: Corpus, table: pd.DataFrame, actor: str, *, window: int = 5) -> pd.DataFrame:
    """Every counted mention of ``actor`` with ``window`` words either side.

    Built from ``find_actors`` rows, so it shows exactly what was counted: bare short forms
    resolved to the actor (كيم) are in, other people who share a word (كيم جونغ إيل) are out.

    Args:
        corpus: The documents ``table`` was found in.
        table: Rows of ``find_actors``.
        actor: The actor's id, Arabic name or English name (كيم جونغ أون, kim_jong_un).
        window: Words of context on each side.

    Returns:
        doc_id, pre, keyword, post, form, start, end.
    """
    columns = ["doc_id", "pre", "keyword", "post", "form", "start", "end"]
    rows = table[table[["actor_id", "actor_ar", "actor_en"]].eq(actor).any(axis=1)]
    wanted = set(rows["doc_id"])
    texts = {
        doc_id: text
        for batch in corpus.iter_batches()
        for doc_id, text in zip(batch["doc_id"], batch["text"], strict=True)
        if doc_id in wanted
    }
    starts = {doc_id: [t.start for t in tokenize(text)] for doc_id, text in texts.items()}
    ends = {doc_id: [t.end for t in tokenize(text)] for doc_id, text in texts.items()}
    out = []
    for row in rows.itertuples():
        text, first = texts[row.doc_id], bisect.bisect_left(starts[row.doc_id], row.start)
        last = bisect.bisect_left(ends[row.doc_id], row.end)
        before = starts[row.doc_id][max(first - window, 0)] if first else row.start
        after = ends[row.doc_id][min(last + window, len(ends[row.doc_id]) - 1)]
        out.append((
            row.doc_id, " ".join(text[before : row.start].split()), row.surface,
            " ".join(text[row.end : after].split()), row.form, row.start, row.end,
        ))  # fmt: skip
    return pd.DataFrame(out, columns=columns).astype({"start": "int64", "end": "int64"})
