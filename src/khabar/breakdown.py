"""Analysis tables broken down by outlet and over time, and keyness of each outlet.

Everything here works on tables already computed (term, source and actor rows) plus the
documents' outlet and date, so a corpus is read once however many breakdowns are drawn.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = [
    "FREQUENCIES",
    "articles_by",
    "count_by",
    "date_frequency",
    "doc_groups",
    "group_keyness",
    "has_dates",
    "has_outlets",
    "parse_dates",
    "rate_by",
    "share_by",
    "voices",
]

#: Period lengths for over-time charts: day, week (starting Monday), month.
FREQUENCIES = ("D", "W", "M")
_DAILY_UP_TO_DAYS = 21
_WEEKLY_UP_TO_DAYS = 182


def parse_dates(values: pd.Series) -> pd.Series:
    """Return ``values`` as naive datetimes; missing or unreadable values become NaT."""
    if pd.api.types.is_datetime64_any_dtype(values):
        dates = values
    else:
        text = values.astype("string").str.strip().replace("", pd.NA)
        dates = pd.to_datetime(text, errors="coerce", format="mixed")
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_convert(None)
    return dates


def has_outlets(docs: pd.DataFrame) -> bool:
    """Tell whether at least two outlets are named in the documents' metadata."""
    if "outlet" not in docs.columns:
        return False
    outlets = docs["outlet"].astype("string").str.strip().replace("", pd.NA).dropna()
    return outlets.nunique() >= 2


def has_dates(docs: pd.DataFrame) -> bool:
    """Tell whether the documents carry at least two distinct days."""
    if "date" not in docs.columns:
        return False
    return parse_dates(docs["date"]).dropna().dt.normalize().nunique() >= 2


def date_frequency(dates: pd.Series) -> str:
    """Pick the period for over-time charts from the date range: "D", "W" or "M".

    Days up to three weeks, weeks up to half a year, months beyond: about twenty points or
    more on a line, and few enough periods to keep one term table per outlet and period.
    """
    dates = parse_dates(dates).dropna()
    if dates.empty:
        return "D"
    days = (dates.max() - dates.min()).days
    if days <= _DAILY_UP_TO_DAYS:
        return "D"
    return "W" if days <= _WEEKLY_UP_TO_DAYS else "M"


def _period_start(dates: pd.Series, freq: str) -> pd.Series:
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of {FREQUENCIES}, not {freq!r}")
    if freq == "D":
        return dates.dt.normalize()
    return dates.dt.to_period("W-SUN" if freq == "W" else "M").dt.start_time


def doc_groups(docs: pd.DataFrame, *, freq: str | None = None) -> pd.DataFrame:
    """One row per document: doc_id, outlet (None if unknown) and period (start of its period).

    Args:
        docs: ``corpus.docs`` (doc_id, outlet, date).
        freq: "D", "W" or "M"; chosen from the date range by default.
    """
    index = docs.index
    dates = parse_dates(docs["date"]) if "date" in docs else pd.Series(pd.NaT, index=index)
    outlets = docs["outlet"] if "outlet" in docs else pd.Series("", index=index)
    outlets = outlets.astype("string").str.strip()
    known = outlets.notna() & (outlets != "")
    return pd.DataFrame(
        {
            "doc_id": docs["doc_id"].astype(str),
            "outlet": outlets.astype(object).where(known, None),
            "period": _period_start(dates, freq or date_frequency(dates)),
        }
    )


def articles_by(groups: pd.DataFrame, *, by: str) -> pd.DataFrame:
    """Articles per outlet (most first, ties by name) or per period (in time order).

    Args:
        groups: :func:`doc_groups` of the corpus.
        by: "outlet" or "period".
    """
    sizes = groups.dropna(subset=[by]).groupby(by).size().rename("articles").reset_index()
    if by == "outlet":
        sizes = sizes.sort_values(["articles", by], ascending=[False, True], kind="mergesort")
    return sizes.reset_index(drop=True).astype({"articles": "int64"})


def voices(sources: pd.DataFrame) -> pd.DataFrame:
    """The attributions to named people (source_type ``person``) of ``find_sources`` rows."""
    return sources[sources["source_type"] == "person"]


def share_by(
    rows: pd.DataFrame, groups: pd.DataFrame, *, by: str, column: str, value: str
) -> pd.DataFrame | None:
    """Percentage of rows with ``column == value`` per outlet or period, among known values.

    Rows whose ``column`` is empty or "unknown" are left out of the base. None when the rows
    have no such column.

    Returns:
        by, percent (one decimal), rows (the base); outlets by base size, periods in order.
    """
    if column not in rows.columns:
        return None
    known = rows[rows[column].notna() & ~rows[column].isin(["", "unknown"])]
    joined = (
        known[["doc_id", column]].merge(groups[["doc_id", by]], on="doc_id").dropna(subset=[by])
    )
    table = joined.groupby(by)[column].agg(rows="size", hits=lambda s: int((s == value).sum()))
    table = table.reset_index().assign(percent=lambda t: (100 * t["hits"] / t["rows"]).round(1))
    if by == "outlet":
        table = table.sort_values(["rows", by], ascending=[False, True], kind="mergesort")
    return table[[by, "percent", "rows"]].reset_index(drop=True)


def count_by(
    rows: pd.DataFrame, groups: pd.DataFrame, *, by: str, key: str, top: int | None = None
) -> pd.DataFrame:
    """Rows per group (outlet or period) and key value, as a wide table for a chart.

    Args:
        rows: Analysis rows with a doc_id (sources, actor mentions).
        groups: :func:`doc_groups` of the same corpus.
        by: "outlet" or "period": the table's index (outlets by row count, most first; every
            period that has articles, in order, with 0 where it has no rows).
        key: Column of ``rows`` whose values become the columns (most frequent first, ties by
            name), e.g. source_type or actor_ar.
        top: Keep this many most frequent key values; None keeps all.
    """
    joined = rows[["doc_id", key]].merge(groups[["doc_id", by]], on="doc_id").dropna(subset=[by])
    if joined.empty:
        return pd.DataFrame()
    table = pd.crosstab(joined[by], joined[key])
    totals = table.sum(axis=0)
    columns = sorted(table.columns, key=lambda c: (-int(totals[c]), str(c)))
    table = table[columns[:top] if top is not None else columns]
    if by == "outlet":
        sums = table.sum(axis=1)
        table = table.loc[sorted(table.index, key=lambda o: (-int(sums[o]), str(o)))]
    else:  # a period with articles but no row counts 0
        table = table.reindex(sorted(groups[by].dropna().unique()), fill_value=0)
    table.index.name, table.columns.name = by, None
    return table.astype("int64")


def rate_by(
    terms_by: pd.DataFrame, cells: pd.DataFrame, *, by: str, terms: list[str], per: int = 10_000
) -> pd.DataFrame:
    """Occurrences of ``terms`` per ``per`` words in each outlet or period (wide table).

    Args:
        terms_by: Term rows per cell (cell, term, count, doc_count).
        cells: One row per cell: cell, outlet, period, docs, tokens.
        by: "outlet" or "period".
        terms: The terms to keep, in column order.
        per: Rate base (words).
    """
    tokens = cells.dropna(subset=[by]).groupby(by)["tokens"].sum()
    if tokens.empty:
        return pd.DataFrame()
    kept = terms_by[terms_by["term"].isin(terms)].merge(cells[["cell", by]], on="cell")
    counts = kept.pivot_table(index=by, columns="term", values="count", aggfunc="sum", fill_value=0)
    counts = counts.reindex(index=tokens.index, columns=terms, fill_value=0)
    rates = counts.div(tokens, axis=0) * per
    rates.index.name, rates.columns.name = by, None
    return rates.round(1)


def group_keyness(
    terms_by: pd.DataFrame,
    cells: pd.DataFrame,
    terms: pd.DataFrame,
    *,
    by: str = "outlet",
    min_docs: int = 5,
    max_doc_share: float = 0.5,
    top: int = 5,
) -> pd.DataFrame:
    """Key terms of each group (outlet) against the rest of the corpus (signed G², over-use only).

    A term counts for a group only when at least ``min_docs`` of the group's documents use it:
    one article repeating a word does not make the word key to its outlet. A term in more than
    ``max_doc_share`` of the group's documents is its page furniture (masthead, agency
    credit, "next"/"previous" links), not what it writes about, and is left out; so are
    numbers (phone numbers of advertisements, years).

    Args:
        terms_by: Term rows per cell (cell, term, count, doc_count).
        cells: One row per cell: cell, outlet, period, docs, tokens.
        terms: The corpus's term table (term, count): the whole corpus's counts.
        by: The grouping column of ``cells``.
        min_docs: Least number of the group's documents using the term (at least 2: the
            cached cell table keeps only terms found in two documents or more).
        max_doc_share: Largest share of the group's documents using the term (1.0 keeps all).
        top: Key terms kept per group.

    Returns:
        by, term, count (in the group), doc_count (in the group), rest (count elsewhere),
        keyness; groups in order, most key terms first.
    """
    columns = [by, "term", "count", "doc_count", "rest", "keyness"]
    meta = cells.dropna(subset=[by])
    if meta[by].nunique() < 2:
        return pd.DataFrame(columns=columns)
    grouped = (
        terms_by.merge(meta[["cell", by]], on="cell")
        .groupby([by, "term"], as_index=False)[["count", "doc_count"]]
        .sum()
    )
    docs = meta.groupby(by)["docs"].sum()
    usual = grouped["doc_count"] <= max_doc_share * grouped[by].map(docs)
    worded = grouped["term"].str.contains(r"[^\W\d_]", regex=True)  # not a phone number
    grouped = grouped[(grouped["doc_count"] >= min_docs) & usual & worded]
    total = terms.groupby("term")["count"].sum()  # two folds can share a label
    tokens = meta.groupby(by)["tokens"].sum()
    a = grouped["count"].to_numpy(float)
    b = grouped["term"].map(total).to_numpy(float) - a
    size_a = grouped[by].map(tokens).to_numpy(float)
    size_b = float(tokens.sum()) - size_a
    grouped = grouped.assign(rest=b.astype("int64"), keyness=_g2(a, b, size_a, size_b).round(1))
    grouped = grouped[a / size_a > b / np.maximum(size_b, 1)]
    grouped = grouped.sort_values(
        [by, "keyness", "term"], ascending=[True, False, True], kind="mergesort"
    )
    return grouped.groupby(by, sort=False).head(top).reset_index(drop=True)[columns]


def _g2(a: np.ndarray, b: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> np.ndarray:
    """Log-likelihood G² of a count in a group (a of size_a) against the rest (b of size_b)."""
    share = (a + b) / (size_a + size_b)
    expected_a, expected_b = size_a * share, size_b * share
    with np.errstate(divide="ignore", invalid="ignore"):
        part_a = np.where(a > 0, a * np.log(a / expected_a), 0.0)
        part_b = np.where(b > 0, b * np.log(b / expected_b), 0.0)
    return 2 * (part_a + part_b)
