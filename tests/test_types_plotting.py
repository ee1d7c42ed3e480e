"""Charts drawn on subfigures or on non-Agg canvases are sized and saved like any other."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from PIL import Image

import khabar.plotting as kp

NAMES = ["بوتين", "كيم جونغ أون", "لافروف"]


def _ranked() -> pd.DataFrame:
    return pd.DataFrame({"label": NAMES, "count": [30, 20, 10]})


def _wide() -> pd.DataFrame:
    return pd.DataFrame(np.full((3, 12), 2491.0), index=NAMES, columns=[f"c{i}" for i in range(12)])


def test_saving_axes_of_a_subfigure_saves_the_whole_figure(tmp_path):
    figure = plt.figure(figsize=(10, 4))
    left, right = figure.subfigures(1, 2)
    ax = kp.bar_ranked(_ranked(), label="label", value="count", ax=left.subplots())
    kp.bar_ranked(_ranked(), label="label", value="count", ax=right.subplots())
    (from_axes,) = kp.save_figure(ax, "axes", out=tmp_path, formats=("png",))
    (from_figure,) = kp.save_figure(figure, "figure", out=tmp_path, formats=("png",))
    assert from_axes.read_bytes() == from_figure.read_bytes()
    plt.close(figure)


def test_heatmap_in_a_subfigure_fits_its_numbers_like_a_figure_of_that_size():
    alone = plt.figure(figsize=(5, 4))
    plain = kp.heatmap(_wide(), ax=alone.subplots())
    halves = plt.figure(figsize=(10, 4))
    left, _ = halves.subfigures(1, 2)
    inside = kp.heatmap(_wide(), ax=left.subplots())
    size = plain.texts[0].get_fontsize()
    assert size < matplotlib.rcParams["font.size"]  # shrunk to fit, so the width matters
    assert inside.texts[0].get_fontsize() == pytest.approx(size)
    plt.close(alone)
    plt.close(halves)


def test_a_figure_on_an_svg_canvas_is_saved_too(tmp_path):
    figure = Figure(figsize=(6, 3))
    FigureCanvasSVG(figure)
    kp.bar_ranked(_ranked(), label="label", value="count", ax=figure.subplots())
    png, svg = kp.save_figure(figure, "svg-backend", out=tmp_path)
    with Image.open(png) as image:
        assert [round(d) for d in image.info["dpi"]] == [200, 200]
        assert image.width > 6 * 200 * 0.5  # the chart, not an empty crop
    assert svg.read_bytes().lstrip().startswith(b"<?xml")
