"""The shortcuts that read a document for actors give what the plain readers give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.actors.document import Doc, sentence_starts
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
