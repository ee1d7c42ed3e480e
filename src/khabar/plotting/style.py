"""The house style: one set of rcParams for every khabar chart."""

from __future__ import annotations

import contextlib
import contextvars
import itertools
from collections.abc import Iterator
from typing import Any

import matplotlib as mpl
from matplotlib.rcsetup import cycler

from .fonts import font_chain

__all__ = ["PALETTE", "house_style", "styled"]

#: Colour-blind-safe qualitative palette (Okabe-Ito), first colour for single-series charts.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
#: Fixed salt so that SVG ids are the same on every run.
SVG_HASHSALT = "khabar"

_ACTIVE: contextvars.ContextVar[bool] = contextvars.ContextVar("khabar_house_style", default=False)


def _house_rc() -> dict[str, Any]:
    return {
        "font.family": font_chain(),
        "font.size": 11,
        "axes.titlesize": 14,
        "axes.labelsize": 11,
        "xtick.labelsize": 10,
        "ytick.labelsize": 11,
        "legend.fontsize": 10,
        "axes.prop_cycle": cycler(color=PALETTE),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlepad": 10,
        "axes.axisbelow": True,
        "figure.figsize": (8.0, 4.5),
        "figure.dpi": 100,
        "figure.facecolor": "white",
        "image.cmap": "Blues",
        "legend.frameon": False,
        "savefig.dpi": 200,
        "savefig.bbox": "tight",
        "svg.hashsalt": SVG_HASHSALT,
        "svg.fonttype": "path",
        "pdf.fonttype": 42,
        "axes.unicode_minus": False,
    }


@contextlib.contextmanager
def house_style(**overrides: Any) -> Iterator[None]:
    """Apply the khabar house style (``plt.rc_context``) for the block; overrides win.

    Chart functions called inside the block keep its settings, so overrides apply to them.
    Keys are rcParams names; ``font_size`` may stand for ``font.size``::

        with house_style(**{"axes.titlesize": 18}, figure_figsize=(6, 3)):
            bar_ranked(df, label="term", value="count")

    Raises:
        KeyError: an override names no rcParam.
    """
    rc = {**_house_rc(), **{_rc_key(key): value for key, value in overrides.items()}}
    token = _ACTIVE.set(True)
    interactive = mpl.is_interactive()
    try:
        # the stubs accept only literal rcParams names; ours are checked by _rc_key
        with mpl.rc_context(rc):  # type: ignore[arg-type]
            try:
                yield
            finally:
                interactive = mpl.is_interactive()
    finally:
        _ACTIVE.reset(token)
        # A backend chosen inside the block (Jupyter's inline backend on the first chart) turns
        # interactive mode on; rc_context would switch it off again and later charts would
        # never be shown in the notebook.
        mpl.interactive(interactive)


@contextlib.contextmanager
def styled() -> Iterator[None]:
    """Apply the house style unless a ``house_style`` block is already active."""
    if _ACTIVE.get():
        yield
    else:
        with house_style():
            yield


def _rc_key(key: str) -> str:
    if key in mpl.rcParams:
        return key
    parts = key.split("_")
    for seps in itertools.product("._", repeat=len(parts) - 1):
        tail = "".join(sep + part for sep, part in zip(seps, parts[1:], strict=True))
        candidate = parts[0] + tail
        if candidate in mpl.rcParams:
            return candidate
    raise KeyError(f"house_style: {key!r} is not a matplotlib rcParam")
