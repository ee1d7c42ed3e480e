import json
from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import khabar
from khabar import Corpus, InputError, load_corpus

from .conftest import CORPUS_DIR, SEEDS_DIR


def test_default_corpus_has_the_five_articles(corpus):
    docs = corpus.docs
    assert len(docs) == 5
    assert list(docs.columns[:5]) == ["doc_id", "text", "title", "outlet", "date"]
    assert docs["title"].str.len().gt(10).all()
    assert docs.iloc[0]["title"].startswith("صفقات تبادل أسلحة")


def test_corpus_texts_equal_the_seeds_byte_for_byte(corpus):
    for seed in sorted(SEEDS_DIR.glob("*.txt")):
        assert corpus.text(seed.stem) == seed.read_text(encoding="utf-8")


def test_manifest_columns():
    manifest = pd.read_csv(CORPUS_DIR / "manifest.csv", dtype=str, keep_default_na=False)
    for column in ("doc_id", "file", "title", "outlet", "date", "url", "sha256", "chars"):
        assert column in manifest.columns


def test_from_texts_with_ids_and_metadata():
    corpus = Corpus.from_texts(["أ", "ب"], ids=["x", "y"], outlet=["A", "B"])
    assert corpus.docs["doc_id"].tolist() == ["x", "y"]
    assert corpus.subset(outlet="B").docs["doc_id"].tolist() == ["y"]
    with pytest.raises(ValueError, match="ids"):
        Corpus.from_texts(["أ"], ids=["a", "b"])


def test_subset_by_function_and_unknown_column(corpus):
    assert len(corpus.subset(lambda d: d.text.str.contains("يونهاب"))) == 1
    with pytest.raises(KeyError, match="no metadata column"):
        corpus.subset(language="ar")


def test_load_jsonl_csv_parquet_and_text_folder(tmp_path):
    records = [
        {"doc_id": "a", "text": "بوتين في موسكو", "outlet": "X"},
        {"doc_id": "b", "text": "كيم في بيونغ يانغ"},
    ]
    (tmp_path / "c.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8"
    )
    pd.DataFrame(records).to_csv(tmp_path / "c.csv", index=False)
    pd.DataFrame(records).to_parquet(tmp_path / "c.parquet")
    folder = tmp_path / "texts"
    folder.mkdir()
    for r in records:
        (folder / f"{r['doc_id']}.txt").write_text(r["text"], encoding="utf-8")
    for path in ("c.jsonl", "c.csv", "c.parquet", "texts"):
        for lazy in (False, True):
            loaded = load_corpus(tmp_path / path, lazy=lazy)
            assert loaded.docs["doc_id"].tolist() == ["a", "b"], path
            assert loaded.docs["text"].tolist() == [r["text"] for r in records], path


def test_lazy_corpus_streams_batches(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(
        "\n".join(json.dumps({"text": f"خبر رقم {i}"}, ensure_ascii=False) for i in range(120)),
        encoding="utf-8",
    )
    lazy = load_corpus(path, lazy=True)
    sizes = [len(b) for b in lazy.iter_batches(50)]
    assert sizes == [50, 50, 20]
    assert lazy.docs["doc_id"].tolist() == load_corpus(path).docs["doc_id"].tolist()


def test_missing_path_and_wrong_format_name_the_file(tmp_path):
    with pytest.raises(InputError, match="nope"):
        load_corpus(tmp_path / "nope")
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"PK")
    with pytest.raises(InputError, match=r"x\.docx.*not a corpus"):
        load_corpus(bad)


def test_csv_without_text_column_is_named(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("title,summary\nأ,ب\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"t\.csv.*no text field \(fields found: title, summary\)"):
        load_corpus(path)


def test_public_api_is_exported():
    for name in ("load_corpus", "Corpus", "normalize", "tokenize", "term_frequency", "kwic"):
        assert hasattr(khabar, name)


def _dated_feed(path):
    records = [
        {"content": f"خبر رقم {i} عن بوتين", "source": outlet, "published": day}
        for i, (outlet, day) in enumerate(
            [
                ("okaz", "20/07/2015"),
                ("okaz", "21 يوليو 2015"),
                ("sabq", "2015-07-21 23:59:00"),
                ("sabq", "22 تموز 2015"),
                ("okaz", ""),
            ]
        )
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize("lazy", [False, True])
def test_subset_by_outlet_and_inclusive_dates(tmp_path, lazy):
    corpus = load_corpus(_dated_feed(tmp_path / "feed.jsonl"), lazy=lazy)
    assert pd.api.types.is_datetime64_any_dtype(corpus.docs["date"])
    assert corpus.docs["date"].isna().tolist() == [False, False, False, False, True]
    okaz = corpus.subset(outlet="okaz")
    assert okaz.lazy == lazy
    assert okaz.docs["text"].str.contains("رقم [014] ").all() and len(okaz) == 3
    day = corpus.subset(since="2015-07-21", until="2015-07-21")
    assert day.docs["outlet"].tolist() == ["okaz", "sabq"]
    both = corpus.subset(outlet=["okaz", "sabq"], since="2015-07-21")
    assert len(both) == 3  # the undated article is left out once dates are asked for
    assert len(corpus.subset(outlet="okaz", until="2015-07-20")) == 1


def test_load_corpus_takes_field_names(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"Matn": "بوتين", "Paper": "X"}, ensure_ascii=False), "utf-8")
    with pytest.raises(InputError, match="Matn, Paper"):
        load_corpus(path)
    docs = load_corpus(path, text_field="Matn", outlet_field="Paper").docs
    assert (docs["text"].tolist(), docs["outlet"].tolist()) == (["بوتين"], ["X"])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    docs=st.lists(
        st.tuples(
            st.sampled_from(["okaz", "sabq", ""]),
            st.one_of(st.none(), st.dates(min_value=date(2015, 7, 1), max_value=date(2015, 8, 31))),
        ),
        min_size=1,
        max_size=30,
    ),
    since=st.dates(min_value=date(2015, 7, 1), max_value=date(2015, 8, 31)),
    days=st.integers(min_value=0, max_value=30),
)
def test_lazy_and_eager_subsets_keep_exactly_the_matching_days(tmp_path, docs, since, days):
    until = since + timedelta(days=days)
    path = tmp_path / "feed.jsonl"
    path.write_text(
        "\n".join(
            json.dumps(
                {"text": f"خبر {i}", "outlet": o, "date": d.strftime("%d/%m/%Y") if d else ""}
            )
            for i, (o, d) in enumerate(docs)
        ),
        encoding="utf-8",
    )
    expected = [
        f"خبر {i}" for i, (o, d) in enumerate(docs) if o == "okaz" and d and since <= d <= until
    ]
    for lazy in (False, True):
        chosen = load_corpus(path, lazy=lazy).subset(outlet="okaz", since=since, until=until)
        assert chosen.docs["text"].tolist() == expected
