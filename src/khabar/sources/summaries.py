"""Summaries of the source table: counts per source, per document, per cue; claims; pairs."""

from __future__ import annotations

import pandas as pd

from khabar.corpus import Corpus
from khabar.lexicon import SOURCE_TYPES, match_key
from khabar.sources.cuelist import Cues, load_cues
from khabar.sources.table import find_sources
from khabar.tokens import tokenize

__all__ = [
    "SOURCE_TYPES",
    "claims_by_source",
    "count_sources",
    "cue_counts",
    "source_actor_pairs",
    "source_counts",
    "sources_per_doc",
]


def source_counts(corpus: Corpus, *, engine: str = "local") -> pd.DataFrame:
    """Attributions per source: count and number of documents, most cited first."""
    return count_sources(find_sources(corpus, engine=engine))


def count_sources(table: pd.DataFrame) -> pd.DataFrame:
    """``source_counts`` from rows of ``find_sources`` already in hand (no second pass)."""
    keys = ["source_id", "source_en", "source_ar", "source_type"]
    if table.empty:
        return pd.DataFrame(columns=[*keys, "count", "doc_count"]).astype(
            {"count": "int64", "doc_count": "int64"}
        )
    # One row per source: an unlisted source or a person may be written differently.
    grouped = table.groupby("source_id", sort=False).agg(
        source_en=("source_en", "first"),
        source_ar=("source_ar", "first"),
        source_type=("source_type", "first"),
        count=("doc_id", "size"),
        doc_count=("doc_id", "nunique"),
    )
    grouped = grouped.reset_index().sort_values(
        ["count", "source_en"], ascending=[False, True], kind="stable"
    )
    return grouped.reset_index(drop=True)


def sources_per_doc(table: pd.DataFrame) -> pd.DataFrame:
    """Attributions per document and source type (index doc_id), for a stacked bar chart."""
    counts = pd.crosstab(table["doc_id"], table["source_type"]) if len(table) else pd.DataFrame()
    present = [t for t in SOURCE_TYPES if t in counts.columns]
    counts = counts.reindex(columns=present, fill_value=0).astype("int64")
    counts.columns.name = "source_type"
    counts.index.name = "doc_id"
    return counts


def cue_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Attributions per cue lemma (ذكر، قال، بحسب ...) and role, most used first."""
    cues = load_cues()
    lemmas = (
        table["cue"].map(lambda cue: _cue_lemma(cue, cues))
        if len(table)
        else pd.Series(dtype=object)
    )
    frame = pd.DataFrame(
        {"cue": lemmas, "role": table["role"] if len(table) else pd.Series(dtype=object)}
    )
    counts = frame.groupby(["cue", "role"]).size().rename("count").reset_index()
    counts["count"] = counts["count"].astype("int64")
    return counts.sort_values(
        ["count", "cue", "role"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)


def _cue_lemma(cue: str, cues: Cues) -> str:
    """A cue's dictionary form: the verb's lemma (وذكرت -> ذكر), a frame as listed (وفقا لـ)."""
    keys = [match_key(t.norm) for t in tokenize(cue.replace("لـ", " "))]
    if not keys:
        return cue
    verb = cues.verb_at(keys[0])
    if verb:
        return cues.lemmas[verb[0]] + (" عن" if keys[-1] == "عن" and len(keys) > 1 else "")
    frames = cues.frames_at(keys, 0)
    return frames[0][0].phrase if frames else cue


def source_actor_pairs(sources: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Which sources speak about which actors: sentences where a source is cited and an actor named.

    Args:
        sources: Rows of ``find_sources``.
        actors: Rows of ``khabar.find_actors`` on the same corpus.

    Returns:
        source_id, source_ar, actor_id, actor_ar, sentences (distinct sentences), sorted by
        sentences (most first), then source and actor.
    """
    keys = ["doc_id", "sentence_id"]
    cited = sources[[*keys, "source_id", "source_ar", "start", "end"]]
    named = actors[[*keys, "actor_id", "actor_ar", "start", "end"]]
    pairs = cited.merge(named, on=keys, suffixes=("_source", "_actor"))
    # The source's own name (الكرملين cited as a source) is not an actor it speaks about.
    inside = (pairs["start_actor"] < pairs["end_source"]) & (
        pairs["start_source"] < pairs["end_actor"]
    )
    pairs = pairs[~inside].drop_duplicates([*keys, "source_id", "actor_id"])
    table = (
        pairs.groupby(["source_id", "source_ar", "actor_id", "actor_ar"]).size().rename("sentences")
    )
    table = table.reset_index()
    order = ["sentences", "source_ar", "actor_ar"]
    return table.sort_values(order, ascending=[False, True, True], kind="mergesort").reset_index(
        drop=True
    )


def claims_by_source(table: pd.DataFrame) -> pd.DataFrame:
    """The attributed claims, grouped by source (most cited first), as analysts read them."""
    claims = table[table["claim"].str.len() > 0]
    counts = claims.groupby("source_ar")["claim"].transform("size")
    ordered = claims.assign(_n=counts).sort_values(
        ["_n", "source_ar", "doc_id", "start"],
        ascending=[False, True, True, True],
        kind="mergesort",
    )
    return ordered[["source_ar", "doc_id", "cue", "role", "claim"]].reset_index(drop=True)
