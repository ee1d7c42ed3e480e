import subprocess
import sys

from khabar.cli import main

from .conftest import CORPUS_DIR


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "khabar.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_terms_prints_a_readable_table(capsys):
    assert main(["terms", "--corpus", str(CORPUS_DIR), "--top", "5"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["term", "count", "doc_count", "share"]
    assert len(lines) == 6
    assert "بوتين" in out  # logical order, not reshaped for the terminal
    assert "\ufe8f" not in out and "ﺑ" not in out


def test_terms_bigrams(capsys):
    assert main(["terms", "--corpus", str(CORPUS_DIR), "--top", "3", "--ngram", "2"]) == 0
    assert "كوريا الشمالية" in capsys.readouterr().out


def test_ingest_reports_counts_and_names_skipped_files(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("بوتين في موسكو", encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    assert main(["ingest", str(src), "--corpus", str(tmp_path / "c")]) == 1
    captured = capsys.readouterr()
    assert "added 1, already present 0, skipped 1" in captured.out
    assert "empty.txt: empty file" in captured.err
    assert main(["ingest", str(src / "good.txt"), "--corpus", str(tmp_path / "c")]) == 0
    assert "added 0, already present 1, skipped 0" in capsys.readouterr().out


def test_user_errors_are_one_line_without_traceback(tmp_path):
    for args in (
        ["terms", "--corpus", str(tmp_path / "missing")],
        ["report", "--corpus", str(tmp_path / "missing")],
        ["ingest", str(tmp_path / "missing.txt"), "--corpus", str(tmp_path / "c")],
    ):
        result = run(*args)
        assert result.returncode != 0, args
        assert "Traceback" not in result.stderr, args
        assert "missing" in result.stderr, args


def test_corrupt_corpus_is_named_without_traceback(tmp_path):
    (tmp_path / "a.txt").write_text("بوتين", encoding="utf-8")
    assert main(["ingest", str(tmp_path / "a.txt"), "--corpus", str(tmp_path / "c")]) == 0
    (tmp_path / "c" / "a.txt").write_text("تغير", encoding="utf-8")
    result = run("terms", "--corpus", str(tmp_path / "c"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "a.txt: content no longer matches" in result.stderr
