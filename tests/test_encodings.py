"""Legacy Arabic encodings: the same article in any of them is stored as the same text."""

import codecs

import pytest

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
