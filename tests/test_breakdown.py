"""Breakdowns by outlet and over time, and keyness of each outlet."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import khabar
from khabar import breakdown
from khabar.tables import corpus_tables


def _docs(dates: list[str], outlets: list[str] | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(dates))],
            "date": dates,
            "outlet": outlets or [""] * len(dates),
        }
    )


@pytest.mark.parametrize(
    ("first", "last", "freq"),
    [
        ("2015-07-01", "2015-07-20", "D"),
        ("2015-07-01", "2015-08-31", "W"),
        ("2010-01-01", "2015-01-01", "M"),
    ],
)
def test_the_period_follows_the_date_range(first, last, freq):
    assert breakdown.date_frequency(pd.Series([first, last])) == freq


def test_weeks_start_on_monday_and_months_on_the_first():
    docs = _docs(["2015-07-22 02:51:32", "2015-07-26", "2015-07-27"])
    weeks = breakdown.doc_groups(docs, freq="W")["period"].dt.strftime("%Y-%m-%d").tolist()
    assert weeks == ["2015-07-20", "2015-07-20", "2015-07-27"]
    months = breakdown.doc_groups(docs, freq="M")["period"].dt.strftime("%Y-%m-%d").tolist()
    assert months == ["2015-07-01"] * 3


def test_missing_dates_and_outlets_are_unknown_not_errors():
    docs = _docs(["", "not a date", "2015-07-27"], ["okaz", "", "okaz"])
    groups = breakdown.doc_groups(docs)
    assert groups["period"].isna().tolist() == [True, True, False]
    assert groups["outlet"].tolist() == ["okaz", None, "okaz"]
    assert not breakdown.has_outlets(docs) and not breakdown.has_dates(docs)


def test_articles_by_outlet_counts_each_article_once_most_first():
    groups = breakdown.doc_groups(_docs(["2015-07-01"] * 4, ["b", "a", "b", ""]))
    table = breakdown.articles_by(groups, by="outlet")
    assert table.to_dict("list") == {"outlet": ["b", "a"], "articles": [2, 1]}


def test_share_of_women_leaves_unknown_gender_out_of_the_base():
    groups = breakdown.doc_groups(_docs(["2015-07-01"] * 3, ["a", "a", "b"]))
    rows = pd.DataFrame(
        {
            "doc_id": ["d0", "d0", "d1", "d1", "d2"],
            "gender": ["female", "male", "unknown", "male", "female"],
        }
    )
    table = breakdown.share_by(rows, groups, by="outlet", column="gender", value="female")
    assert table.set_index("outlet")["percent"].to_dict() == {
        "a": pytest.approx(100 / 3, abs=0.05),
        "b": 100.0,
    }
    assert (
        breakdown.share_by(
            rows.drop(columns="gender"), groups, by="outlet", column="gender", value="female"
        )
        is None
    )


def _two_outlets(tmp_path) -> khabar.Corpus:
    a_texts = ["النفط يرتفع والنفط يهبط السوق"] * 6
    b_texts = ["الطقس ساخن المدينة السوق هادئ"] * 6
    two_off = ["الزعفران " * 30 + "السوق"] * 2
    texts = a_texts + two_off + b_texts
    outlets = ["a"] * 8 + ["b"] * 6
    dates = [f"2015-07-{1 + i:02d}" for i in range(len(texts))]
    return khabar.Corpus.from_texts(texts, outlet=outlets, date=dates)


def test_key_terms_need_enough_articles_of_the_outlet(tmp_path):
    tables = corpus_tables(_two_outlets(tmp_path), out=tmp_path)
    key = breakdown.group_keyness(
        tables.terms_by, tables.cells, tables.terms, min_docs=3, max_doc_share=1.0, top=10
    )
    a_terms = key.loc[key["outlet"] == "a", "term"].tolist()
    assert a_terms[0] == "النفط"
    assert "الزعفران" not in a_terms  # sixty times, but in two articles only
    loose = breakdown.group_keyness(
        tables.terms_by, tables.cells, tables.terms, min_docs=2, max_doc_share=1.0, top=10
    )
    assert "الزعفران" in loose.loc[loose["outlet"] == "a", "term"].tolist()
    assert "السوق" not in a_terms  # used alike by both outlets


def test_counts_over_time_are_zero_in_a_period_with_articles_but_no_rows():
    groups = pd.DataFrame(
        {
            "doc_id": ["d1", "d2", "d3"],
            "outlet": ["a", "a", "b"],
            "period": pd.to_datetime(["2015-07-01", "2015-07-02", "2015-07-03"]),
        }
    )
    rows = pd.DataFrame({"doc_id": ["d1", "d3", "d3"], "actor_ar": ["بوتين", "بوتين", "كيم"]})
    table = breakdown.count_by(rows, groups, by="period", key="actor_ar")
    assert table.loc[pd.Timestamp("2015-07-02")].tolist() == [0, 0]
    assert table["بوتين"].tolist() == [1, 0, 1]


def test_page_furniture_in_most_of_an_outlets_articles_is_not_key(tmp_path):
    topics = ["النفط يرتفع", "الطقس ساخن", "السوق هادئ", "المدينة مزدحمة", "الملعب ممتلئ"] * 2
    texts = [
        f"{t} والنفط يهبط اقرأ أيضا 920012345" if i < 4 else f"{t} اقرأ أيضا"
        for i, t in enumerate(topics)
    ]
    texts += ["الطقس بارد المدينة هادئة"] * 10
    corpus = khabar.Corpus.from_texts(texts, outlet=["a"] * 10 + ["b"] * 10)
    tables = corpus_tables(corpus, out=tmp_path)
    key = breakdown.group_keyness(tables.terms_by, tables.cells, tables.terms, min_docs=3, top=10)
    a_terms = key.loc[key["outlet"] == "a", "term"].tolist()
    assert "نفط" in a_terms or "النفط" in a_terms  # in 4 of its 10 articles: what it covers
    assert "اقرأ" not in a_terms  # in every one of its articles: a link under each article
    assert "920012345" not in a_terms  # a number (an advertisement's phone) is not a topic
    every = breakdown.group_keyness(
        tables.terms_by, tables.cells, tables.terms, min_docs=3, max_doc_share=1.0, top=10
    )
    assert "اقرأ" in every.loc[every["outlet"] == "a", "term"].tolist()


def test_keyness_per_outlet_matches_keyness_of_two_corpora(tmp_path):
    corpus = _two_outlets(tmp_path)
    tables = corpus_tables(corpus, out=tmp_path)
    key = breakdown.group_keyness(
        tables.terms_by, tables.cells, tables.terms, min_docs=1, max_doc_share=1.0, top=50
    )
    mine = key[key["outlet"] == "a"].set_index("term")["keyness"]
    pair = khabar.keyness(corpus.subset(outlet="a"), corpus.subset(outlet="b"), top=50)
    theirs = pair.set_index("term")["keyness"]
    for term, value in mine.items():
        assert math.isclose(value, theirs[term], abs_tol=0.06), term


def test_rates_are_per_ten_thousand_words_of_each_outlet(tmp_path):
    tables = corpus_tables(_two_outlets(tmp_path), out=tmp_path)
    rates = breakdown.rate_by(tables.terms_by, tables.cells, by="outlet", terms=["النفط"])
    words_a = int(tables.cells.loc[tables.cells["outlet"] == "a", "tokens"].sum())
    assert rates.loc["a", "النفط"] == pytest.approx(round(12 / words_a * 10_000, 1))
    assert rates.loc["b", "النفط"] == 0
