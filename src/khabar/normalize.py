"""Arabic normalization for matching and counting (never for display).

All folding is done by one ``str.translate`` table built at import, so normalizing is a
single C-level pass and the result is a fixed point of the table (idempotent).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "DIACRITICS",
    "DISPLAY_CHANGES",
    "FORMAT_CHARS",
    "NORMALIZE_CHANGES",
    "display_form",
    "is_arabic_letter",
    "normalize",
]

#: Tashkeel and Quranic annotation marks, removed by normalization.
DIACRITICS = (
    "".join(chr(c) for c in range(0x0610, 0x061B))
    + "".join(chr(c) for c in range(0x064B, 0x0660))
    + "\u0670"
    + "".join(chr(c) for c in range(0x06D6, 0x06DD))
    + "".join(chr(c) for c in range(0x06DF, 0x06E9))
    + "".join(chr(c) for c in range(0x06EA, 0x06EE))
)
TATWEEL = "\u0640"
#: Bidi controls and zero-width characters, removed by normalization.
FORMAT_CHARS = (
    "\u061c\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
    + "".join(chr(c) for c in range(0x202A, 0x202F))
    + "".join(chr(c) for c in range(0x2066, 0x206A))
)
_LETTER_FOLDS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ی": "ي",
    "ک": "ك",
    "٫": ".",
}
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {
    chr(0x06F0 + i): str(i) for i in range(10)
}
_PRESENTATION_RANGES = (range(0xFB50, 0xFE00), range(0xFE70, 0xFF00))


def _fold_char(ch: str) -> str:
    """Fold one base character (not a presentation form)."""
    if ch in DIACRITICS or ch == TATWEEL or ch in FORMAT_CHARS:
        return ""
    return _LETTER_FOLDS.get(ch) or _DIGITS.get(ch) or ch


def _fold_presentation(cp: int) -> str | None:
    """Base letters for a presentation-form code point, or None if it is not one."""
    ch = chr(cp)
    decomposed = unicodedata.normalize("NFKC", ch)
    if decomposed == ch:
        return None
    # Isolated tashkeel forms decompose to a space plus the mark: the space is an artefact.
    if decomposed.startswith(" ") and all(c in DIACRITICS for c in decomposed[1:]):
        decomposed = decomposed[1:]
    return "".join(_fold_char(c) for c in decomposed)


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for ch in DIACRITICS + TATWEEL + FORMAT_CHARS:
        table[ord(ch)] = ""
    for ch in list(_LETTER_FOLDS) + list(_DIGITS):
        table[ord(ch)] = _fold_char(ch)
    for block in _PRESENTATION_RANGES:
        for cp in block:
            folded = _fold_presentation(cp)
            if folded is not None:
                table[cp] = folded
    table[0xFEFF] = ""
    return table


_TABLE = _build_table()
_DISPLAY_TABLE = {ord(c): "" for c in FORMAT_CHARS} | {
    cp: unicodedata.normalize("NFKC", chr(cp)).strip()
    for block in _PRESENTATION_RANGES
    for cp in block
    if unicodedata.normalize("NFKC", chr(cp)) != chr(cp)
}
_TABLE_TA = {**_TABLE, ord("ة"): "ه"}
_COMBINING_HAMZA = ("\u0654", "\u0655")
#: Every character ``normalize`` (without ``ta_marbuta``) may change: a string with none of
#: them is returned as it is.
NORMALIZE_CHANGES = frozenset(map(chr, _TABLE)) | frozenset(_COMBINING_HAMZA)
#: Every character ``display_form`` changes: a string with none of them is its display form.
DISPLAY_CHANGES = frozenset(map(chr, _DISPLAY_TABLE))
_SHORT = 24  # below this length one translate beats the passes below
# str.translate with a dict looks every character up in Python: slow on Arabic text. The same
# mapping is applied as one regex deletion, a few C-level replaces and, for the rare
# presentation forms, a translate of just those characters.
_DELETE_RE = re.compile("[" + re.escape(DIACRITICS + TATWEEL + FORMAT_CHARS) + "]+")
_FOLDS = tuple((ch, _fold_char(ch)) for ch in list(_LETTER_FOLDS) + list(_DIGITS))
_PRESENTATION_RE = re.compile(
    "[" + "".join(f"{chr(r.start)}-{chr(r.stop - 1)}" for r in _PRESENTATION_RANGES) + "]+"
)
_DISPLAY_RE = re.compile(
    "["
    + re.escape(FORMAT_CHARS)
    + "".join(f"{chr(r.start)}-{chr(r.stop - 1)}" for r in _PRESENTATION_RANGES)
    + "]+"
)


def _translate_match(table: dict[int, str]):
    return lambda match: match.group().translate(table)


_FOLD_PRESENTATION = _translate_match(_TABLE)
_DISPLAY_MATCH = _translate_match(_DISPLAY_TABLE)


def normalize(text: str, *, ta_marbuta: bool = False) -> str:
    """Fold Arabic spelling variation so that equal words compare equal.

    Removes tashkeel, tatweel, bidi controls and zero-width characters; folds alef forms to
    ا, ى to ي, Persian look-alikes to Arabic letters, presentation forms to base letters and
    Arabic-Indic digits to ASCII.

    Args:
        text: Any string.
        ta_marbuta: Also fold ة to ه (off by default).

    Returns:
        The normalized string; ``normalize(normalize(s)) == normalize(s)``.
    """
    if "\u0654" in text or "\u0655" in text:
        # A decomposed hamza (و + U+0654) must end up like the precomposed letter (ؤ).
        text = unicodedata.normalize("NFC", text)
    if len(text) < _SHORT:
        return text.translate(_TABLE_TA if ta_marbuta else _TABLE)
    text = _DELETE_RE.sub("", text)
    if ta_marbuta and "ة" in text:
        text = text.replace("ة", "ه")
    for ch, folded in _FOLDS:
        if ch in text:
            text = text.replace(ch, folded)
    if _PRESENTATION_RE.search(text) is None:
        return text
    return _PRESENTATION_RE.sub(_FOLD_PRESENTATION, text)


def display_form(text: str) -> str:
    """Text as an analyst would write it: presentation forms as base letters, no bidi controls.

    Unlike ``normalize``, keeps hamzas, diacritics and spelling; for labels in tables and charts.
    """
    return _DISPLAY_RE.sub(_DISPLAY_MATCH, text)


def is_arabic_letter(ch: str) -> bool:
    """True for a letter of the Arabic script, including presentation forms."""
    return ch.isalpha() and "ARABIC" in unicodedata.name(ch, "")
