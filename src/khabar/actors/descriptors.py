"""References to actors by role (زعيم كوريا الشمالية، الرئيس الروسي), reported apart from names."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from khabar.actors.dictionary import Lexicon, lexicon
from khabar.actors.document import Doc
from khabar.actors.finding import docs_of, frame
from khabar.actors.resolve import forms, mentions, soft, through_article
from khabar.corpus import Corpus
from khabar.engine import concat_batches
from khabar.lexicon import phrase_key

__all__ = ["DESCRIPTOR_COLUMNS", "descriptors_batch", "find_descriptors"]

DESCRIPTOR_COLUMNS = (
    "doc_id", "actor_id", "actor_en", "actor_ar", "descriptor", "surface", "start", "end",
    "sentence_id",
)  # fmt: skip
_NEXT_TO_RE = re.compile(r"[\s\"'“”«»„()\-–—،,]*")
#: A descriptor after these is part of a longer title (نائب رئيس الوزراء الصيني، ولي ولي العهد).
_TITLE_BEFORE = frozenset(phrase_key("نائب نائبة مساعد مساعدة وكيل ولي القائم"))
#: A descriptor before these names someone else (الرئيس الروسي السابق، الرئيس الكوري الجنوبي).
_TITLE_AFTER = frozenset(
    phrase_key("السابق السابقة الأسبق الراحل الراحلة المخلوع المعزول الجنوبي الجنوبية المنتخب")
)


def _inside_title(lex: Lexicon, doc: Doc, first: int, last: int) -> bool:
    """نائب رئيس الوزراء الصيني، الرئيس الروسي السابق: a longer title, someone else."""
    if soft(doc, first) and set(forms(doc.keys[first - 1])) & _TITLE_BEFORE:
        return True
    if not soft(doc, last + 1):
        return False
    following = doc.keys[last + 1]
    return following in _TITLE_AFTER or following in lex.nationalities


def _next_to(doc: Doc, i: int, neighbour: str | None, actor_id: str) -> bool:
    return neighbour == actor_id and soft(doc, i, pattern=_NEXT_TO_RE)


def _descriptor_rows(doc_id: str, doc: Doc, lex: Lexicon) -> list[tuple]:
    found = mentions(doc, lex)
    named = {m.actor_id for m in found}
    after = {m.last: m.actor_id for m in found}
    before = {m.first: m.actor_id for m in found}
    rows = []
    for match in lex.descriptors.find(doc):
        who = [i for i in match.value.ids if i in named]
        if len(who) != 1 or through_article(doc, match.first, match.value.head):
            continue
        if _inside_title(lex, doc, match.first, match.last):
            continue
        if _next_to(doc, match.first, after.get(match.first - 1), who[0]) or _next_to(
            doc, match.last + 1, before.get(match.last + 1), who[0]
        ):
            continue  # الرئيس الروسي فلاديمير بوتين: one mention, counted by name
        entry = lex.entries[who[0]]
        start, end = doc.start(match.first), doc.end(match.last)
        rows.append((
            doc_id, entry.id, entry.en, entry.ar, match.value.written, doc.text[start:end], start,
            end, doc.sentence_of(start),
        ))  # fmt: skip
    return rows


def descriptors_batch(batch: pd.DataFrame, *, extra: str | Path | None = None) -> pd.DataFrame:
    """Descriptor references in one batch of documents (the work of ``find_descriptors``)."""
    lex = lexicon(extra)
    rows: list[tuple] = []
    for doc_id, doc, _ in docs_of(batch):
        rows.extend(_descriptor_rows(doc_id, doc, lex))
    return frame(rows, DESCRIPTOR_COLUMNS)


def find_descriptors(
    corpus: Corpus,
    *,
    engine: str = "local",
    progress: bool | None = None,
    extra: str | Path | None = None,
) -> pd.DataFrame:
    """References to actors by role (زعيم كوريا الشمالية، الرئيس الروسي), apart from names.

    A descriptor counts for an actor only where the article names that actor too (roles change
    hands: الرئيس الأوكراني in 2015 is not Zelensky), and not when it stands right next to a
    name mention of the same actor (الرئيس الروسي فلاديمير بوتين is one mention), inside a
    longer title (نائب رئيس الوزراء الصيني) or before السابق and the like.

    Returns:
        Columns ``DESCRIPTOR_COLUMNS`` in document then text order: ``descriptor`` is the
        dictionary phrase, ``surface`` the text as written (للزعيم الكوري الشمالي).
    """
    options = corpus.dictionary_option("actors.yaml", extra)
    empty = frame([], DESCRIPTOR_COLUMNS)
    return concat_batches(
        corpus, descriptors_batch, empty=empty, engine=engine, progress=progress, **options
    )
