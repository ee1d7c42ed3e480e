import itertools

from hypothesis import given
from hypothesis import strategies as st

from khabar import ngrams, sentences, tokenize
from khabar.normalize import is_arabic_letter

from .test_normalize import ARABIC_TEXT


def test_tokens_keep_surface_norm_and_offsets():
    text = "قال المتحدث: إن الكرملين (CNN) أعلن عام 2019."
    tokens = tokenize(text)
    assert [t.text for t in tokens] == [
        "قال",
        "المتحدث",
        "إن",
        "الكرملين",
        "CNN",
        "أعلن",
        "عام",
        "2019",
    ]
    assert tokens[2].norm == "ان"
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_diacritics_and_bidi_marks_stay_inside_one_token():
    tokens = tokenize("بُو\u200fتِين وصل")
    assert [t.norm for t in tokens] == ["بوتين", "وصل"]


def test_stray_bidi_marks_are_not_tokens():
    text = "كيم \u200f جونغ \u202b أون"
    assert [t.text for t in tokenize(text)] == ["كيم", "جونغ", "أون"]


def test_hyphen_splits_names():
    assert [t.text for t in tokenize("كيم جونغ-أون")] == ["كيم", "جونغ", "أون"]


def test_sentences_split_on_arabic_and_latin_punctuation():
    text = "هل يلتقيان؟ قال بيسكوف: نعم؛ لكن متى. وأضاف، في بيان، أن ذلك قريب!\nسطر جديد"
    parts = [text[s.start : s.end] for s in sentences(text)]
    assert parts == [
        "هل يلتقيان؟",
        "قال بيسكوف: نعم؛",
        "لكن متى.",
        "وأضاف، في بيان، أن ذلك قريب!",
        "سطر جديد",
    ]


def test_decimal_point_does_not_end_a_sentence():
    text = "بلغ النمو 3.5 بالمئة. ثم تراجع."
    assert len(sentences(text)) == 2


def test_ngrams():
    assert list(ngrams(["كوريا", "الشمالية", "وروسيا"], 2)) == [
        ("كوريا", "الشمالية"),
        ("الشمالية", "وروسيا"),
    ]


@given(st.text())
def test_token_offsets_point_at_surface_text(text):
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


@given(ARABIC_TEXT)
def test_tokenizing_never_drops_an_arabic_letter(text):
    covered = set()
    for token in tokenize(text):
        covered.update(range(token.start, token.end))
    dropped = [
        ch
        for i, ch in enumerate(text)
        if is_arabic_letter(ch) and i not in covered and ch.isalnum()
    ]
    assert dropped == []


@given(st.text())
def test_sentences_are_ordered_and_inside_the_text(text):
    spans = sentences(text)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


_SENTENCE_TEXT = st.text(
    alphabet=list("قال ب1.\n!?؟؛…\"'“”«»)]-–—\t\u00a0\u200f\u064b5"), max_size=40
)


@given(_SENTENCE_TEXT)
def test_every_word_is_in_exactly_one_sentence(text):
    spans = sentences(text)
    for token in tokenize(text):
        holding = [s for s in spans if s.start <= token.start and token.end <= s.end]
        assert len(holding) == 1, (token, spans)


@given(_SENTENCE_TEXT)
def test_a_sentence_starts_on_its_text_and_ends_at_its_mark(text):
    for span in sentences(text):
        part = text[span.start : span.end]
        assert part.strip() and not part[0].isspace() and part[0] not in "\"'“”«»)]-–—"
        assert "\n" not in part
        body = part.rstrip("!?؟؛…")  # a run of end marks closes a sentence, none stands inside
        assert not any(mark in body for mark in "!?؟؛…")


def test_sentence_numbers_match_the_offset_lookup():
    from khabar.tokens import sentence_index, sentence_numbers

    text = "قال بوتين. ثم غادر!\nوبعد ذلك؟ نعم"
    tokens, spans = tokenize(text), sentences(text)
    lookup = sentence_index(spans)
    assert sentence_numbers(tokens, spans) == [lookup(t.start) for t in tokens]
    assert sentence_numbers(tokens, spans)[-1] == 3


def test_shared_tokens_split_each_text_once():
    from khabar.tokens import shared_tokens

    text = "قال بوتين إن الزيارة مهمة"
    with shared_tokens():
        first, again = tokenize(text), tokenize(text)
        assert first is again
    assert tokenize(text) == first and tokenize(text) is not first
