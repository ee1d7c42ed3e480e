from khabar import Corpus, kwic


def test_kwic_finds_clitic_forms_and_shows_context():
    corpus = Corpus.from_texts(["التقى كيم لبوتين في الشرق الأقصى الروسي أمس"])
    table = kwic(corpus, "بوتين", window=2)
    row = table.iloc[0]
    assert (row["pre"], row["keyword"], row["post"]) == ("التقى كيم", "لبوتين", "في الشرق")
    text = corpus.docs.text[0]
    assert text[row["start"] : row["end"]] == "لبوتين"


def test_kwic_on_default_corpus_counts_like_term_frequency(corpus):
    assert len(kwic(corpus, "بوتين")) == 47


def test_kwic_phrase():
    table = kwic(
        Corpus.from_texts(["قال مسؤول في وكالة الأنباء المركزية الكورية"]), "وكالة الأنباء"
    )
    assert table["keyword"].tolist() == ["وكالة الأنباء"]
