"""Streaming and Dask give exactly the local, in-memory results (a few thousand documents)."""

import json

import pytest

import khabar
from khabar import distributed, load_corpus, term_frequency

from .conftest import SEEDS_DIR


@pytest.fixture(scope="module")
def feed(tmp_path_factory):
    """About 3,000 documents: the seed paragraphs, each with a varying tail."""
    paragraphs = [
        p
        for seed in sorted(SEEDS_DIR.glob("*.txt"))
        for p in seed.read_text(encoding="utf-8").split("\n")
        if len(p) > 40
    ]
    path = tmp_path_factory.mktemp("scale") / "feed.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(3000):
            text = f"{paragraphs[i % len(paragraphs)]} وقال مصدر رقم {i % 97}."
            out.write(
                json.dumps(
                    {
                        "text": text,
                        "outlet": f"outlet {i % 3}",
                        "date": f"2015-07-{i % 28 + 1:02d}",
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    return path


@pytest.fixture(scope="module")
def client():
    distributed_ = pytest.importorskip("distributed")
    cluster = distributed_.LocalCluster(
        n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=40
    )
    with distributed_.Client(cluster) as dask_client:
        yield dask_client
    cluster.close()


@pytest.fixture
def small_partitions(monkeypatch):
    monkeypatch.setattr(distributed, "PARTITION_BYTES", 200_000)  # several byte ranges per file


def test_lazy_corpus_gives_the_eager_term_table(feed):
    eager = term_frequency(load_corpus(feed), progress=False)
    lazy = term_frequency(load_corpus(feed, lazy=True), progress=False)
    assert lazy.equals(eager)


def test_jsonl_partitions_cover_every_line_once(feed):
    corpus = load_corpus(feed, lazy=True)
    parts = corpus.partitions(100_000)
    assert len(parts) > 5
    ids = [doc_id for read in parts for batch in read(batch_size=300) for doc_id in batch["doc_id"]]
    assert ids == load_corpus(feed).docs["doc_id"].tolist()


@pytest.mark.usefixtures("small_partitions")
def test_dask_terms_equal_local_terms(feed, client):
    for corpus in (load_corpus(feed, lazy=True), load_corpus(feed)):
        for options in ({}, {"ngram": 2}, {"by": "outlet"}, {"by": "date", "freq": "W"}):
            local = term_frequency(corpus, progress=False, **options)
            dask = term_frequency(corpus, engine="dask", progress=False, **options)
            assert dask.equals(local), options


@pytest.mark.usefixtures("small_partitions")
def test_dask_sources_equal_local_sources(feed, client):
    corpus = load_corpus(feed, lazy=True)
    local = khabar.find_sources(corpus, progress=False)
    assert len(local) > 100
    assert khabar.find_sources(corpus, engine="dask", progress=False).equals(local)


def test_unknown_engine_is_refused(feed):
    with pytest.raises(ValueError, match="engine"):
        term_frequency(load_corpus(feed), engine="spark")


def test_progress_bar_shows_docs_and_speed_unless_ci(feed, monkeypatch, capsys):
    corpus = load_corpus(feed, lazy=True)
    term_frequency(corpus, progress=True)
    err = capsys.readouterr().err
    assert "3000/" in err or "3000doc" in err.replace(" ", "")
    assert "MB/s" in err
    monkeypatch.setenv("CI", "true")
    term_frequency(corpus)
    assert capsys.readouterr().err == ""
