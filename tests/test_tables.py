"""Tables computed once per corpus: the cache, its key, and that cached tables are the analyses'."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import khabar
from khabar import tables as kt
from khabar.tables import CACHE_FOLDER, cache_key, corpus_tables
from khabar.views import first_kwic

WORDS = ["بوتين", "لبوتين", "وبوتين", "الكرملين", "والكرملين", "موسكو", "وزير", "النفط", "للنفط"]


def _corpus(texts: list[str], **metadata) -> khabar.Corpus:
    return khabar.Corpus.from_texts(texts, **metadata)


def _no_compute(*args, **kwargs):
    raise AssertionError("the tables were computed again")


def test_second_call_reads_the_cache(tmp_path, monkeypatch):
    corpus = _corpus(["قال بوتين إن موسكو مستعدة.", "ذكرت وكالة فرانس برس أن الكرملين رحب."])
    first = corpus_tables(corpus, out=tmp_path)
    terms = first.terms.copy()
    monkeypatch.setattr(kt, "_compute", _no_compute)
    again = corpus_tables(corpus, out=tmp_path)
    assert again.folder == first.folder
    pd.testing.assert_frame_equal(again.terms, terms)


def test_a_computed_folder_is_read_without_reading_the_corpus(tmp_path, monkeypatch):
    corpus = _corpus(
        ["قال بوتين إن موسكو مستعدة.", "ذكرت وكالة فرانس برس أن الكرملين رحب."],
        outlet=["a", "b"],
    )
    first = corpus_tables(corpus, out=tmp_path)
    monkeypatch.setattr(kt, "_scan", _no_compute)
    again = corpus_tables(corpus, out=tmp_path, folder=first.folder)
    assert (again.outlets, again.dates, again.freq) == (first.outlets, first.dates, first.freq)
    pd.testing.assert_frame_equal(again.actors, first.actors)


def test_a_folder_without_finished_tables_is_refused(tmp_path):
    with pytest.raises(khabar.InputError, match="no finished khabar tables"):
        corpus_tables(_corpus(["بوتين في موسكو"]), out=tmp_path, folder=tmp_path)


def test_an_unchanged_corpus_folder_is_not_read_again(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    khabar.ingest([_write(tmp_path / "a.txt", "قال بوتين إن موسكو مستعدة.")], folder)
    first = corpus_tables(folder, out=tmp_path / "out")
    with monkeypatch.context() as patch:
        patch.setattr(kt, "_scan", _no_compute)
        assert corpus_tables(folder, out=tmp_path / "out").folder == first.folder
    khabar.ingest([_write(tmp_path / "b.txt", "ذكرت وكالة فرانس برس أن الكرملين رحب.")], folder)
    second = corpus_tables(folder, out=tmp_path / "out")
    assert second.folder != first.folder and second.docs == 2


def test_changed_text_or_dictionary_gives_a_new_key(tmp_path):
    folder = tmp_path / "corpus"
    khabar.ingest([_write(tmp_path / "a.txt", "قال بوتين إن موسكو مستعدة.")], folder)
    before = cache_key(khabar.load_corpus(folder))
    (folder / "actors.yaml").write_text(
        "actors:\n- id: x\n  en: X\n  ar: زيد\n  kind: person\n  variants: [زيد]\n",
        encoding="utf-8",
    )
    assert cache_key(khabar.load_corpus(folder)) != before
    assert cache_key(_corpus(["قال بوتين إن موسكو مستعدة"])) != cache_key(
        _corpus(["قال بوتين إن موسكو مستعدة."])
    )


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_a_new_corpus_replaces_the_old_cache_entry(tmp_path):
    corpus_tables(_corpus(["بوتين في موسكو"]), out=tmp_path)
    corpus_tables(_corpus(["كيم في بيونغ يانغ"]), out=tmp_path)
    assert len(list((tmp_path / CACHE_FOLDER).iterdir())) == 1


def test_without_cache_nothing_is_written_to_the_output_folder(tmp_path):
    tables = corpus_tables(_corpus(["بوتين في موسكو"]), out=tmp_path, cache=False)
    assert len(tables.terms) and not (tmp_path / CACHE_FOLDER).exists()


def test_uncached_tables_leave_no_folder_behind(tmp_path):
    script = (
        "import khabar\n"
        "from khabar.tables import corpus_tables\n"
        "corpus = khabar.Corpus.from_texts(['بوتين في موسكو'])\n"
        f"tables = corpus_tables(corpus, out={str(tmp_path)!r}, cache=False)\n"
        "assert len(tables.terms)\n"
        "print(tables.folder)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    folder = Path(done.stdout.strip())
    assert folder.name.startswith("khabar-tables-") and not folder.exists()


def test_defaults_come_from_the_corpus(tmp_path):
    texts = [
        "قال بوتين إن النفط مهم. وقال بوتين إن النفط غال.",
        "ذكرت وكالة فرانس برس أن النفط ارتفع.",
    ]
    tables = corpus_tables(_corpus(texts), out=tmp_path)
    assert tables.default_term() == "النفط"
    assert tables.default_actor() == "فلاديمير بوتين"
    assert tables.default_source() == tables.sources["source_id"].value_counts().index[0]


_texts = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join), min_size=1, max_size=8
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=_texts, data=st.data())
def test_cached_terms_are_term_frequency_of_the_corpus(tmp_path_factory, texts, data):
    outlets = data.draw(
        st.lists(st.sampled_from(["a", "b", ""]), min_size=len(texts), max_size=len(texts))
    )
    days = data.draw(st.lists(st.integers(1, 28), min_size=len(texts), max_size=len(texts)))
    corpus = _corpus(texts, outlet=outlets, date=[f"2015-07-{d:02d}" for d in days])
    tables = corpus_tables(corpus, out=tmp_path_factory.mktemp("out"))
    expected = khabar.term_frequency(corpus, progress=False)
    pd.testing.assert_frame_equal(tables.terms, expected, check_dtype=False)
    if not (tables.outlets or tables.dates):
        assert tables.terms_by.empty
        return
    by_outlet = tables.terms_by.merge(tables.cells[["cell", "outlet"]], on="cell")
    counted = by_outlet.groupby("term")["count"].sum()
    shared = expected[expected["doc_count"] >= 2].set_index("term")["count"]
    pd.testing.assert_series_equal(counted.sort_index(), shared.sort_index(), check_names=False)


@settings(max_examples=25, deadline=None)
@given(texts=_texts, pattern=st.sampled_from(["بوتين", "الكرملين", "النفط", "وزير", "موسكو بوتين"]))
def test_first_kwic_finds_what_kwic_finds(texts, pattern):
    corpus = _corpus(texts)
    everything = first_kwic(corpus, pattern, window=3, rows=10**6)
    pd.testing.assert_frame_equal(everything, khabar.kwic(corpus, pattern, window=3))
    first = first_kwic(corpus, pattern, window=3, rows=2)
    assert first.equals(everything.head(2))


@pytest.mark.parametrize("spelling", ["المنطقة", "للمنطقة", "وللمنطقة", "المنطقه", "ال\u200fمنطقة"])
def test_first_kwic_sees_spellings_kwic_folds(spelling):
    corpus = _corpus([f"زار الوفد {spelling} أمس"])
    assert len(first_kwic(corpus, "المنطقة", rows=5)) == len(khabar.kwic(corpus, "المنطقة"))


def test_bigrams_of_a_large_corpus_are_counted_in_every_kth_article(tmp_path, monkeypatch):
    texts = [
        f"كوريا الشمالية {'وروسيا' if i % 2 else 'والصين'} كوريا الشمالية {i}" for i in range(9)
    ]
    corpus = _corpus(texts)
    chars = sum(len(t) for t in texts)
    monkeypatch.setattr(kt, "_BIGRAM_CHARS", chars // 3 + 1)
    tables = corpus_tables(corpus, out=tmp_path)
    assert tables.bigram_step == 3 and tables.docs == 9
    sample = _corpus(texts[::3])
    expected = khabar.term_frequency(sample, ngram=2, progress=False)
    pd.testing.assert_frame_equal(tables.bigrams, expected, check_dtype=False)
