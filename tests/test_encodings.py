"""Legacy Arabic encodings: the same article in any of them is stored as the same text."""

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar import ingest, load_corpus
from khabar.encodings import decode_bytes
from khabar.errors import InputError

# Letters, digits and punctuation that every candidate code page (CP720 included) can hold.
ARTICLE = "بوتين في موسكو. قال الكرملين إن الرئيس الروسي سيلتقي كيم جونغ أون يوم 21 يوليو."
ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "utf-32-le",
    "cp1256",
    "iso8859_6",
    "cp720",
]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_each_encoding_decodes_to_the_article(encoding):
    text, _ = decode_bytes(ARTICLE.encode(encoding))
    assert text == ARTICLE


def test_same_article_in_every_encoding_is_one_stored_text(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i, encoding in enumerate(ENCODINGS):
        (src / f"{i:02d}.txt").write_bytes(ARTICLE.encode(encoding))
    report = ingest([src], tmp_path / "corpus")
    assert (len(report.added), len(report.present), report.skipped) == (1, len(ENCODINGS) - 1, [])
    assert load_corpus(tmp_path / "corpus").docs["text"].tolist() == [ARTICLE]


def test_iso_8859_6_is_not_read_as_windows_1256(tmp_path):
    (tmp_path / "a.txt").write_bytes("بوتين في موسكو".encode("iso8859_6"))
    ingest([tmp_path / "a.txt"], tmp_path / "corpus")
    docs = load_corpus(tmp_path / "corpus").docs
    assert docs["text"].tolist() == ["بوتين في موسكو"]
    assert docs["encoding"].tolist() == ["iso8859_6"]


def test_text_that_is_arabic_in_no_candidate_is_refused_with_its_reason(tmp_path):
    (tmp_path / "fr.txt").write_bytes("Le président a déclaré à Moscou".encode("latin-1"))
    report = ingest([tmp_path / "fr.txt"], tmp_path / "corpus")
    assert report.added == [] and len(report.skipped) == 1
    assert "fr.txt" in str(report.skipped[0]) and "not UTF-8" in str(report.skipped[0])
    assert not (tmp_path / "corpus").exists()


def test_binary_bytes_are_refused():
    with pytest.raises(InputError, match=r"binary|not UTF-8"):
        decode_bytes(bytes(range(256)) * 8)


@pytest.mark.parametrize("encoding", ["cp1256", "iso8859_6", "utf-16"])
def test_feeds_and_tables_in_a_legacy_encoding_store_the_same_text(tmp_path, encoding):
    import json

    import pandas as pd

    records = [{"content": ARTICLE, "source": "okaz"}, {"content": "كيم في بيونغ يانغ"}]
    (tmp_path / "f.jsonl").write_bytes(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode(encoding)
    )
    pd.DataFrame(records).to_csv(tmp_path / "t.csv", index=False, encoding=encoding)
    for name in ("f.jsonl", "t.csv"):
        report = ingest([tmp_path / name], tmp_path / name.replace(".", "_"))
        assert report.skipped == [], name
        docs = load_corpus(tmp_path / name.replace(".", "_")).docs
        assert docs["text"].tolist() == [ARTICLE, "كيم في بيونغ يانغ"], name
        assert docs["outlet"].tolist()[0] == "okaz"
        assert codecs.lookup(docs["encoding"].iloc[0]).name == codecs.lookup(encoding).name


NEWS_WORDS = [
    "بوتين",
    "موسكو",
    "الكرملين",
    "الرئيس",
    "الروسي",
    "كيم",
    "جونغ",
    "أون",
    "بيونغ",
    "يانغ",
    "قال",
    "إن",
    "الزيارة",
    "مهمة",
    "وأكد",
    "المتحدث",
    "باسم",
    "الوزارة",
    "أن",
    "الاجتماع",
    "انتهى",
    "في",
    "يوم",
    "الخميس",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(NEWS_WORDS), min_size=6, max_size=60),
    st.sampled_from(["cp1256", "iso8859_6", "cp720", "utf-16-le", "utf-16-be", "utf-32-le"]),
)
def test_any_news_sentence_reads_back_in_any_encoding(words, encoding):
    # A text of a few words can read as Arabic in two code pages; a sentence cannot.
    text = " ".join(words) + "."
    assert decode_bytes(text.encode(encoding))[0] == text


def test_a_reading_with_latin_letters_inside_arabic_words_is_not_chosen():
    # قال in ISO-8859-6 is "âان" in Windows-1256: a mojibake word, rejected for the right reading
    assert decode_bytes("قال".encode("iso8859_6")) == ("قال", "iso8859_6")
