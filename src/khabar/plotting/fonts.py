"""Pick an Arabic-capable font and find the characters it cannot draw."""

from __future__ import annotations

import functools
import unicodedata
import warnings
from collections.abc import Iterable, Sequence

import matplotlib as mpl
from fontTools.ttLib import TTFont
from matplotlib import font_manager

from .shaping import matplotlib_shapes, reshape_for_display, shape_label

__all__ = [
    "ARABIC_FAMILIES",
    "FALLBACK_FAMILY",
    "SHAPING_ONLY_FAMILIES",
    "MissingGlyphWarning",
    "arabic_font",
    "font_chain",
    "font_path",
    "missing_glyphs",
    "warn_missing_glyphs",
]

#: Preferred Arabic families, best first; used where installed.
ARABIC_FAMILIES = ("Noto Naskh Arabic", "Amiri", "Noto Sans Arabic")
#: Ships with matplotlib and has Arabic glyphs, including the presentation forms.
FALLBACK_FAMILY = "DejaVu Sans"
#: Families whose letter shapes come from OpenType substitutions: drawn from presentation
#: forms (matplotlib < 3.11) they differ clearly from their shaped look, so are not chosen there.
SHAPING_ONLY_FAMILIES = frozenset({"Amiri"})

_LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
#: Code points the reshaper produces for every letter in every position, plus lam-alef.
_PRESENTATION_FORMS = frozenset(
    map(
        ord, reshape_for_display(" ".join([*_LETTERS, *(ch * 3 for ch in _LETTERS), "لا لأ لإ لآ"]))
    )
) - {ord(" ")}
#: Characters that are never drawn, so need no glyph.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}


class MissingGlyphWarning(UserWarning):
    """A label has characters that the chart font cannot draw (they show as empty boxes)."""


def arabic_font() -> str:
    """Return the family used for chart text.

    Noto Naskh Arabic, Amiri or Noto Sans Arabic where matplotlib finds one installed (when
    matplotlib does not shape: only one that has the presentation forms the reshaper emits and
    looks right drawn from them, so not Amiri); DejaVu Sans, which ships with matplotlib,
    otherwise. Characters the family lacks (Latin in some Arabic fonts) fall back to DejaVu Sans.
    """
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    for family in ARABIC_FAMILIES:
        if family in installed and _usable(family):
            return family
    return FALLBACK_FAMILY


def font_chain() -> list[str]:
    """Return the font families charts use, in fallback order."""
    return list(dict.fromkeys([arabic_font(), FALLBACK_FAMILY]))


def font_path(family: str) -> str:
    """Return the file matplotlib uses for the regular style of ``family``.

    Raises:
        ValueError: matplotlib finds no font of that family.
    """
    props = font_manager.FontProperties(family=family)
    try:
        return font_manager.findfont(props, fallback_to_default=False)
    except ValueError as exc:
        raise ValueError(f"font family {family!r} is not installed for matplotlib") from exc


def missing_glyphs(text: str, *, family: str | Sequence[str] | None = None) -> list[str]:
    """Return the characters of ``text`` that the font has no glyph for, in order of appearance.

    Args:
        text: The label to check.
        family: A font family, or a fallback list of them, where a character is missing only
            when no font of the list has it; by default the chart fonts (``font_chain()``).

    Raises:
        ValueError: a family is not installed.
    """
    if family is None:
        family = font_chain()
    families = [family] if isinstance(family, str) else list(family)
    cmaps = [_cmap(font_path(name)) for name in families]
    return [
        ch
        for ch in dict.fromkeys(str(text))
        if unicodedata.category(ch) not in _INVISIBLE_CATEGORIES
        and not any(ord(ch) in cmap for cmap in cmaps)
    ]


def warn_missing_glyphs(labels: Iterable[object], *, where: str) -> None:
    """Warn, naming the characters and the label, for each label the active fonts cannot draw.

    Checks both the logical label and the string actually handed to matplotlib, against the
    installed families of ``rcParams["font.family"]`` (the house style's ``font_chain()``).
    """
    families = [name for name in mpl.rcParams["font.family"] if _installed(name)] or font_chain()
    for label in labels:
        if label is None:
            continue
        text = str(label)
        missing = missing_glyphs(text + shape_label(text), family=families)
        if missing:
            chars = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in missing)
            warnings.warn(
                f"{where}: label {text!r} has characters with no glyph in "
                f"{' / '.join(families)}: {chars}; they will show as empty boxes",
                MissingGlyphWarning,
                stacklevel=3,
            )


def _installed(family: str) -> bool:
    try:
        font_path(family)
    except ValueError:
        return False
    return True


def _usable(family: str) -> bool:
    if matplotlib_shapes():
        return True
    if family in SHAPING_ONLY_FAMILIES:
        return False
    return _cmap(font_path(family)).issuperset(_PRESENTATION_FORMS)


@functools.lru_cache(maxsize=32)
def _cmap(path: str) -> frozenset[int]:
    with TTFont(path, fontNumber=0, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})
