"""Decide how Arabic text must be handed to matplotlib (and Pillow) on this installation.

matplotlib 3.11+ lays text out with libraqm: it joins Arabic letters and orders mixed
right-to-left / left-to-right runs itself, so a label must reach it in logical order. Older
matplotlib draws one code point after another, left to right, so the label must first be
reshaped into joined presentation forms and reordered into visual order. Applying the old
recipe on a shaping matplotlib reverses and breaks the text, so the choice is made from what
the installed text engine actually does.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import Literal

import arabic_reshaper
import matplotlib
from matplotlib import ft2font

try:  # the pure-Python algorithm mirrors brackets in right-to-left runs (rule L4); the Rust
    # bidi.get_display of python-bidi 0.5/0.6 does not, and draws "(الكرملين)" as ")الكرملين(".
    from bidi.algorithm import get_display
except ImportError:  # pragma: no cover - a python-bidi without the pure-Python module
    from bidi import get_display

__all__ = ["matplotlib_shapes", "needs_bidi", "pillow_shapes", "reshape_for_display", "shape_label"]

#: Lam followed by alef: one glyph (a ligature) when the engine shapes, two when it does not.
_PROBE = "\u0644\u0627"
#: The tutorial recipe, except that only the lam-alef ligatures are used: every font with
#: presentation forms has them, while the default ALLAH ligature (U+FDF2) is missing from
#: DejaVu Sans and would draw حزب الله with an empty box. Diacritics are dropped, as by the
#: default reshaper: without a shaping engine they cannot be placed on their letters.
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"ARABIC LIGATURE ALLAH": False})


@functools.cache
def matplotlib_shapes() -> bool:
    """Tell whether matplotlib's text engine shapes complex scripts (libraqm).

    Decided by laying out lam-alef with matplotlib's own FT2Font and the DejaVu Sans file it
    ships: a shaping engine forms the ligature (one glyph). Falls back to the libraqm version
    that ft2font reports when the probe cannot run.
    """
    reported = bool(getattr(ft2font, "__libraqm_version__", ""))
    try:
        font = ft2font.FT2Font(str(_bundled_dejavu()))
        font.set_size(12, 72)
        font.set_text(_PROBE, 0.0)
        return font.get_num_glyphs() == 1
    except (AttributeError, OSError, RuntimeError, TypeError):  # pragma: no cover
        return reported


@functools.cache
def pillow_shapes() -> bool:
    """Tell whether Pillow can lay text out with Raqm (``ImageFont.Layout.RAQM``)."""
    from PIL import features

    return bool(features.check("raqm"))


def shape_label(text: str, *, engine: Literal["matplotlib", "pillow"] = "matplotlib") -> str:
    """Return the string to hand the text engine so that this installation draws it right.

    Unchanged when the engine shapes (matplotlib with libraqm, Pillow with Raqm) or when the
    text has no right-to-left characters; otherwise reshaped and put in visual order.

    Args:
        text: A label in logical order, as an analyst writes it.
        engine: Which engine will draw it: matplotlib (charts) or Pillow (raster text).
    """
    text = str(text)
    shapes = matplotlib_shapes() if engine == "matplotlib" else pillow_shapes()
    if shapes or not needs_bidi(text):
        return text
    return reshape_for_display(text)


def needs_bidi(text: str) -> bool:
    """Tell whether the text contains right-to-left characters (Arabic, Hebrew, ...)."""
    return any(unicodedata.bidirectional(ch) in {"R", "AL", "AN"} for ch in text)


@functools.lru_cache(maxsize=4096)
def reshape_for_display(text: str) -> str:
    """Join Arabic letters into presentation forms and reorder each line into visual order."""
    return "\n".join(get_display(_RESHAPER.reshape(line)) for line in text.split("\n"))


def _bundled_dejavu() -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
