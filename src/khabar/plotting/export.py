"""Write figures to stable file names, byte-identical from one run to the next."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path

import matplotlib as mpl
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure
from matplotlib.transforms import Bbox

from .style import SVG_HASHSALT

__all__ = ["PNG_DPI", "save_chart", "save_figure"]

PNG_DPI = 200
#: Metadata entries that would change between runs (dates) or between matplotlib releases.
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def save_figure(
    fig: Figure | Axes,
    name: str,
    *,
    out: str | Path = "figures",
    formats: tuple[str, ...] = ("png", "svg"),
) -> list[Path]:
    """Save ``fig`` as ``out/name.fmt`` for each format and return the paths.

    PNG at 200 dpi, tight bounding box; no dates, random ids or version strings in the
    files, so re-running writes the same bytes. Each file is written to a temporary file in
    ``out`` and renamed into place, so a failed save leaves any earlier file intact.

    Args:
        fig: The figure, or the Axes a chart function returned.
        name: File stem, without directory or extension.
        out: Directory, created if missing.
        formats: Any of "png", "svg", "pdf".

    Raises:
        ValueError: ``name`` is not a plain file stem, or a format is not supported.
    """
    if not name or Path(name).name != name or name.startswith("."):
        raise ValueError(f"save_figure: name {name!r} must be a plain file name without directory")
    unknown = [fmt for fmt in formats if fmt not in _METADATA]
    if unknown:
        raise ValueError(f"save_figure: unsupported format(s) {unknown}; use {sorted(_METADATA)}")
    root = _root_figure(fig)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    with mpl.rc_context({"svg.hashsalt": SVG_HASHSALT}):
        bbox = _tight_box(root)
        return [_save_one(root, folder / f"{name}.{fmt}", fmt, bbox) for fmt in formats]


def _root_figure(fig: Figure | Axes) -> Figure:
    """The figure that is saved: the one holding the Axes, through any subfigure."""
    owner = fig.figure if isinstance(fig, Axes) else fig
    return owner.figure if isinstance(owner, SubFigure) else owner


def _tight_box(fig: Figure) -> Bbox:
    """The tight bounding box (inches) as ``bbox_inches="tight"`` finds it at PNG_DPI, found
    once for every format: each "tight" save would lay all the text out again."""
    dpi = fig.dpi
    fig.set_dpi(PNG_DPI)
    try:
        box = fig.get_tightbbox()  # the canvas's renderer, or one made for canvases without
    finally:
        fig.set_dpi(dpi)
    return box.padded(mpl.rcParams["savefig.pad_inches"])


def _save_one(fig: Figure, target: Path, fmt: str, bbox: Bbox) -> Path:
    # Not mkstemp: its 0600 mode would survive the rename; savefig creates with the umask.
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        fig.savefig(tmp, format=fmt, dpi=PNG_DPI, bbox_inches=bbox, metadata=dict(_METADATA[fmt]))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def save_chart(
    draw: Callable[..., Axes],
    data: pd.DataFrame | None,
    name: str,
    *,
    out: str | Path = "figures",
    empty: str,
    **options: object,
) -> list[Path]:
    """Draw ``data`` with a chart function and save it, or say in one line why there is no chart.

    A table with no rows, no columns or only zeros is not drawn: ``empty`` is printed and any
    file of that name left by an earlier run in ``out`` is removed, so no stale or empty chart
    remains.

    Args:
        draw: A chart function (``bar_ranked``, ``heatmap``, ``line_chart``, ``stacked_bars``).
        data: The table to draw.
        name: File stem, as for :func:`save_figure`.
        out: Output directory.
        empty: The line printed when there is nothing to draw.
        **options: Passed to ``draw``.
    """
    if _is_empty(data):
        print(empty)
        for fmt in _METADATA:
            with contextlib.suppress(FileNotFoundError):
                (Path(out) / f"{name}.{fmt}").unlink()
        return []
    return save_figure(draw(data, **options), name, out=out)


def _is_empty(data: pd.DataFrame | None) -> bool:
    if data is None or data.empty:
        return True
    numbers = data.select_dtypes("number")
    return not numbers.empty and not bool(numbers.fillna(0).to_numpy().any())
