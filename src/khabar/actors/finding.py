"""find_actors and find_descriptors: rows of mentions, batch by batch, locally or on Dask.

With ``discover=True`` the corpus is read twice: first its vocabulary (a tally per batch,
merged), then the mentions, so the people found never depend on how the corpus is batched.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from khabar.actors.dictionary import Lexicon, lexicon, mastheads_of
from khabar.actors.discovery import discover as discover_people
from khabar.actors.discovery import longest_forms
from khabar.actors.document import Doc, doc_of, shared_docs
from khabar.actors.hints import Tally, Vocabulary
from khabar.actors.resolve import Mention, forms, mentions
from khabar.corpus import Corpus
from khabar.engine import concat_batches, run_batches

__all__ = [
    "COLUMNS",
    "UNLISTED",
    "actors_batch",
    "find_actors",
    "frame",
    "vocabulary_batch",
]

COLUMNS = (
    "doc_id", "actor_id", "actor_en", "actor_ar", "kind", "surface", "start", "end",
    "sentence_id", "form",
)  # fmt: skip
UNLISTED = "unlisted:"
_INT_COLUMNS = {"start": "int64", "end": "int64", "sentence_id": "int64"}


def docs_of(batch: pd.DataFrame) -> Iterator[tuple[str, Doc, frozenset]]:
    """(doc_id, document, its outlet's masthead phrases) for each row of a batch."""
    outlets = batch["outlet"].tolist() if "outlet" in batch.columns else [None] * len(batch)
    texts = batch["text"].tolist()  # a list is read faster than the Arrow-backed column
    for doc_id, text, outlet in zip(batch["doc_id"].tolist(), texts, outlets, strict=True):
        yield str(doc_id), doc_of(str(text or "")), mastheads_of(outlet)


def frame(rows: list[tuple], columns: Sequence[str]) -> pd.DataFrame:
    """Rows as a frame with ``columns`` (typed, also when empty)."""
    if not rows:
        table = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
        return table.astype(_INT_COLUMNS)
    text = pd.Series(["a"]).dtype  # what pandas makes of text (Arrow-backed str, or object)
    data = {}
    for name, values in zip(columns, zip(*rows, strict=True), strict=True):
        if name in _INT_COLUMNS:
            data[name] = np.fromiter(values, dtype="int64", count=len(values))
        elif text == np.dtype(object):
            data[name] = np.array(values, dtype=object)
        else:  # built by Arrow in one call rather than inferred value by value
            data[name] = pd.array(pa.array(values, type=pa.large_string()), dtype=text)
    return pd.DataFrame(data)


def vocabulary_batch(batch: pd.DataFrame) -> Tally:
    """What one batch writes (the first pass of ``find_actors(discover=True)``)."""
    tally = Tally()
    for text in batch["text"]:
        tally.add_text(str(text or ""))
    return tally


def _discovered(doc: Doc, found: list[Mention], lex: Lexicon, vocab: Vocabulary) -> list[Mention]:
    """Mentions of unlisted people (actor_id ``unlisted:<name>``, form: the name as written)."""
    covered: list[str | None] = [None] * len(doc)
    for m in found:
        kind = lex.entries[m.actor_id].kind if m.actor_id in lex.entries else "organization"
        covered[m.first : m.last + 1] = [kind] * (m.last - m.first + 1)
    people = discover_people(doc, covered=covered, vocab=vocab)
    return [Mention(f.first, f.last, UNLISTED + f.name, f.display) for f in people]


def _row_head(lex: Lexicon, m: Mention) -> tuple[tuple[str, str, str, str], str]:
    """(actor_id, actor_en, actor_ar, kind) and form of a mention's row."""
    if m.shaped is not None:
        return (m.shaped.id, m.shaped.en, m.shaped.ar, m.shaped.kind), m.form
    entry = lex.entries.get(m.actor_id)
    if entry is None:  # discovered: the form field carries the name as written
        return (m.actor_id, "(unlisted)", m.form, "person"), "discovered"
    return (entry.id, entry.en, entry.ar, entry.kind), m.form


def _doc_rows(doc_id: str, doc: Doc, lex: Lexicon, *, mastheads, vocab) -> list[tuple]:
    found = mentions(doc, lex, mastheads=mastheads)
    if vocab is not None:
        found = sorted(found + _discovered(doc, found, lex, vocab))
    kept = []
    for m in found:
        head, form = _row_head(lex, m)
        if (
            head[3] == "person"
            and m.first > 0
            and not lex.named_after.isdisjoint(forms(doc.keys[m.first - 1]))
        ):
            continue  # مركز الملك سلمان: the name of a place
        kept.append((m.first, m.last, head, form))
    if not kept:
        return []
    bounds = doc.bounds([(first, last) for first, last, _, _ in kept])
    sentences = doc.sentence_numbers([start for start, _ in bounds])
    text = doc.text
    return [
        (doc_id, *head, text[start:end], start, end, n, form)
        for (_, _, head, form), (start, end), n in zip(kept, bounds, sentences, strict=True)
    ]


def actors_batch(
    batch: pd.DataFrame,
    *,
    discover: bool = False,
    vocab: Vocabulary | None = None,
    extra: str | Path | None = None,
) -> pd.DataFrame:
    """Name mentions in one batch of documents (the per-batch work of ``find_actors``).

    ``vocab`` is the whole corpus's vocabulary for discovery; without it, the batch's own.
    """
    lex = lexicon(extra)
    docs: Iterable[tuple[str, Doc, frozenset]] = docs_of(batch)  # one document read at a time
    if discover and vocab is None:
        docs = list(docs)
        vocab = Vocabulary.of_texts(doc.keys for _, doc, _ in docs)
    rows: list[tuple] = []
    for doc_id, doc, mastheads in docs:
        rows.extend(
            _doc_rows(doc_id, doc, lex, mastheads=mastheads, vocab=vocab if discover else None)
        )
    return frame(rows, COLUMNS)


def _merge_discovered(table: pd.DataFrame) -> pd.DataFrame:
    """One id per discovered person: the longest form seen in the corpus that ends like a
    shorter one names it, and the name as first written in that form is its display name."""
    unlisted = table["actor_id"].str.startswith(UNLISTED)
    if not unlisted.any():
        return table
    ids = table.loc[unlisted, "actor_id"]
    names = {i: tuple(i[len(UNLISTED) :].split()) for i in ids.unique()}
    longest = longest_forms(list(names.values()), ends_only=True)
    to = {i: UNLISTED + " ".join(longest[name]) for i, name in names.items()}
    own = table[unlisted & ids.map(to).eq(table["actor_id"]).reindex(table.index, fill_value=False)]
    display = own.groupby("actor_id", sort=False)["actor_ar"].first()
    table.loc[unlisted, "actor_id"] = ids.map(to)
    table.loc[unlisted, "actor_ar"] = table.loc[unlisted, "actor_id"].map(display)
    return table


def find_actors(
    corpus: Corpus,
    *,
    discover: bool = False,
    engine: str = "local",
    progress: bool | None = None,
    extra: str | Path | None = None,
) -> pd.DataFrame:
    """One row per name mention of an actor (person, country, organization, place).

    Args:
        corpus: The documents.
        discover: Also find people the dictionary lacks (kind ``person``, ``actor_id``
            ``unlisted:<normalized name>``, form ``discovered``), from titles, nationality
            adjectives, reporting verbs and appositions around their names.
        engine: ``"local"`` or ``"dask"`` (same rows either way, for any batch size).
        progress: Show a progress bar (default: for large corpora).
        extra: A YAML file of actors (e.g. ``corpus/actors.yaml``) that extends or overrides the
            packaged ``actors.yaml``.

    Returns:
        Columns ``COLUMNS`` in document then text order; ``surface`` is ``text[start:end]`` as
        written, clitics included (لبوتين); ``form`` is ``name`` (a listed spelling), ``short``
        (a bare short form resolved to the person named earlier), ``pattern`` (a ministry, or
        an organization or place read by its shape: جامعة جازان, مطار عدن الدولي, with
        ``actor_id`` ``org:<normalized name>`` or ``place:<normalized name>``) or
        ``discovered``.
    """
    options: dict[str, Any] = {"discover": discover}
    options |= corpus.dictionary_option("actors.yaml", extra)
    with shared_docs() if discover and not corpus.lazy else nullcontext():
        if discover:
            tallies = run_batches(
                corpus, vocabulary_batch, engine=engine, progress=progress, combine=Tally.merged
            )
            options["vocab"] = Vocabulary.of(Tally.merged(tallies))
        empty = frame([], COLUMNS)
        table = concat_batches(
            corpus, actors_batch, empty=empty, engine=engine, progress=progress, **options
        )
    return _merge_discovered(table) if len(table) else table
