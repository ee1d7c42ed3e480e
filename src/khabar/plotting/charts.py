"""Chart functions: every piece of text they draw goes through ``shape_label``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import SubFigure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .fonts import warn_missing_glyphs
from .shaping import needs_bidi, shape_label
from .style import styled

__all__ = ["MAX_HEIGHT_INCHES", "MAX_ROWS", "bar_ranked", "heatmap", "line_chart", "stacked_bars"]

#: Most labelled rows a chart draws; larger tables are cut to their first rows.
MAX_ROWS = 30
#: Tallest figure (before the tight bounding box): 15 in is 3,000 px at 200 dpi.
MAX_HEIGHT_INCHES = 15.0


def bar_ranked(
    data: pd.DataFrame,
    *,
    label: str,
    value: str,
    top: int | None = 20,
    title: str | None = None,
    xlabel: str | None = None,
    ax: Axes | None = None,
    color: str | None = None,
) -> Axes:
    """Draw ranked horizontal bars, largest at the top, with the value at each bar's end.

    Args:
        data: One row per item (term, actor, source).
        label: Column with the bar labels (tick labels, flush against the axis).
        value: Column with the numbers to rank by; ties keep the order of ``data``.
        top: Keep this many largest rows (at most ``MAX_ROWS``; None: ``MAX_ROWS``).
        title: Axes title.
        xlabel: Label of the value axis.
        ax: Axes to draw on; a new figure sized to the bar count by default.
        color: Bar colour; the first colour of the style's cycle by default.
    """
    _require(data, [label, value], where="bar_ranked")
    ranked = data.dropna(subset=[value]).sort_values(value, ascending=False, kind="stable")
    ranked = ranked.head(min(top or MAX_ROWS, MAX_ROWS))
    labels = [str(item) for item in ranked[label]]
    with styled():
        warn_missing_glyphs([*labels, title, xlabel], where="bar_ranked")
        ax = ax or _new_axes(rows=len(labels))
        ypos = np.arange(len(labels))
        bars = ax.barh(ypos, ranked[value].to_numpy(dtype=float), color=color or _colors(1)[0])
        ax.set_yticks(ypos, [_text(item) for item in labels])
        ax.set_ylim(max(len(labels), 1) - 0.5, -0.5)
        ax.tick_params(axis="y", length=0)
        ax.bar_label(bars, labels=[_text(_number(v)) for v in ranked[value]], padding=3)
        ax.margins(x=0.1)
        _integer_ticks(ax.xaxis, ranked[value])
        _decorate(ax, title=title, xlabel=xlabel)
    return ax


def stacked_bars(
    table: pd.DataFrame,
    *,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    ax: Axes | None = None,
    horizontal: bool = True,
) -> Axes:
    """Draw one bar per row (document), stacked by column (category), with a shaped legend.

    Args:
        table: Rows are bars (the first ``MAX_ROWS``), columns are the stacked categories;
            missing values count as 0.
        title: Axes title.
        xlabel: Label of the horizontal axis.
        ylabel: Label of the vertical axis.
        ax: Axes to draw on; a new figure by default.
        horizontal: Horizontal bars, first row at the top; vertical bars when False.
    """
    table = table.iloc[:MAX_ROWS]
    rows = [str(item) for item in table.index]
    columns = [str(item) for item in table.columns]
    values = table.fillna(0).to_numpy(dtype=float)
    with styled():
        warn_missing_glyphs([*rows, *columns, title, xlabel, ylabel], where="stacked_bars")
        ax = ax or _new_axes(rows=len(rows) if horizontal else None)
        pos = np.arange(len(rows))
        starts = np.zeros(len(rows))
        handles = []
        for column, color in zip(values.T, _colors(len(columns)), strict=True):
            if horizontal:
                handles.append(ax.barh(pos, column, color=color, left=starts))
            else:
                handles.append(ax.bar(pos, column, color=color, bottom=starts))
            starts = starts + column
        _integer_ticks(ax.xaxis if horizontal else ax.yaxis, values.ravel())
        _category_ticks(ax.yaxis if horizontal else ax.xaxis, rows)
        if horizontal:
            ax.set_ylim(max(len(rows), 1) - 0.5, -0.5)
            ax.tick_params(axis="y", length=0)
        ax.legend(
            handles,
            [_text(item) for item in columns],
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            markerfirst=not _mostly_rtl(columns),
        )
        _decorate(ax, title=title, xlabel=xlabel, ylabel=ylabel)
    return ax


def heatmap(
    table: pd.DataFrame,
    *,
    title: str | None = None,
    ax: Axes | None = None,
    annotate: bool = True,
    cmap: str = "Blues",
) -> Axes:
    """Draw a rows x columns heatmap (document x actor, actor x actor) with a colour bar.

    Args:
        table: Numbers to colour; index and columns (the first ``MAX_ROWS`` of each) become
            the tick labels.
        title: Axes title.
        ax: Axes to draw on; a new figure by default.
        annotate: Write each cell's value in it (integers where the value is whole).
        cmap: matplotlib colour map name.
    """
    table = table.iloc[:MAX_ROWS, :MAX_ROWS]
    rows = [str(item) for item in table.index]
    columns = [str(item) for item in table.columns]
    values = table.to_numpy(dtype=float)
    with styled():
        warn_missing_glyphs([*rows, *columns, title], where="heatmap")
        ax = ax or _new_axes(rows=len(rows))
        image = ax.imshow(values, cmap=cmap, aspect="auto", interpolation="nearest")
        _category_ticks(ax.xaxis, columns, rotate=True)
        _category_ticks(ax.yaxis, rows)
        ax.tick_params(length=0)
        ax.spines[:].set_visible(False)
        colorbar = ax.figure.colorbar(image, ax=ax, shrink=0.8)
        if annotate:  # after the colour bar, which narrows the cells
            _annotate_cells(ax, values, image.norm)
        _integer_ticks(colorbar.ax.yaxis, values.ravel())
        _decorate(ax, title=title)
    return ax


def line_chart(
    data: pd.DataFrame,
    *,
    x: str,
    y: str | list[str],
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw one line per ``y`` column against ``x`` (e.g. vocabulary growth).

    Args:
        data: The table to plot.
        x: Column on the horizontal axis; text values become shaped category ticks.
        y: Column or columns to draw; several get a shaped legend.
        title: Axes title.
        xlabel: Label of the horizontal axis.
        ylabel: Label of the vertical axis.
        ax: Axes to draw on; a new figure by default.
    """
    series = [y] if isinstance(y, str) else list(y)
    _require(data, [x, *series], where="line_chart")
    if pd.api.types.is_datetime64_any_dtype(data[x]):
        data = _calendar(data, x)
    categorical = not (
        pd.api.types.is_numeric_dtype(data[x]) or pd.api.types.is_datetime64_any_dtype(data[x])
    )
    xlabels = [str(item) for item in data[x]] if categorical else []
    with styled():
        warn_missing_glyphs([*series, *xlabels, title, xlabel, ylabel], where="line_chart")
        ax = ax or _new_axes()
        xs = np.arange(len(data)) if categorical else data[x]
        marker = "o" if len(data) <= 30 else None
        for column in series:
            ax.plot(xs, data[column], label=_text(column), marker=marker, markersize=4)
        if categorical:
            _category_ticks(ax.xaxis, xlabels, rotate=True)
        elif pd.api.types.is_numeric_dtype(data[x]):
            _integer_ticks(ax.xaxis, data[x])
        else:
            _date_ticks(ax)
        values = data[series].to_numpy(dtype=float)
        _integer_ticks(ax.yaxis, values.ravel())
        if np.nanmin(values, initial=0.0) >= 0:
            ax.set_ylim(bottom=0)  # counts and rates: heights compare from zero
        if len(series) > 1:
            # beside the axes: lines fill the plot area, a legend inside hides some of them
            ax.legend(
                markerfirst=not _mostly_rtl(series),
                loc="upper left",
                bbox_to_anchor=(1.01, 1.0),
                frameon=False,
            )
        _decorate(ax, title=title, xlabel=xlabel, ylabel=ylabel)
    return ax


def _calendar(data: pd.DataFrame, x: str) -> pd.DataFrame:
    """Rows for every day, week or month between the first and last date of ``x``, empty
    (NaN) where the data has none: a line breaks over periods the corpus lacks."""
    dates = pd.DatetimeIndex(data[x].dropna().drop_duplicates().sort_values())
    if len(dates) < 2 or (dates != dates.normalize()).any():
        return data
    steps = np.diff(dates.to_numpy().astype("datetime64[D]").astype(np.int64))
    step = int(steps.min())
    if step >= 28:
        if (dates.day != 1).any():
            return data
        full = pd.date_range(dates[0], dates[-1], freq="MS", unit=dates.unit)
    elif step in (1, 7) and not (steps % step).any():
        full = pd.date_range(dates[0], dates[-1], freq=f"{step}D", unit=dates.unit)
    else:
        return data
    return data.set_index(x).reindex(full).rename_axis(x).reset_index()


def _text(value: object) -> str:
    """The string to draw: shaped for this installation, dollar signs kept literal."""
    return shape_label(str(value)).replace("$", r"\$")


def _number(value: float) -> str:
    value = float(value)
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}" if abs(value) >= 10 else f"{value:.3g}"


def _require(data: pd.DataFrame, columns: Sequence[str], *, where: str) -> None:
    missing = [column for column in columns if column not in data.columns]
    if missing:
        have = list(data.columns)
        raise KeyError(f"{where}: no column {missing!r} in the data (it has {have!r})")


def _new_axes(*, rows: int | None = None) -> Axes:
    width, height = mpl.rcParams["figure.figsize"]
    if rows is not None:
        height = min(max(2.5, 0.9 + 0.34 * rows), MAX_HEIGHT_INCHES)
    _, ax = plt.subplots(figsize=(width, height))
    return ax


def _colors(count: int) -> list:
    cycle = mpl.rcParams["axes.prop_cycle"].by_key().get("color", [])
    if 0 < count <= len(cycle):
        return list(cycle[:count])
    return list(plt.get_cmap("tab20")(np.arange(count) % 20))


def _integer_ticks(axis: Axis, values: Iterable[float]) -> None:
    """Keep whole-number ticks on an axis that shows counts; thousands separators on any."""
    numbers = np.asarray(list(values), dtype=float)
    numbers = numbers[~np.isnan(numbers)]
    if numbers.size and np.all(numbers == np.round(numbers)):
        axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(FuncFormatter(lambda v, _: _text(_tick(v))))


def _tick(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:,.3g}"


def _date_ticks(ax: Axes) -> None:
    """Dates as ISO days, a language-neutral form, slanted to fit."""
    locator = mdates.AutoDateLocator(maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.tick_params(axis="x", labelrotation=30)


def _category_ticks(axis: Axis, labels: Sequence[str], *, rotate: bool = False) -> None:
    axis.set_ticks(np.arange(len(labels)), [_text(item) for item in labels])
    if rotate and max((len(item) for item in labels), default=0) > 6:
        for tick in axis.get_ticklabels():
            tick.set(rotation=40, horizontalalignment="right", rotation_mode="anchor")


def _annotate_cells(ax: Axes, values: np.ndarray, norm) -> None:
    whole = np.all(np.isnan(values) | (values == np.round(values)))
    shown = {
        cell: f"{int(value):,}" if whole else _tick(round(value, 1))
        for cell, value in np.ndenumerate(values)
        if not np.isnan(value)
    }
    size = _cell_font_size(
        ax, columns=values.shape[1], chars=max(map(len, shown.values()), default=1)
    )
    for (row, col), text in shown.items():
        color = "white" if norm(values[row, col]) > 0.55 else "black"
        ax.text(col, row, _text(text), ha="center", va="center", color=color, fontsize=size)


def _cell_font_size(ax: Axes, *, columns: int, chars: int) -> float:
    """The largest font size (at most the default) at which ``chars`` digits fit in a cell."""
    default = mpl.rcParams["font.size"]
    width_points = ax.get_position().width * _panel_width(ax) * 72 / max(columns, 1)
    return max(5.0, min(default, 0.9 * width_points / (0.65 * chars)))


def _panel_width(ax: Axes) -> float:
    """Width in inches of the figure, or subfigure, whose fraction ``get_position`` gives."""
    panel = ax.figure
    if isinstance(panel, SubFigure):
        return panel.bbox.width / panel.dpi
    return panel.get_figwidth()


def _decorate(
    ax: Axes, *, title: str | None = None, xlabel: str | None = None, ylabel: str | None = None
) -> None:
    if title is not None:
        ax.set_title(_text(title))
    if xlabel is not None:
        ax.set_xlabel(_text(xlabel))
    if ylabel is not None:
        ax.set_ylabel(_text(ylabel))
    for axis in (ax.xaxis, ax.yaxis):
        axis.get_major_ticks()  # create tick artists now, under the active style


def _mostly_rtl(labels: Iterable[str]) -> bool:
    labels = list(labels)
    return sum(needs_bidi(item) for item in labels) * 2 > len(labels)
