"""Reading each document once for both passes of discovery changes no result."""

from __future__ import annotations

from contextlib import nullcontext

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar import Corpus, find_actors
from khabar.actors import document, finding
from khabar.actors.document import doc_of, shared_docs
from khabar.actors.hints import Tally

_WORDS = ["بن", "بنت", "سامي", "النجار", "قال", "الباحث", "\u200f", "محمد", "عبدالله", "في"]
_GAPS = [" ", " ", "، ", "\u200f ", " - ", ". "]

_texts = st.lists(
    st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GAPS)), max_size=12).map(
        lambda pairs: "".join(w + g for w, g in pairs)
    ),
    min_size=1,
    max_size=6,
)


def _tally(texts: list[str]) -> Tally:
    tally = Tally()
    for text in texts:
        tally.add_text(text)
    return tally


@settings(max_examples=60, deadline=None)
@given(_texts)
def test_the_tally_is_the_same_read_from_shared_documents(texts):
    alone = _tally(texts)
    with shared_docs():
        shared = _tally(texts)
    assert shared == alone


def test_a_shared_document_is_read_once_and_only_inside_the_block(monkeypatch):
    text = "قال الباحث سامي النجار إن الوضع تغير."
    with shared_docs():
        assert doc_of(text) is doc_of(text)
    assert doc_of(text) is not doc_of(text)
    monkeypatch.setattr(document, "_SHARED_CHARS", 0)  # over the limit: nothing kept
    with shared_docs():
        assert doc_of(text) is not doc_of(text)


def test_discovered_people_are_the_same_with_or_without_sharing(monkeypatch):
    texts = [
        "قال الباحث سامي النجار إن الوضع تغير. وأضاف النجار أن الحل قريب.",
        "يعمل نجار في الحي القديم منذ سنوات.",
        "التقى عبدالله بن سعد آل غانم بالوفد.\u200f وقال المتحدث حسام زكي إن الاجتماع مثمر.",
    ]
    shared = find_actors(Corpus.from_texts(texts), discover=True)
    monkeypatch.setattr(finding, "shared_docs", nullcontext)  # each pass reads the texts
    alone = find_actors(Corpus.from_texts(texts), discover=True)
    assert shared.equals(alone)
    assert shared["actor_id"].str.startswith("unlisted:").any()
