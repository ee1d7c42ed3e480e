"""Damaged gzipped text files are named with the reason, never a traceback."""

import gzip

import pytest

from khabar import ingest, load_corpus

STORY = "قال بوتين إن الزيارة مهمة. " * 400


@pytest.fixture
def damaged(tmp_path):
    """A folder with one good text file and two gzipped ones that cannot be read to the end."""
    src = tmp_path / "in"
    src.mkdir()
    whole = gzip.compress(STORY.encode())
    (src / "a_good.txt").write_text("بوتين في موسكو", encoding="utf-8")
    (src / "b_cut.txt.gz").write_bytes(whole[: len(whole) // 2])
    noise = bytearray(whole)
    noise[20:60] = b"\xff" * 40
    (src / "c_noise.txt.gz").write_bytes(bytes(noise))
    return src


def test_cut_or_damaged_gzipped_text_files_are_skipped_and_named_on_ingest(damaged, tmp_path):
    report = ingest([damaged], tmp_path / "corpus")
    assert len(report.added) == 1
    reasons = {e.path.name: e.reason for e in report.skipped}
    assert set(reasons) == {"b_cut.txt.gz", "c_noise.txt.gz"}
    assert "cut short" in reasons["b_cut.txt.gz"]
    assert "gzip" in reasons["c_noise.txt.gz"]


def test_loading_a_text_folder_skips_damaged_gzipped_files_with_a_warning(damaged):
    with pytest.warns(UserWarning) as caught:
        corpus = load_corpus(damaged)
    assert corpus.docs["text"].tolist() == ["بوتين في موسكو"]
    named = " ".join(str(w.message) for w in caught)
    assert "b_cut.txt.gz" in named and "c_noise.txt.gz" in named
