"""Source attribution: who each article cites, with which cue, for which claim.

A source (``data/sources.yaml``, or a back-reference such as الوكالة) counts only with a cue in
its sentence: a reporting verb before it (ذكرت وكالة X) or just after it (البيت الأبيض أعلن),
a frame before it (بحسب، وفقا لـ، نقلا عن), or a told-to frame (قال ... لوكالة فرانس برس).
Favours precision: a bare mention of the UN in a sentence about sanctions is not a citation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from khabar.corpus import Corpus
from khabar.cues import (
    MEDIA_TYPES,
    Cue,
    Cues,
    Mention,
    Passage,
    attribution,
    claim,
    load_cues,
    skip_letters,
)
from khabar.engine import concat_batches
from khabar.lexicon import SOURCE_TYPES, Entry, PhraseMatcher, load_entries, match_key, phrase_key
from khabar.tokens import tokenize

__all__ = [
    "COLUMNS",
    "SOURCE_TYPES",
    "claims_by_source",
    "count_sources",
    "cue_counts",
    "find_sources",
    "source_actor_pairs",
    "source_counts",
    "sources_batch",
    "sources_per_doc",
]

COLUMNS = (
    "doc_id", "source_id", "source_en", "source_ar", "source_type", "cue", "role",
    "surface", "start", "end", "sentence_id", "claim", "resolved",
)  # fmt: skip

_BODY_TYPES = frozenset({"government", "international_org", "unnamed"})
_OUTLET_PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل")
_RECENT = 2  # sentences within which a back-reference may pick among several candidates


@dataclass(frozen=True)
class _Ref:
    """A back-reference word: the last named source of ``kind`` (``any``: of any type)."""

    kind: str


@dataclass(frozen=True)
class _Name:
    """A listed source; ``strict`` for a short form that is also a common word (الجزيرة)."""

    entry: Entry
    strict: bool = False


@dataclass(frozen=True)
class _Lexicon:
    matcher: PhraseMatcher
    heads: frozenset[str]


@lru_cache(maxsize=8)
def _lexicon(extra: str | None) -> _Lexicon:
    entries = load_entries("sources", extra=extra)
    phrases: list[tuple[str, object]] = [(v, _Name(e)) for e in entries for v in e.variants]
    phrases += [(v, _Name(e, strict=True)) for e in entries for v in e.short]
    phrases += [(phrase, _Ref(kind)) for phrase, kind in load_cues().backrefs]
    heads = frozenset(key[0] for key in (phrase_key(p) for p, _ in phrases) if key)
    return _Lexicon(PhraseMatcher(phrases), heads | load_cues().outlet_words)


def _prefix(key: str, heads: frozenset[str]) -> tuple[str, bool] | None:
    """(proclitics on a mention's first word, whether the rest is written whole).

    None when the word is no conjunction + preposition + article + a listed word: the
    matcher also peels ك after ال (الكافي -> افي = EFE), which Arabic never writes.
    """
    for conj in ("", "و", "ف"):
        for prep in ("", "ب", "ل", "ك"):
            pre = conj + prep
            if not key.startswith(pre):
                continue
            body = key[len(pre) :]
            if body in heads or (body.startswith("ال") and body[2:] in heads):
                return pre, True
            if prep == "ل" and body.startswith("ل") and ("ا" + body in heads or body[1:] in heads):
                return pre, False  # للبيت = ل + البيت: the alef is not written
    return None


def _read(text: str, lex: _Lexicon, cues: Cues) -> Passage:
    """A document with its source mentions found."""
    doc = Passage(text, cues)
    found: list[Mention] = []
    for match in lex.matcher.find(doc.tokens, text):
        if match.first > 0 and doc.keys[match.first - 1] in cues.not_after:
            continue
        first = match.first
        if _outlet_word_before(doc, first, match.value):
            first -= 1
            if found and found[-1].last == first:
                found.pop()  # الشبكة CNN: one mention
        mention = _mention(doc, first, match.last, match.value, lex)
        if mention is not None:
            found.append(mention)
    doc.set_mentions(found)
    return doc


def _outlet_word_before(doc: Passage, first: int, value: object) -> bool:
    """Whether the word before a listed outlet names its kind (جريدة الجارديان)."""
    if first == 0 or not isinstance(value, _Name) or value.entry.kind not in MEDIA_TYPES:
        return False
    words = doc.cues.outlet_words
    if doc.keys[first] in words or doc.sent[first - 1] != doc.sent[first]:
        return False
    key = doc.keys[first - 1]
    return any(key[len(pre) :] in words for pre in _OUTLET_PREFIXES if key.startswith(pre))


def _mention(doc: Passage, first: int, last: int, value: object, lex: _Lexicon) -> Mention | None:
    """The mention a dictionary match makes, None where the match is spurious."""
    if isinstance(value, _Name):
        mention = Mention(first, last, value.entry, strict=value.strict)
    else:
        mention = Mention(first, last, None, ref=value.kind, strict=True)
    nationality = doc.cues.nationality_at(doc.keys, last + 1)
    if nationality and doc.sent[nationality[1]] == doc.sent[last]:
        if mention.ref:
            mention.country, mention.last = nationality
        elif _other_country(mention.entry, nationality[0]):
            return None  # مجلس الأمن القومي التركي is not the US NSC
    split = _prefix(doc.keys[first], lex.heads)
    if split is None:
        return None
    prefix, whole = split
    mention.clitic = prefix[-1:] if prefix[-1:] in ("ب", "ل", "ك") else ""
    if whole and prefix:
        mention.trim = skip_letters(doc.tokens[first].text, len(prefix))
    alone = (
        first > 0 and doc.sent[first - 1] == doc.sent[first] and doc.keys[first - 1] in ("ل", "ب")
    )
    if not prefix and alone:
        mention.clitic = doc.keys[first - 1]  # لـ “واس”
    return mention


def _other_country(entry: Entry, country: str) -> bool:
    return entry.kind in _BODY_TYPES and entry.country not in ("", "INT", country)


def _head(doc: Passage, m: Mention, heads: frozenset[str]) -> str:
    """The first word of a mention without clitics or article (وكالة، شبكة، قناة)."""
    key = doc.keys[m.first]
    prefix, _ = _prefix(key, heads) or ("", True)
    word = key[len(prefix) :]
    return word[2:] if word.startswith("ال") else word


def _resolve(doc: Passage, m: Mention, history: list, heads: frozenset[str]) -> Entry | None:
    """The source a back-reference stands for, where that is unambiguous."""
    if m.ref == "any":
        cited = [h for h in history if h[3]]
        return cited[-1][1] if cited else None
    head = _head(doc, m, heads)
    candidates = [
        h for h in history
        if (h[1].kind == m.ref or h[2] == head) and (not m.country or h[1].country == m.country)
    ]  # fmt: skip
    if not candidates or candidates[-1][1].kind != m.ref:
        return None
    last = candidates[-1][1]
    recent = {h[1].id for h in candidates if doc.sent[m.first] - h[0] <= _RECENT}
    if {h[1].id for h in candidates} == {last.id} or recent == {last.id}:
        return last
    return None


def _joins(previous: Mention, m: Mention) -> bool:
    """Whether ``m`` stands in apposition or coordination with the mention right before it."""
    return not m.strict and m.clitic == previous.clitic


def _doc_rows(doc_id: str, text: str, lex: _Lexicon, cues: Cues) -> list[tuple]:
    doc = _read(text, lex, cues)
    rows: list[tuple] = []
    history: list[tuple] = []  # (sentence, entry, head, cited) of named mentions so far
    previous: tuple[Mention, Cue | None] | None = None
    for m in doc.mentions:
        cue = attribution(doc, m)
        if (
            cue is None
            and previous
            and previous[1]
            and previous[0].last + 1 == m.first
            and _joins(previous[0], m)
        ):
            if previous[0].entry and m.entry and previous[0].entry.id == m.entry.id:
                previous = (m, None)
                continue  # وكالة الأنباء الكويتية (كونا): one citation
            cue = previous[1]  # apposition or coordination: بحسب رويترز وفرانس برس
        previous = (m, cue)
        entry = m.entry or (_resolve(doc, m, history, lex.heads) if cue else None)
        if m.entry:
            history.append((doc.sent[m.first], m.entry, _head(doc, m, lex.heads), cue is not None))
        if cue is None or entry is None:
            continue
        start, end = doc.tokens[m.first].start + m.trim, doc.tokens[m.last].end
        rows.append((
            doc_id, entry.id, entry.en, entry.ar, entry.kind, cue.text, cue.role, text[start:end],
            start, end, doc.sent[m.first], claim(doc, m, cue), bool(m.ref),
        ))  # fmt: skip
    return rows


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    return frame.astype(
        {"start": "int64", "end": "int64", "sentence_id": "int64", "resolved": "bool"}
    )


def _frame(rows: list[tuple]) -> pd.DataFrame:
    if not rows:
        return _empty()
    frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
    return frame.astype(
        {"start": "int64", "end": "int64", "sentence_id": "int64", "resolved": "bool"}
    )


def sources_batch(batch: pd.DataFrame, *, extra: str | Path | None = None) -> pd.DataFrame:
    """Attributions in one batch of documents (the per-batch work of ``find_sources``)."""
    lex = _lexicon(None if extra is None else str(extra))
    cues = load_cues()
    rows: list[tuple] = []
    for doc_id, text in zip(batch["doc_id"], batch["text"], strict=True):
        rows.extend(_doc_rows(str(doc_id), str(text or ""), lex, cues))
    return _frame(rows)


def find_sources(
    corpus: Corpus,
    *,
    engine: str = "local",
    progress: bool | None = None,
    extra: str | Path | None = None,
) -> pd.DataFrame:
    """One row per attribution: who is cited, with which cue and role, for which claim.

    Args:
        corpus: The documents.
        engine: ``"local"`` or ``"dask"`` (same rows either way).
        progress: Show a progress bar (default: for large corpora).
        extra: A YAML file of sources that extends or overrides the packaged ``sources.yaml``.

    Returns:
        Columns ``COLUMNS``, in document order then text order.
    """
    options = corpus.dictionary_option("sources.yaml", extra)
    return concat_batches(
        corpus, sources_batch, empty=_empty(), engine=engine, progress=progress, **options
    )


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
    grouped = table.groupby(keys, sort=False).agg(
        count=("doc_id", "size"), doc_count=("doc_id", "nunique")
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
