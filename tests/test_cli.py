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


def _archive(tmp_path):
    import gzip
    import json

    records = [
        {
            "source": outlet,
            "date_extracted": f"2015-07-{day} 10:00:00",
            "title": f"عنوان {i}",
            "author": "كاتب",
            "content": f"قال الكرملين إن بوتين سيزور بيونغ يانغ. خبر رقم {i}.",
        }
        for i, (outlet, day) in enumerate([("okaz", 21), ("okaz", 22), ("sabq", 23)])
    ]
    path = tmp_path / "archive.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write("\n".join(json.dumps(r, ensure_ascii=False) for r in records))
    return path


def test_ingest_prints_one_mapping_line_and_one_summary_line(tmp_path, capsys):
    archive = _archive(tmp_path)
    assert main(["ingest", str(archive), "--corpus", str(tmp_path / "c")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert out[0].startswith("fields ") and "text=content" in out[0] and "kept author" in out[0]
    assert out[1].endswith("added 3, already present 0, skipped 0")


def test_ingest_without_text_field_says_which_flag_and_creates_nothing(tmp_path, capsys):
    path = tmp_path / "t.csv"
    path.write_text("Matn,Paper\nبوتين,X\n", encoding="utf-8")
    assert main(["ingest", str(path), "--corpus", str(tmp_path / "c")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "t.csv" in err[0] and "--text-field" in err[0]
    assert not (tmp_path / "c").exists()
    args = ["ingest", str(path), "--corpus", str(tmp_path / "c"), "--text-field", "Matn"]
    assert main(args) == 0


def test_kwic_filters_and_csv_export(tmp_path, capsys):
    import pandas as pd

    corpus = str(tmp_path / "c")
    main(["ingest", str(_archive(tmp_path)), "--corpus", corpus])
    capsys.readouterr()
    assert main(["kwic", "بوتين", "--corpus", corpus, "--outlet", "okaz"]) == 0
    assert capsys.readouterr().out.count("بوتين") == 2
    out = tmp_path / "k.csv"
    assert (
        main(["kwic", "بوتين", "--corpus", corpus, "--since", "2015-07-22", "--csv", str(out)]) == 0
    )
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads the Arabic as UTF-8
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert table["keyword"].tolist() == ["بوتين", "بوتين"]


def test_terms_to_excel_opens_with_arabic_terms(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "terms.xlsx"
    assert main(["terms", "--corpus", str(CORPUS_DIR), "--xlsx", str(out)]) == 0
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["term", "count"]
    terms = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert "بوتين" in terms and len(terms) > 100  # the whole table, not the printed top 20
    assert sheet.sheet_view.rightToLeft


def test_filters_that_match_nothing_name_the_outlets(tmp_path, capsys):
    corpus = str(tmp_path / "c")
    main(["ingest", str(_archive(tmp_path)), "--corpus", corpus])
    assert main(["terms", "--corpus", corpus, "--outlet", "nope"]) == 2
    assert "outlets: okaz, sabq" in capsys.readouterr().err


def test_actors_discover_finds_people_missing_from_the_dictionary(tmp_path, capsys):
    text = "وقال الباحث سامي النجار إن المحادثات ستستمر. وأضاف النجار أن الوضع معقد."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    main(["ingest", str(tmp_path / "a.txt"), "--corpus", str(tmp_path / "c")])
    capsys.readouterr()
    assert main(["actors", "--corpus", str(tmp_path / "c")]) == 0
    plain = capsys.readouterr().out
    assert main(["actors", "--corpus", str(tmp_path / "c"), "--discover"]) == 0
    found = capsys.readouterr().out
    assert "النجار" not in plain and "النجار" in found
