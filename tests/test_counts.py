import pandas as pd
import pytest

import khabar
from khabar import Corpus, term_frequency


def counts(table: pd.DataFrame) -> dict[str, int]:
    return dict(zip(table["term"], table["count"], strict=True))


def test_putin_counted_through_clitics_on_default_corpus(corpus):
    table = term_frequency(corpus)
    putin = table.set_index("term").loc["بوتين"]
    assert putin["count"] == 47  # 38 بوتين + 7 وبوتين + 2 لبوتين
    assert putin["doc_count"] == 5


def test_top_terms_of_default_corpus_are_content_words(corpus):
    top = term_frequency(corpus).head(10)["term"].tolist()
    assert {"كوريا", "بوتين", "روسيا", "كيم"} <= set(top)
    stop = khabar.counts.arabic_stopwords()
    assert not [t for t in top if khabar.normalize(t) in stop]


def test_clitic_is_peeled_only_when_the_rest_is_a_word():
    corpus = Corpus.from_texts(["وزير الدفاع وبوتين", "التقى بوتين لبوتين والكرملين", "الكرملين"])
    found = counts(term_frequency(corpus))
    assert found["بوتين"] == 3
    assert found["وزير"] == 1
    assert "زير" not in found
    assert found["الكرملين"] == 2


def test_peeling_needs_the_remainder_somewhere_in_the_corpus():
    # وفلان has no standalone فلان in the corpus: it stays as written.
    found = counts(term_frequency(Corpus.from_texts(["وسيمون حضر", "سيمون غاب"])))
    assert found["سيمون"] == 2
    found = counts(term_frequency(Corpus.from_texts(["وسيمون حضر"])))
    assert "وسيمون" in found


def test_spellings_merge_and_the_common_one_is_shown():
    corpus = Corpus.from_texts(["كيم جونغ أون", "كيم جونغ اون", "كيم جونغ أون"])
    table = term_frequency(corpus).set_index("term")
    assert table.loc["أون", "count"] == 3
    assert "أون" in table.loc["أون", "forms"] and "اون" in table.loc["أون", "forms"]


def test_stopwords_are_switchable_and_applied_after_folding():
    corpus = Corpus.from_texts(["قال بوتين إن الزيارة مهمة", "وفي الزيارة"])
    assert {"قال", "إن", "في"}.isdisjoint(counts(term_frequency(corpus)))
    kept = counts(term_frequency(corpus, stopwords=False))
    assert (kept["قال"], kept["إن"], kept["الزيارة"]) == (1, 1, 2)


def test_doc_count_counts_documents_not_occurrences():
    corpus = Corpus.from_texts(["بوتين وبوتين لبوتين", "بوتين", "روسيا"])
    row = term_frequency(corpus).set_index("term").loc["بوتين"]
    assert (row["count"], row["doc_count"]) == (4, 2)


def test_doc_count_equals_a_per_document_recount(corpus):
    table = term_frequency(corpus).set_index("term")
    per_doc = term_frequency(corpus, by="doc")
    recount = per_doc.groupby("term")["doc_id"].nunique()
    assert (table["doc_count"] == recount.reindex(table.index)).all()


def test_bigrams_find_country_names(corpus):
    table = term_frequency(corpus, ngram=2)
    assert table.iloc[0]["term"] == "كوريا الشمالية"
    assert "الولايات المتحدة" in set(table.head(15)["term"])


def test_bigrams_do_not_cross_sentences():
    found = counts(
        term_frequency(Corpus.from_texts(["زار بوتين. روسيا غاضبة"]), ngram=2, stopwords=False)
    )
    assert "بوتين روسيا" not in found


def test_dictionary_phrase_with_a_stopword_survives():
    table = term_frequency(Corpus.from_texts(["قالت شبكة سي إن إن اليوم"]), ngram=3)
    assert "سي إن إن" in set(table["term"])


def test_by_doc_gives_rows_per_document(corpus, doc_ids):
    table = term_frequency(corpus, by="doc")
    assert list(table.columns[:3]) == ["doc_id", "term", "count"]
    putin = table[table["term"] == "بوتين"].set_index("doc_id")["count"]
    assert putin.sum() == 47
    assert set(putin.index) == set(doc_ids)


def test_by_metadata_column():
    corpus = Corpus.from_texts(["بوتين", "بوتين بوتين", "كيم"], outlet=["A", "B", "B"])
    table = term_frequency(corpus, by="outlet")
    assert table[(table.outlet == "B") & (table.term == "بوتين")]["count"].item() == 2


def test_shares_are_fractions_of_all_tokens():
    table = term_frequency(Corpus.from_texts(["بوتين كيم بوتين في"]), stopwords=True)
    assert counts(table) == {"بوتين": 2, "كيم": 1}
    assert table.set_index("term").loc["بوتين", "share"] == pytest.approx(0.5)


def test_ties_are_sorted_by_term():
    table = term_frequency(Corpus.from_texts(["ب ت ث روسيا كيم بوتين"]))
    assert table["term"].tolist() == sorted(table["term"].tolist())


def test_tfidf_and_keyness(corpus, doc_ids):
    tfidf = khabar.tfidf(corpus, top=5)
    assert set(tfidf["doc_id"]) == set(doc_ids)
    assert (tfidf.groupby("doc_id").size() == 5).all()
    first = corpus.subset(doc_id=doc_ids[0])
    rest = corpus.subset(lambda d: d.doc_id != doc_ids[0])
    key = khabar.keyness(first, rest, top=10)
    assert key["keyness"].is_monotonic_decreasing
    assert (key["keyness"] > 0).all()


def test_doc_count_credits_only_the_term_a_word_is_counted_under():
    table = term_frequency(
        Corpus.from_texts(["ألقى إلقاء كلمة", "ذهب للقاء الرئيس", "كان لقاء مهما"])
    )
    row = table.set_index("term").loc["إلقاء"]
    assert (row["count"], row["doc_count"]) == (1, 1)


def test_stopwords_are_words_not_clitic_plus_word():
    found = counts(term_frequency(Corpus.from_texts(["كان واحد ان احد"]), stopwords=False))
    assert found == {"كان": 1, "واحد": 1, "ان": 1, "احد": 1}


def _counted_under(table: pd.DataFrame, spelling: str) -> str:
    """The term whose counted spellings include ``spelling``."""
    rows = table[table["forms"].str.split(" · ").map(lambda forms: spelling in forms)]
    assert len(rows) == 1, rows
    return rows["term"].iloc[0]


def test_a_word_written_after_the_article_keeps_its_first_letter():
    # الكلام and الفريق, more frequent than لام and ريق, show that كلام and فريق are words
    texts = ["كلام الوزير", "الكلام مهم وبالكلام", "الكلام", "لام", "فريق الفريق ريق", "الفريق"]
    table = term_frequency(Corpus.from_texts(texts), stopwords=False)
    speech, team = _counted_under(table, "كلام"), _counted_under(table, "فريق")
    assert speech == _counted_under(table, "وبالكلام") == _counted_under(table, "الكلام")
    assert speech != _counted_under(table, "لام")
    assert team == _counted_under(table, "الفريق") != _counted_under(table, "ريق")
    assert counts(table)[speech] == 4


def test_a_rare_article_form_does_not_outweigh_the_clitic_reading():
    # بدون is ب + دون although البدون (the stateless) occurs once
    table = term_frequency(Corpus.from_texts(["بدون شك", "دون", "دون", "البدون"]), stopwords=False)
    assert _counted_under(table, "بدون") == _counted_under(table, "دون")


def test_by_date_groups_by_period_start():
    corpus = Corpus.from_texts(
        ["بوتين", "بوتين كيم", "بوتين", "كيم"],
        date=["2024-01-01", "2024-01-03", "2024-01-08", "2024-02-20"],
    )
    weekly = term_frequency(corpus, by="date", freq="W")
    assert weekly.columns[0] == "date"
    assert isinstance(weekly["date"].iloc[0], pd.Timestamp)
    putin = weekly[weekly["term"] == "بوتين"].set_index("date")["count"]
    assert putin.to_dict() == {pd.Timestamp("2024-01-01"): 2, pd.Timestamp("2024-01-08"): 1}
    monthly = term_frequency(corpus, by="date", freq="M")
    kim = monthly[monthly["term"] == "كيم"].set_index("date")["doc_count"]
    assert kim.to_dict() == {pd.Timestamp("2024-01-01"): 1, pd.Timestamp("2024-02-01"): 1}
    daily = term_frequency(corpus, by="date", freq="D")
    assert daily["date"].is_monotonic_increasing and daily["date"].nunique() == 4


def test_freq_needs_a_known_period_and_a_column():
    corpus = Corpus.from_texts(["بوتين"], date=["2024-01-01"])
    with pytest.raises(ValueError):
        term_frequency(corpus, by="date", freq="Q")
    with pytest.raises(ValueError):
        term_frequency(corpus, freq="W")
