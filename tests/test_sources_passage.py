"""The passage the cue rules read: the same words as ``tokenize``, and no cue sentence lost."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.clitics import CONJUNCTIONS
from khabar.lexicon import match_keys
from khabar.sources import load_cues
from khabar.sources.passage import Passage
from khabar.tokens import sentence_numbers, sentences, tokenize

_WORDS = [
    "وقال", "قالت", "أكد", "وأضاف", "بحسب", "وفقا", "لـ", "نقلا", "عن", "في", "حديثه", "ل",
    "وكالة", "رويترز", "الوزير", "مدرسة", "اليوم", "CNN", "2019", "كَتَبَ", "ـ", "\u200f", "ۖ",
    "مصدر", "مطلع", "الرياض", "واس", "ذكرت", "صحيفة", "عكاظ", "إن", "أن",
]  # fmt: skip
_GAPS = [" ", " ", "، ", ". ", ".", "\n", "\n\n ", ": ", " «", "» ", '"', " - ", "؟ ", "… ", "("]
texts = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GAPS)), max_size=60).map(
    lambda pairs: "".join(word + gap for word, gap in pairs)
)


@settings(max_examples=150, deadline=None)
@given(texts)
def test_passage_keeps_every_cue_sentence_with_tokenize_words(text):
    cues = load_cues()
    doc = Passage(text, cues)
    tokens = tokenize(text)
    spans = sentences(text) or doc.spans  # a blank text is one empty sentence
    sent = sentence_numbers(tokens, spans)
    keys = match_keys(tokens)
    cue_sentences = {n for n, key in zip(sent, keys, strict=True) if key in cues.trigger_forms}
    wanted = cue_sentences | {0, 1, len(spans) - 1}
    kept = [i for i, n in enumerate(sent) if n in wanted]
    assert list(doc.tokens) == [tokens[i] for i in kept]
    assert doc.keys == [keys[i] for i in kept]
    assert doc.sent == [sent[i] for i in kept]


def _frames_by_scan(cues, keys, i):
    """Every frame whose words stand at token ``i`` (one conjunction allowed), longest first."""
    found = []
    for same_head in cues.frames.values():
        for frame in same_head:
            first = keys[i]
            if first != frame.key[0] and not (
                first[:1] in CONJUNCTIONS and first[1:] == frame.key[0]
            ):
                continue
            if tuple(keys[i + 1 : i + len(frame.key)]) == frame.key[1:]:
                found.append((frame, i + len(frame.key) - 1))
    return sorted(found, key=lambda hit: (-len(hit[0].key), -hit[0].lam))


@settings(max_examples=150, deadline=None)
@given(texts)
def test_frames_found_at_a_word_are_those_a_full_scan_finds(text):
    cues = load_cues()
    keys = match_keys(tokenize(text))
    for i in range(len(keys)):
        assert set(cues.frames_at(keys, i)) == set(_frames_by_scan(cues, keys, i))
        longest = [len(frame.key) for frame, _ in cues.frames_at(keys, i)]
        assert longest == sorted(longest, reverse=True)


@given(texts)
def test_token_view_slices_like_a_list(text):
    doc = Passage(text, load_cues())
    tokens = list(doc.tokens)
    size = len(tokens)
    for start, stop in ((0, 4), (1, size), (size - 3, size + 2), (2, 1)):
        assert list(doc.tokens[start:stop]) == tokens[start:stop]
    if tokens:
        assert doc.tokens[-1] == tokens[-1]


def test_a_passage_is_freed_without_the_garbage_collector():
    import gc
    import weakref

    from khabar.sources.mentions import lexicon, read_passage

    text = "وقال وزير الخارجية أيمن الصفدي إن الزيارة مهمة. وأضاف لوكالة رويترز أن الاتفاق قريب."
    gc.disable()
    try:
        doc = read_passage(text, lexicon(None), load_cues())
        assert doc.mentions and len(doc.tokens) == len(doc.keys)
        alive = weakref.ref(doc)
        del doc
        assert alive() is None  # no reference cycle keeps a document's words in memory
    finally:
        gc.enable()
