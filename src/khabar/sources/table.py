"""The source table: one row per attribution, per document, per batch, per corpus."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from khabar.corpus import Corpus
from khabar.engine import concat_batches
from khabar.sources.attribution import attribution, credit_cue
from khabar.sources.claims import claim
from khabar.sources.cuelist import Cues, load_cues
from khabar.sources.mentions import Lexicon, head_word, lexicon, read_passage, resolve
from khabar.sources.passage import Cue, Mention, Passage
from khabar.sources.people import Speech, speeches

__all__ = ["COLUMNS", "find_sources", "sources_batch"]

COLUMNS = (
    "doc_id", "source_id", "source_en", "source_ar", "source_type", "cue", "role",
    "surface", "start", "end", "sentence_id", "claim", "title", "affiliation", "category",
    "gender", "resolved",
)  # fmt: skip
_NO_PERSON = ("", "", "", "")


def _doc_rows(doc_id: str, text: str, lex: Lexicon, cues: Cues) -> list[tuple]:
    doc = read_passage(text, lex, cues)
    rows = _source_rows(doc_id, doc, lex)
    said = speeches(doc)
    named = [s.span for s in said if s.person is not None and not s.pronoun]
    rows = [row for row in rows if not _inside_named(row, doc, named)]
    rows += [_speech_row(doc_id, doc, speech) for speech in said]
    return sorted(rows, key=lambda row: row[8])


def _source_rows(doc_id: str, doc: Passage, lex: Lexicon) -> list[tuple]:
    """Rows of the outlets and bodies (listed or not) that a cue governs."""
    rows: list[tuple] = []
    history: list[tuple] = []  # (sentence, entry, head, cited) of named mentions so far
    previous: tuple[Mention, Cue | None] | None = None
    for m in doc.mentions:
        cue = attribution(doc, m)
        if cue is None and previous and previous[1] and _joins(previous[0], m):
            if previous[0].entry and m.entry and previous[0].entry.id == m.entry.id:
                previous = (m, None)
                continue  # وكالة الأنباء الكويتية (كونا): one citation
            cue = previous[1]  # apposition or coordination: بحسب رويترز وفرانس برس
        previous = (m, cue)
        cue = cue or credit_cue(doc, m)
        entry = m.entry or (resolve(doc, m, history, lex.heads) if cue else None)
        if m.entry:
            head = head_word(doc, m, lex.heads)
            history.append((doc.sent[m.first], m.entry, head, cue is not None))
        said = "" if cue is None or cue.role == "credit" else claim(doc, m, cue)
        if cue is None or entry is None or _wants_claim(doc, cue, said):
            continue
        start, end = doc.starts[m.first] + m.trim, doc.ends[m.last]
        rows.append((
            doc_id, entry.id, entry.en, entry.ar, entry.kind, cue.text, cue.role,
            doc.text[start:end], start, end, doc.sent[m.first], said, *_NO_PERSON, bool(m.ref),
        ))  # fmt: skip
    return rows


def _joins(previous: Mention, m: Mention) -> bool:
    """Whether ``m`` stands in apposition or coordination with the mention right before it."""
    return previous.last + 1 == m.first and not m.strict and m.clitic == previous.clitic


def _wants_claim(doc: Passage, cue: Cue, said: str) -> bool:
    """«واشنطن بوست» كتبت كثيرا: a verb that cites only with a claim, and none follows."""
    return not said and cue.role == "reported_by" and doc.verb(cue.first) in doc.cues.needs_claim


def _inside_named(row: tuple, doc: Passage, spans: list[tuple[int, int]]) -> bool:
    """An unnamed label inside a named speaker's titles (المحلل الاقتصادي X): the person speaks."""
    if row[4] != "unnamed":
        return False
    return any(doc.starts[f] <= row[8] < doc.ends[last] for f, last in spans)


def _speech_row(doc_id: str, doc: Passage, speech: Speech) -> tuple:
    """The row of a cited person (or of an official cited by title)."""
    start, end = doc.starts[speech.first], doc.ends[speech.last]
    person = speech.person
    if person is None:
        source_id = "official:" + " ".join(doc.keys[speech.first : speech.last + 1])
        en = ar = speech.title
        kind = "official"
    elif person.entry is not None:
        source_id, en, ar, kind = person.entry.id, person.entry.en, person.entry.ar, "person"
    else:
        source_id, en, ar, kind = (
            "person:" + " ".join(person.keys),
            person.name,
            person.name,
            "person",
        )
    cue = speech.cue
    return (
        doc_id, source_id, en, ar, kind, cue.text, cue.role, doc.text[start:end], start, end,
        doc.sent[speech.first], speech.claim, speech.title, speech.affiliation, speech.category,
        speech.gender, speech.pronoun,
    )  # fmt: skip


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
    lex = lexicon(None if extra is None else str(extra))
    cues = load_cues()
    rows: list[tuple] = []
    for doc_id, text in zip(batch["doc_id"].tolist(), batch["text"].tolist(), strict=True):
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
