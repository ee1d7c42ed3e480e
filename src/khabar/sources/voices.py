"""Who gets a voice: named speakers, their categories, and the share of women among them.

Counts follow the media monitors (the Global Media Monitoring Project and its kin): a person is
counted once per article in which they are cited, whatever the number of quotes.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["speaker_categories", "speaker_counts", "women_share"]

_SPEAKERS = ("person", "official")


def _people(table: pd.DataFrame) -> pd.DataFrame:
    """One row per person and article (the first row of each)."""
    people = table[table["source_type"] == "person"]
    return people.drop_duplicates(["doc_id", "source_id"])


def speaker_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Named speakers: source_id, source_ar, source_en, title, category, gender, count (rows)
    and doc_count (articles), most cited first."""
    columns = ["source_id", "source_ar", "source_en", "title", "category", "gender"]
    people = table[table["source_type"] == "person"]
    if people.empty:
        frame = pd.DataFrame(columns=[*columns, "count", "doc_count"])
        return frame.astype({"count": "int64", "doc_count": "int64"})
    grouped = people.groupby("source_id", sort=False).agg(
        source_ar=("source_ar", "first"),
        source_en=("source_en", "first"),
        title=("title", _most_common),
        category=("category", _most_common),
        gender=("gender", _most_common),
        count=("doc_id", "size"),
        doc_count=("doc_id", "nunique"),
    )
    grouped = grouped.reset_index().sort_values(
        ["count", "source_ar"], ascending=[False, True], kind="stable"
    )
    return grouped.reset_index(drop=True)[[*columns, "count", "doc_count"]]


def _most_common(values: pd.Series) -> str:
    """The most frequent non-empty, known value (ties: the first written)."""
    known = values[(values != "") & (values != "unknown")]
    if known.empty:
        return "unknown" if (values == "unknown").any() else ""
    return str(known.value_counts(sort=True).index[0])


def speaker_categories(table: pd.DataFrame) -> pd.DataFrame:
    """Speakers per category (people once per article, officials per citation), with the
    unnamed sources alongside: category, source_type, count."""
    people = _people(table)
    officials = table[table["source_type"] == "official"]
    unnamed = table[table["source_type"] == "unnamed"].assign(category="unnamed")
    rows = pd.concat([people, officials, unnamed])
    if rows.empty:
        return pd.DataFrame({"category": [], "source_type": [], "count": []}).astype(
            {"count": "int64"}
        )
    rows = rows.assign(category=rows["category"].replace("", "not told"))
    counts = rows.groupby(["category", "source_type"]).size().rename("count").reset_index()
    counts["count"] = counts["count"].astype("int64")
    return counts.sort_values(
        ["count", "category"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def women_share(
    table: pd.DataFrame,
    docs: pd.DataFrame | None = None,
    *,
    by: str | None = None,
    freq: str | None = None,
) -> pd.DataFrame:
    """The share of women among named speakers whose gender the text tells.

    Args:
        table: Rows of ``find_sources``.
        docs: The corpus's documents (``corpus.docs``), needed for ``by``.
        by: A column of ``docs`` to break the share down by (``"outlet"``, ``"date"``).
        freq: With a date column, a pandas period (``"M"``, ``"Y"``) to group dates by.

    Returns:
        Columns (the ``by`` column), women, men, unknown, share (women / (women + men); NaN
        where no gender is known).
    """
    people = _people(table)
    if by is not None:
        if docs is None or by not in docs.columns:
            raise ValueError(f"grouping by {by!r} needs the corpus documents with that column")
        people = people.merge(docs[["doc_id", by]], on="doc_id", how="left")
        if freq is not None:
            people[by] = pd.to_datetime(people[by]).dt.to_period(freq)
    keys = [by] if by else []
    genders = pd.Categorical(people["gender"], categories=["female", "male", "unknown"])
    counts = (
        people.assign(gender=genders)
        .groupby([*keys, "gender"], observed=False)
        .size()
        .unstack("gender", fill_value=0)
        if keys
        else pd.DataFrame([pd.Series(genders).value_counts().reindex(genders.categories)])
    )
    counts = counts.reindex(columns=["female", "male", "unknown"], fill_value=0).astype("int64")
    counts.columns = ["women", "men", "unknown"]
    told = counts["women"] + counts["men"]
    counts["share"] = (counts["women"] / told.where(told > 0)).astype("float64")
    counts.columns.name = None
    return counts.reset_index() if keys else counts.reset_index(drop=True)
