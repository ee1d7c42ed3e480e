import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from khabar import normalize
from khabar.normalize import display_form

ARABIC_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFDFF),
        st.characters(min_codepoint=0xFE70, max_codepoint=0xFEFF),
        st.sampled_from(" \u200e\u200f\u200c\u200d\u202b\u202c\u2067\u2069-.،0123456789abc"),
    )
)


def test_diacritics_and_tatweel_are_removed():
    assert normalize("مُحَمَّدٌ") == "محمد"
    assert normalize("كـــيم") == "كيم"


def test_alef_forms_and_final_ya_fold():
    assert normalize("أإآٱ") == "اااا"
    assert normalize("إلى") == "الي"


def test_persian_lookalikes_fold():
    assert normalize("کی") == "كي"


def test_presentation_forms_read_as_base_letters():
    # "بوتين" and "لا" as copied from a PDF or an old reshaped chart
    assert normalize("ﺑﻮﺗﻴﻦ") == "بوتين"
    assert normalize("ﻻ") == "لا"
    assert normalize("ﺃﻭﻥ") == "اون"


def test_bidi_controls_and_zero_width_are_removed():
    assert normalize("بو\u200fتين\u200e") == "بوتين"
    assert normalize("\u202bكيم\u202c") == "كيم"
    assert normalize("\ufeffروسيا") == "روسيا"


def test_arabic_indic_digits_become_ascii():
    assert normalize("عام ٢٠١٩ و۲۰۲۳") == "عام 2019 و2023"


def test_ta_marbuta_folds_only_on_request():
    assert normalize("وكالة") == "وكالة"
    assert normalize("وكالة", ta_marbuta=True) == "وكاله"


def test_decomposed_hamza_matches_precomposed():
    assert normalize("\u0648\u0654") == normalize("ؤ")
    assert normalize("\u0627\u0654") == "ا"


@given(ARABIC_TEXT)
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(st.text())
def test_normalize_is_idempotent_on_any_unicode(text):
    once = normalize(text, ta_marbuta=True)
    assert normalize(once, ta_marbuta=True) == once


@given(text=ARABIC_TEXT, ta=st.booleans())
def test_normalize_is_the_character_by_character_fold(text, ta):
    from khabar.normalize import _TABLE

    expected = unicodedata.normalize("NFC", text) if "\u0654" in text or "\u0655" in text else text
    table = {**_TABLE, ord("ة"): "ه"} if ta else _TABLE
    assert normalize(text, ta_marbuta=ta) == expected.translate(table)


@given(text=ARABIC_TEXT)
def test_display_form_keeps_spelling_and_drops_presentation_forms(text):
    from khabar.normalize import _DISPLAY_TABLE

    assert display_form(text) == text.translate(_DISPLAY_TABLE)


@given(st.text())
def test_text_without_a_changing_character_is_left_as_it_is(text):
    from khabar.normalize import DISPLAY_CHANGES, NORMALIZE_CHANGES

    if not NORMALIZE_CHANGES.intersection(text):
        assert normalize(text) == text
    if not DISPLAY_CHANGES.intersection(text):
        assert display_form(text) == text


def test_changing_characters_include_the_usual_variants():
    from khabar.normalize import DISPLAY_CHANGES, NORMALIZE_CHANGES

    assert {"أ", "إ", "آ", "ى", "\u064e", "\u0640", "\u200f", "٣", "ﻻ"} <= NORMALIZE_CHANGES
    assert {"\u200f", "ﻻ"} <= DISPLAY_CHANGES
    assert "أ" not in DISPLAY_CHANGES
