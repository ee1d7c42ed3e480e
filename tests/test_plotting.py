"""Tests for khabar.plotting: Arabic labels drawn right, on every matplotlib generation.

The pixel tests render labels through the chart functions, crop each label to its ink and
compare it with the logical string laid out by a real shaping engine (Pillow with Raqm) in
the same font file. A control draws the same labels with the recipe that is wrong for this
installation (reshape + bidi where matplotlib shapes, raw text where it does not) and must
fail the same comparison, so the test tells right from wrong. Run this file under
matplotlib >= 3.11 and under matplotlib < 3.11 (CI does both).
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import arabic_reshaper
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from bidi.algorithm import get_display
from hypothesis import given
from hypothesis import strategies as st
from matplotlib import font_manager, ft2font
from PIL import Image, ImageDraw, ImageFilter, ImageFont, features

import khabar.plotting as kp
from khabar.plotting import charts, shaping

#: The issue's test set.
LABELS = [
    "كيم جونغ أون",
    "وكالة الأنباء المركزية الكورية",
    "لا يمكننا تأكيد ذلك",
    "سي إن إن",
    "شبكة CNN الأميركية",
    "زيارة عام 2019",
    "بوتين",
]
#: What the tutorial recipe gets wrong on matplotlib < 3.11 and shape_label does not: an empty
#: box for its ALLAH ligature (not in DejaVu Sans); brackets not mirrored by python-bidi's
#: Rust get_display (")الكرملين(").
EXTRA_LABELS = ["حزب الله", "بوتين (الكرملين)"]
#: Ink difference (see ``ink_difference``) below which a label matches the reference. Chosen
#: from measured numbers on matplotlib 3.10 and 3.11 (notes/plotting-report.md): the right
#: recipe scores 0.06-0.25, the wrong one 0.82-1.53.
THRESHOLD = 0.45
#: The wrong recipe must miss the reference by at least this much.
CONTROL_MIN = 0.65
DPI = 200  # the export resolution
RAQM = pytest.mark.skipif(
    not features.check("raqm"),
    reason="Pillow has no Raqm layout (libraqm/libfribidi missing): no shaping reference",
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def frame(labels: list[str], counts: list[int] | None = None) -> pd.DataFrame:
    return pd.DataFrame({"label": labels, "count": counts or list(range(len(labels), 0, -1))})


# --- pixel comparison helpers ---------------------------------------------------------


def crop_to_ink(ink: np.ndarray, *, level: float = 0.15) -> np.ndarray:
    """Crop an ink image (1 = black) to the box of pixels darker than ``level``."""
    rows, cols = np.nonzero(ink > level)
    assert rows.size, "no ink found: the label was not drawn"
    return ink[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]


def drawn_ink(artist) -> np.ndarray:
    """Return the ink of a text artist as drawn on its (already drawn) Agg canvas."""
    canvas = artist.figure.canvas
    gray = np.asarray(canvas.buffer_rgba())[..., :3].astype(float).mean(axis=2)
    box = artist.get_window_extent()
    height = gray.shape[0]
    top, bottom = int(height - box.y1) - 2, int(np.ceil(height - box.y0)) + 2
    left, right = int(box.x0) - 2, int(np.ceil(box.x1)) + 2
    return crop_to_ink(1.0 - gray[max(top, 0) : bottom, max(left, 0) : right] / 255.0)


def reference_ink(text: str, *, font_file: str, pixels: float) -> np.ndarray:
    """Lay out the logical string with Pillow + Raqm and return its ink."""
    font = ImageFont.truetype(font_file, size=round(pixels), layout_engine=ImageFont.Layout.RAQM)
    left, top, right, bottom = font.getbbox(text)
    image = Image.new("L", (right - left + 40, bottom - top + 40), 255)
    ImageDraw.Draw(image).text((20 - left, 20 - top), text, font=font, fill=0)
    return crop_to_ink(1.0 - np.asarray(image, dtype=float) / 255.0)


def ink_difference(
    drawn: np.ndarray, reference: np.ndarray, *, height: int = 32, blur: float = 1.5
) -> float:
    """Scale both inks to the reference's box and return their mean absolute difference,
    relative to the reference's mean ink (0 = identical; ~1 or more = unrelated).

    A slight blur makes the measure indifferent to sub-pixel placement and hinting.
    """
    box = (max(8, round(height * reference.shape[1] / reference.shape[0])), height)

    def scaled(ink: np.ndarray) -> np.ndarray:
        image = Image.fromarray(np.uint8(np.clip(ink, 0, 1) * 255))
        image = image.resize(box, Image.Resampling.LANCZOS)
        if blur:
            image = image.filter(ImageFilter.GaussianBlur(blur))
        return np.asarray(image, dtype=float) / 255.0

    ref = scaled(reference)
    return float(np.abs(scaled(drawn) - ref).mean() / ref.mean())


def single_font_for(label: str) -> str:
    """The first chart font that draws the whole label (the reference cannot fall back)."""
    text = label + kp.shape_label(label)
    return next(f for f in kp.fonts.font_chain() if not kp.missing_glyphs(text, family=f))


def draw_label_everywhere(label: str) -> dict[str, object]:
    """Draw ``label`` as a bar tick label, a title, a legend entry and a heatmap row label."""
    fonts = [single_font_for(label), *kp.fonts.font_chain()]
    with kp.house_style(figure_dpi=DPI, font_family=fonts):
        fig = plt.figure(figsize=(18, 5))
        bars = kp.bar_ranked(
            frame([label], [3]),
            label="label",
            value="count",
            title=label,
            ax=fig.add_axes((0.45, 0.55, 0.5, 0.25)),
        )
        stacked = kp.stacked_bars(
            pd.DataFrame({label: [2]}, index=["د"]), ax=fig.add_axes((0.05, 0.1, 0.15, 0.3))
        )
        heat = kp.heatmap(
            pd.DataFrame({"س": [4]}, index=[label]), ax=fig.add_axes((0.75, 0.1, 0.1, 0.3))
        )
    fig.canvas.draw()
    return {
        "tick": bars.get_yticklabels()[0],
        "title": bars.title,
        "legend": stacked.get_legend().get_texts()[0],
        "heatmap": heat.get_yticklabels()[0],
    }


def differences(label: str) -> dict[str, float]:
    """Ink difference from the Raqm reference for each place the label is drawn."""
    result = {}
    for part, artist in draw_label_everywhere(label).items():
        font_file = font_manager.findfont(artist.get_fontproperties())
        pixels = artist.get_fontsize() * DPI / 72
        reference = reference_ink(label, font_file=font_file, pixels=pixels)
        result[part] = ink_difference(drawn_ink(artist), reference)
    return result


@pytest.fixture
def wrong_recipe(monkeypatch):
    """Make shape_label apply the recipe that is wrong for this installation."""
    really_shapes = shaping.matplotlib_shapes()
    monkeypatch.setattr(shaping, "matplotlib_shapes", lambda: not really_shapes)


# --- pixel tests ----------------------------------------------------------------------


@RAQM
@pytest.mark.parametrize("label", LABELS + EXTRA_LABELS)
def test_label_matches_raqm_reference(label):
    diffs = differences(label)
    assert max(diffs.values()) < THRESHOLD, f"{label!r} drawn unlike the reference: {diffs}"


@RAQM
@pytest.mark.parametrize("label", LABELS + EXTRA_LABELS)
def test_wrong_recipe_fails_the_comparison(label, wrong_recipe):
    diffs = differences(label)
    assert min(diffs.values()) > CONTROL_MIN, f"control {label!r} too close: {diffs}"


def test_charts_draw_no_missing_glyph_boxes():
    with warnings.catch_warnings():
        warnings.simplefilter("error", kp.MissingGlyphWarning)
        ax = kp.bar_ranked(frame(LABELS + EXTRA_LABELS), label="label", value="count", title="ت")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax.figure.canvas.draw()
    assert not [w for w in caught if "missing from font" in str(w.message)]


# --- shaping decision -----------------------------------------------------------------


def test_matplotlib_shapes_agrees_with_ft2font():
    assert kp.matplotlib_shapes() is bool(getattr(ft2font, "__libraqm_version__", ""))


def test_pillow_shapes_agrees_with_pillow():
    assert kp.pillow_shapes() is features.check("raqm")


def test_shape_label_applies_the_recipe_for_this_matplotlib():
    for label in LABELS:
        expected = label if kp.matplotlib_shapes() else get_display(arabic_reshaper.reshape(label))
        assert kp.shape_label(label) == expected


def test_reshaped_labels_keep_latin_digits_and_ligatures():
    mixed = shaping.reshape_for_display("شبكة CNN الأميركية، زيارة عام 2019")
    assert "CNN" in mixed and "2019" in mixed  # not reversed to NNC, 9102
    assert "\ufefb" in shaping.reshape_for_display("لا يمكننا")  # lam-alef ligature
    assert "\ufdf2" not in shaping.reshape_for_display("حزب الله")  # no box in DejaVu Sans


@pytest.mark.parametrize("label", ["بوتين (الكرملين)", "قال (CNN) إن", "[كيم] و«بوتين»"])
def test_reshaped_brackets_still_enclose(label):
    visual = shaping.reshape_for_display(label)
    for opening, closing in ("()", "[]", "«»"):
        if opening in label:
            assert visual.index(opening) < visual.index(closing), visual


def test_reshaping_keeps_line_order():
    lines = shaping.reshape_for_display("بوتين\nكيم").split("\n")
    assert lines == [shaping.reshape_for_display("بوتين"), shaping.reshape_for_display("كيم")]


@given(st.text(alphabet=st.characters(max_codepoint=0x24F, exclude_categories=("Cs",))))
def test_latin_text_passes_unchanged_on_both_paths(text):
    for shapes in (True, False):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(shaping, "matplotlib_shapes", lambda shapes=shapes: shapes)
            assert kp.shape_label(text) == text


# --- fonts ----------------------------------------------------------------------------


def test_arabic_font_has_every_glyph_of_the_labels():
    assert kp.arabic_font() in {*kp.fonts.ARABIC_FAMILIES, "DejaVu Sans"}
    for label in LABELS + EXTRA_LABELS:
        assert kp.missing_glyphs(label) == []
        assert kp.missing_glyphs(kp.shape_label(label)) == []


def test_font_with_presentation_forms_is_usable_without_shaping(monkeypatch):
    monkeypatch.setattr(kp.fonts, "matplotlib_shapes", lambda: False)
    assert kp.fonts._usable("DejaVu Sans")  # has every form the reshaper emits
    assert not kp.fonts._usable("DejaVu Serif")  # ships with matplotlib, has no Arabic


def test_missing_glyphs_names_what_the_font_lacks():
    assert kp.missing_glyphs("بوتين 金正恩 CNN", family="DejaVu Sans") == ["金", "正", "恩"]


def test_missing_glyphs_rejects_unknown_family():
    with pytest.raises(ValueError, match="No Such Font"):
        kp.missing_glyphs("x", family="No Such Font")


def test_chart_warns_naming_characters_and_label():
    with pytest.warns(kp.MissingGlyphWarning, match=r"'كيم 金'.*'金' \(U\+91D1\)"):
        kp.bar_ranked(frame(["كيم 金", "بوتين"]), label="label", value="count")


def test_chart_warns_when_an_overridden_font_cannot_draw_arabic():
    with (
        pytest.warns(kp.MissingGlyphWarning, match="DejaVu Serif"),
        kp.house_style(font_family=["DejaVu Serif"]),
    ):
        kp.bar_ranked(frame(["بوتين"]), label="label", value="count")


# --- chart structure ------------------------------------------------------------------


def test_bar_ranked_puts_largest_value_on_top():
    data = frame(["بوتين", "كيم جونغ أون", "سي إن إن"], [2, 9, 5])
    ax = kp.bar_ranked(data, label="label", value="count")
    ax.figure.canvas.draw()
    tops = [bar.get_window_extent().y1 for bar in ax.patches]
    widths = [bar.get_width() for bar in ax.patches]
    assert widths[int(np.argmax(tops))] == 9
    labels = sorted(ax.get_yticklabels(), key=lambda t: -t.get_window_extent().y0)
    assert labels[0].get_text() == kp.shape_label("كيم جونغ أون")


def test_bar_ranked_keeps_top_rows_and_annotates_values():
    ax = kp.bar_ranked(frame(LABELS, [1, 7, 3, 9, 4, 8, 2]), label="label", value="count", top=3)
    assert len(ax.patches) == 3
    annotations = sorted(t.get_text() for t in ax.texts)
    assert annotations == ["7", "8", "9"]


def test_count_axes_have_whole_number_ticks():
    ax = kp.bar_ranked(frame(LABELS[:3], [1, 3, 2]), label="label", value="count")
    ax.figure.canvas.draw()
    ticks = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks)


def test_bar_ranked_labels_sit_against_the_axis():
    ax = kp.bar_ranked(frame(LABELS), label="label", value="count")
    ax.figure.canvas.draw()
    axis_x = ax.get_window_extent().x0
    for tick in ax.get_yticklabels():
        assert 0 <= axis_x - tick.get_window_extent().x1 < 12  # pixels at 100 dpi


def test_bar_ranked_names_a_missing_column():
    with pytest.raises(KeyError, match="'share'"):
        kp.bar_ranked(frame(LABELS), label="label", value="share")


def test_every_text_on_the_charts_goes_through_shape_label(monkeypatch):
    monkeypatch.setattr(charts, "shape_label", lambda text: f"«{text}»")
    table = pd.DataFrame({"بوتين": [1, 2], "كيم": [3, 0]}, index=["doc-1", "doc-2"])
    axes = [
        kp.bar_ranked(frame(LABELS), label="label", value="count", title="t", xlabel="x"),
        kp.stacked_bars(table, title="t", xlabel="x", ylabel="y"),
        kp.heatmap(table, title="t"),
        kp.line_chart(
            pd.DataFrame({"n": [1, 2], "a": [1, 3], "b": [2, 2]}),
            x="n",
            y=["a", "b"],
            title="t",
            xlabel="x",
            ylabel="y",
        ),
    ]
    axes.append(kp.line_chart(pd.DataFrame({"doc": ["أ", "ب"], "n": [1, 2]}), x="doc", y="n"))
    for ax in axes:
        ax.figure.canvas.draw()
        texts = [t.get_text() for t in ax.figure.findobj(matplotlib.text.Text)]
        ours = [t for t in texts if t and not _numeric_tick(t)]
        assert ours and all(t.startswith("«") for t in ours), ours


def _numeric_tick(text: str) -> bool:
    return all(ch.isdigit() or ch in ".,-−+e " for ch in text)


def test_stacked_bars_legend_and_rows_are_shaped():
    table = pd.DataFrame({"بوتين": [1, 2], "شبكة CNN الأميركية": [3, 0]}, index=["د١", "د٢"])
    ax = kp.stacked_bars(table)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [kp.shape_label(c) for c in table.columns]
    assert [t.get_text() for t in ax.get_yticklabels()] == [kp.shape_label(i) for i in table.index]
    assert len(ax.patches) == 4


def test_heatmap_shapes_both_axes_and_writes_integers():
    table = pd.DataFrame([[3.0, 1.0], [0.0, 12.0]], index=["بوتين", "كيم"], columns=LABELS[:2])
    ax = kp.heatmap(table)
    assert [t.get_text() for t in ax.get_xticklabels()] == [kp.shape_label(c) for c in LABELS[:2]]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        kp.shape_label("بوتين"),
        kp.shape_label("كيم"),
    ]
    assert sorted(t.get_text() for t in ax.texts) == ["0", "1", "12", "3"]


def test_line_chart_draws_each_series():
    data = pd.DataFrame({"docs": [1, 2, 3], "types": [10, 15, 18], "tokens": [20, 40, 60]})
    ax = kp.line_chart(data, x="docs", y=["types", "tokens"], title="نمو المفردات")
    assert len(ax.lines) == 2
    assert ax.get_title() == kp.shape_label("نمو المفردات")


def test_line_over_time_breaks_across_missing_days_and_starts_at_zero():
    days = pd.to_datetime(["2015-07-26", "2015-07-27", "2015-07-31", "2015-08-01"])
    data = pd.DataFrame({"period": days, "articles": [1800, 2100, 1900, 2000]})
    ax = kp.line_chart(data, x="period", y="articles")
    heights = ax.lines[0].get_ydata()
    assert len(heights) == 7 and np.isnan(heights[2:5]).all()  # 28-30 July: no line drawn
    assert ax.get_ylim()[0] == 0


def test_heatmap_numbers_fit_their_cells():
    table = pd.DataFrame(
        np.full((12, 12), 2491.0), index=LABELS[:1] * 12, columns=[f"c{i}" for i in range(12)]
    )
    ax = kp.heatmap(table)
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    cell = ax.get_window_extent().width / 12
    assert max(t.get_window_extent(renderer).width for t in ax.texts) < cell
    few = kp.heatmap(table.iloc[:2, :2])
    assert few.texts[0].get_fontsize() > ax.texts[0].get_fontsize()


# --- house style ----------------------------------------------------------------------


def test_house_style_applies_and_overrides_win():
    ax = kp.bar_ranked(frame(LABELS), label="label", value="count", title="بوتين")
    assert ax.title.get_fontsize() == 14
    assert ax.get_yticklabels()[0].get_fontsize() == 11
    with kp.house_style(**{"axes.titlesize": 23}, ytick_labelsize=17):
        ax = kp.bar_ranked(frame(LABELS), label="label", value="count", title="بوتين")
    assert ax.title.get_fontsize() == 23
    assert ax.get_yticklabels()[0].get_fontsize() == 17


def test_house_style_restores_rcparams():
    before = dict(matplotlib.rcParams)
    with kp.house_style(font_size=20):
        assert matplotlib.rcParams["font.size"] == 20
    kp.bar_ranked(frame(LABELS), label="label", value="count")
    assert dict(matplotlib.rcParams) == before


def test_house_style_rejects_unknown_keys():
    with pytest.raises(KeyError, match="not_a_param"), kp.house_style(not_a_param=1):
        pass


# --- export ---------------------------------------------------------------------------


def _chart() -> plt.Figure:
    return kp.bar_ranked(frame(LABELS), label="label", value="count", title=LABELS[0]).figure


def test_save_figure_writes_png_and_svg_at_200_dpi(tmp_path):
    out = tmp_path / "figures" / "terms"
    paths = kp.save_figure(_chart(), "top-actors", out=out)
    assert paths == [out / "top-actors.png", out / "top-actors.svg"]
    assert sorted(p.name for p in out.iterdir()) == ["top-actors.png", "top-actors.svg"]
    with Image.open(paths[0]) as png:
        assert [round(d) for d in png.info["dpi"]] == [200, 200]
    assert b"<dc:date>" not in paths[1].read_bytes()
    (tmp_path / "plain").write_bytes(b"")
    assert paths[0].stat().st_mode == (tmp_path / "plain").stat().st_mode  # readable as usual


def test_save_figure_is_byte_identical_between_runs(tmp_path):
    first = kp.save_figure(_chart(), "f", out=tmp_path / "a", formats=("png", "svg", "pdf"))
    second = kp.save_figure(_chart(), "f", out=tmp_path / "b", formats=("png", "svg", "pdf"))
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name


def test_save_figure_is_byte_identical_between_processes(tmp_path):
    script = (
        "import sys, pandas as pd, khabar.plotting as kp\n"
        "d = pd.DataFrame({'l': ['بوتين', 'سي إن إن'], 'v': [2, 1]})\n"
        "kp.save_figure(kp.bar_ranked(d, label='l', value='v').figure, 'f', out=sys.argv[1])\n"
    )
    for run in ("a", "b"):
        subprocess.run([sys.executable, "-c", script, str(tmp_path / run)], check=True)
    for fmt in ("png", "svg"):
        first, second = (tmp_path / run / f"f.{fmt}" for run in ("a", "b"))
        assert first.read_bytes() == second.read_bytes(), fmt


def test_save_figure_takes_the_axes_a_chart_returns(tmp_path):
    ax = kp.bar_ranked(frame(LABELS), label="label", value="count")
    assert kp.save_figure(ax, "bars", out=tmp_path, formats=("png",)) == [tmp_path / "bars.png"]


def test_save_figure_rejects_paths_and_unknown_formats(tmp_path):
    with pytest.raises(ValueError, match="plain file name"):
        kp.save_figure(_chart(), "../escape", out=tmp_path)
    with pytest.raises(ValueError, match="jpg"):
        kp.save_figure(_chart(), "f", out=tmp_path, formats=("jpg",))
    assert list(Path(tmp_path).iterdir()) == []


def test_an_empty_table_is_not_drawn_and_a_stale_chart_is_removed(tmp_path, capsys):
    data = pd.DataFrame({"term": ["بوتين"], "count": [3]})
    assert kp.save_chart(
        kp.bar_ranked, data, "top", out=tmp_path, empty="-", label="term", value="count"
    )
    assert (tmp_path / "top.png").exists()
    plt.close("all")
    for empty in (None, data.iloc[:0], data.assign(count=0)):
        written = kp.save_chart(
            kp.bar_ranked,
            empty,
            "top",
            out=tmp_path,
            empty="No terms.",
            label="term",
            value="count",
        )
        assert written == [] and capsys.readouterr().out == "No terms.\n"
    assert not list(tmp_path.iterdir())


def test_large_tables_are_cut_to_a_readable_size(tmp_path):
    table = pd.DataFrame(
        np.arange(400 * 40).reshape(400, 40), index=[f"article {i}" for i in range(400)]
    )
    for draw in (kp.heatmap, kp.stacked_bars):
        ax = draw(table)
        assert len(ax.get_yticks()) == charts.MAX_ROWS
        (path,) = kp.save_figure(ax, draw.__name__, out=tmp_path, formats=("png",))
        with Image.open(path) as image:
            assert image.size[1] <= 3600
        plt.close("all")


def test_count_axes_use_thousands_separators():
    data = pd.DataFrame({"term": ["النفط", "الطاقة"], "count": [2_500_000, 1_200_000]})
    ax = kp.bar_ranked(data, label="term", value="count")
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert "e" not in "".join(ticks) and any("," in t for t in ticks)
    plt.close("all")


def test_chart_text_exists_in_both_languages_and_english_is_latin():
    from khabar.plotting import labels

    for key in labels._TEXT:
        assert kp.chart_text(key, lang="ar") and kp.chart_text(key, lang="en")
        assert not shaping.needs_bidi(kp.chart_text(key, lang="en")), key
    for value in ("agency", "person", "official", "reported_by", "told_to", "expert", "female"):
        assert not shaping.needs_bidi(kp.category(value, lang="en"))
        assert shaping.needs_bidi(kp.category(value, lang="ar"))
    assert kp.category("بوتين", lang="en") == "بوتين"  # unknown values stay as written
    with pytest.raises(ValueError, match="fr"):
        kp.chart_text("top-terms", lang="fr")


def test_every_person_category_has_a_label_in_both_languages():
    from khabar.plotting.shaping import needs_bidi
    from khabar.sources.speakerlists import CATEGORIES

    values = [*CATEGORIES, ""]
    arabic = kp.person_categories(values, lang="ar")
    english = kp.person_categories(values, lang="en")
    assert all(label and needs_bidi(label) for label in arabic), arabic
    assert all(label and not needs_bidi(label) for label in english), english
    assert kp.person_categories(["official"], lang="ar") != kp.categories(["official"], lang="ar")
