"""The shortcuts that read a document for actors give what the plain readers give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.actors.document import Doc, sentence_starts
from khabar.actors.matching import Match, PhraseTrie
from khabar.lexicon import phrase_key
from khabar.tokens import sentence_index, sentences, tokenize

_SENTENCE_TEXT = st.text(
    alphabet=st.sampled_from(list("بوت ين.!?؟؛…\n\t\r\u00a0،5«»\"')]-–—")),
    max_size=60,
)


@settings(max_examples=400, deadline=None)
@given(_SENTENCE_TEXT)
def test_sentence_starts_are_those_of_the_sentences(text):
    assert sentence_starts(text) == [span.start for span in sentences(text)]


def test_a_decimal_point_ends_no_sentence():
    text = "ارتفع 3.5 في المئة. ثم هبط!\n\n«قال» ذلك…"
    assert sentence_starts(text) == [span.start for span in sentences(text)]
    assert len(sentence_starts(text)) == 3


@settings(max_examples=300, deadline=None)
@given(_SENTENCE_TEXT, st.randoms(use_true_random=False))
def test_a_words_sentence_and_offsets_are_those_of_the_tokens(text, random):
    doc = Doc(text)
    tokens = tokenize(text)
    lookup = sentence_index(sentences(text))
    order = list(range(len(tokens)))
    random.shuffle(order)  # asked in any order, read only as far as needed
    for i in order:
        token = tokens[i]
        assert (doc.start(i), doc.end(i)) == (token.start, token.end)
        assert doc.sentence_of(token.start) == lookup(token.start)


@settings(max_examples=300, deadline=None)
@given(_SENTENCE_TEXT, st.data())
def test_the_bounds_of_word_spans_are_those_of_the_tokens(text, data):
    """Spans asked together (in text order, overlapping or not) bound the same words."""
    tokens = tokenize(text)
    positions = st.integers(0, max(len(tokens) - 1, 0))
    pairs = data.draw(st.lists(st.tuples(positions, positions), max_size=6)) if tokens else []
    spans = [(min(a, b), max(a, b)) for a, b in pairs]
    if data.draw(st.booleans()):
        spans.sort()
    doc = Doc(text)
    assert doc.bounds(spans) == [(tokens[a].start, tokens[b].end) for a, b in spans]
    lookup = sentence_index(sentences(text))
    starts = [tokens[a].start for a, _ in spans]
    assert Doc(text).sentence_numbers(starts) == [lookup(start) for start in starts]


_PHRASE_WORDS = ["بوتين", "كيم", "جونغ", "أون", "البيت", "الأبيض", "علي", "إن", "بي", "سي", "قال"]


def _trie(phrases: list[str]) -> PhraseTrie:
    return PhraseTrie((phrase_key(p), p) for p in phrases)


def _every_start(trie: PhraseTrie, doc: Doc) -> list[Match]:
    """Longest matches looked up at every word (no shortcut deciding where to look)."""
    found, after = [], -1
    for i in range(len(doc)):
        trie.roots(doc.keys[i])
        if i > after and (match := trie.longest_at(doc, i)) is not None:
            found.append(match)
            after = match.last
    return found


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["", "و", "ل", "ب"]), st.sampled_from(_PHRASE_WORDS)),
        max_size=14,
    ),
    st.lists(st.sampled_from([" ", " ", "، ", " - ", ". "]), min_size=14, max_size=14),
)
def test_phrases_are_found_wherever_they_start(words, gaps):
    text = "".join(c + w + g for (c, w), g in zip(words, gaps, strict=False))
    trie = _trie(["بوتين", "كيم جونغ أون", "البيت الأبيض", "إن بي سي", "علي"])
    doc = Doc(text)
    assert trie.find(doc) == _every_start(trie, doc)


def test_a_dictionary_compiled_after_a_text_was_read_finds_its_names():
    doc = Doc("وقال فلاديمير زيلاتوف إن زيلاتوف وصل")  # a spelling no dictionary had seen
    trie = _trie(["زيلاتوف"])
    assert [m.first for m in trie.find(doc)] == [2, 4]
    assert [m.first for m in trie.find(Doc("ولزيلاتوف رأي"))] == [0]
