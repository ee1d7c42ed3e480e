"""Arabic-correct matplotlib charts and reproducible figure export.

Every string a chart function draws goes through :func:`shape_label`, which hands matplotlib
the logical text where it shapes (3.11+, libraqm) and the reshaped, visually ordered text
where it does not (< 3.11).
"""

from __future__ import annotations

from .charts import bar_ranked, heatmap, line_chart, stacked_bars
from .export import save_chart, save_figure
from .fonts import MissingGlyphWarning, arabic_font, font_path, missing_glyphs
from .labels import categories, category, chart_text, person_categories
from .shaping import matplotlib_shapes, pillow_shapes, shape_label
from .style import house_style

__all__ = [
    "MissingGlyphWarning",
    "arabic_font",
    "bar_ranked",
    "categories",
    "category",
    "chart_text",
    "font_path",
    "heatmap",
    "house_style",
    "line_chart",
    "matplotlib_shapes",
    "missing_glyphs",
    "person_categories",
    "pillow_shapes",
    "save_chart",
    "save_figure",
    "shape_label",
    "stacked_bars",
]
