"""The shortcuts the speaker rules take agree with what they stand for, on any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.sources import load_cues
from khabar.sources.names import (
    accept_name,
    joined,
    may_start_name,
    name_end,
    no_name_at,
)
from khabar.sources.passage import Passage, find_mark

_WORDS = [
    "وقال", "قالت", "أكد", "وأضاف", "بحسب", "وزير", "الخارجية", "الأردني", "أيمن", "الصفدي",
    "محمد", "بن", "عبد", "الله", "التركي", "السعودي", "اللواء", "المتحدث", "باسم", "وزارة",
    "بجامعة", "لخدمات", "حديثه", "خياراً", "وقيادي", "رويترز", "إن", "أن", "في", "على",
    "علي", "سارة", "الخطيب", "روجر", "برايس", "تقارير", "مصدر", "2019", "CNN",
]  # fmt: skip
_GAPS = [" ", " ", " ", "  ", "، ", ". ", "\n", ": ", " «", "» ", '"', " - ", "-", "ـ ", "\t"]
texts = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GAPS)), max_size=40).map(
    lambda pairs: "".join(word + space for word, space in pairs)
)
_HARD_GAP_RE = re.compile(r"[^\s\-ـ]|\s-|-\s")


@settings(max_examples=150, deadline=None)
@given(texts)
def test_gaps_read_as_the_passage_reads_them(text):
    doc = Passage(text, load_cues())
    for i in range(len(doc.keys)):
        assert doc.separator(i) == doc.between(i).strip()
        start = doc.ends[i]
        assert doc.mark_after(i) == find_mark(doc.text, start, start + len(doc.between(i)))
        nxt = i + 1
        together = (
            nxt < len(doc.keys)
            and doc.sent[nxt] == doc.sent[i]
            and _HARD_GAP_RE.search(doc.text, doc.ends[i], doc.starts[nxt]) is None
        )
        assert joined(doc, i) == together


@settings(max_examples=150, deadline=None)
@given(texts, st.sets(st.sampled_from(["الصفدي", "برايس", "الخطيب", "التركي", "مصدر"])))
def test_a_run_turned_down_early_is_one_accept_name_turns_down(text, known):
    doc = Passage(text, load_cues())
    last_token = len(doc.keys) - 1
    for i in range(len(doc.keys)):
        end = name_end(doc, i, last_token, doc.speakers)
        if end is not None and no_name_at(doc, i, last_token, known):
            assert not accept_name(doc, i, end, titled=False, known=known)


def test_names_start_where_a_reader_sees_them():
    doc = Passage("وقال وزير الخارجية الأردني أيمن الصفدي إن الاجتماع كان مثمرا.", load_cues())
    first = doc.keys.index("ايمن")
    assert name_end(doc, first, len(doc.keys) - 1, doc.speakers) == first + 1
    for word in ("الاردني", "وزير", "ان", "وقيادي", "بن"):  # و + a noun; a link word
        assert not may_start_name(doc, word)
    assert may_start_name(doc, "ايمن")
