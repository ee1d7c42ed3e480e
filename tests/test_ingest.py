import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

import khabar
from khabar import ingest, load_corpus, term_frequency
from khabar.ingest import derive_title

ARTICLE = "قال بوتين لبوتين وبوتين إن الزيارة مهمة.\nوأكد الكرملين ذلك."
PRESENTATION = "ﻗﺎﻝ ﺑﻮﺗﻴﻦ ﺇﻥ ﺍﻟﺰﻳﺎﺭﺓ ﻣﻬﻤﺔ"  # قال بوتين إن الزيارة مهمة, copied from a PDF
BIDI = "\u200fقال \u202bبوتين\u202c إن\u200e الزيارة مهمة"


@pytest.fixture
def messy(tmp_path):
    """A folder as analysts get it: good files, odd encodings, and files that cannot be read."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a_utf8.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "b_bom.txt").write_bytes(b"\xef\xbb\xbf" + "بوتين في موسكو".encode())
    (src / "c_windows.txt").write_bytes("كيم جونغ أون في روسيا".encode("cp1256"))
    (src / "d_utf16.txt").write_text("لافروف في بيونغ يانغ", encoding="utf-16")
    (src / "e_pdf.txt").write_text(PRESENTATION, encoding="utf-8")
    (src / "f_bidi.txt").write_text(BIDI, encoding="utf-8")
    (src / "g_empty.txt").write_bytes(b"")
    (src / "h_binary.txt").write_bytes(bytes(range(256)) * 4)
    lines = [
        json.dumps(
            {"doc_id": "j1", "text": "شويغو في بيونغ يانغ", "outlet": "X"}, ensure_ascii=False
        ),
        '{"text": "broken',
        json.dumps({"text": "بيسكوف في الكرملين"}, ensure_ascii=False),
    ]
    (src / "i_feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    return src


def test_messy_folder_ingests_every_good_text_and_names_every_bad_one(messy, tmp_path):
    before = {p.name: p.read_bytes() for p in messy.iterdir()}
    report = ingest([messy], tmp_path / "corpus")
    assert len(report.added) == 8  # six text files and two good JSONL lines
    reasons = {(e.path.name, e.line): e.reason for e in report.skipped}
    assert set(reasons) == {("g_empty.txt", None), ("h_binary.txt", None), ("i_feed.jsonl", 2)}
    assert "empty" in reasons[("g_empty.txt", None)]
    assert "binary" in reasons[("h_binary.txt", None)]
    assert "broken JSON" in reasons[("i_feed.jsonl", 2)]
    assert {p.name: p.read_bytes() for p in messy.iterdir()} == before  # inputs untouched
    manifest = pd.read_csv(tmp_path / "corpus" / "manifest.csv", dtype=str, keep_default_na=False)
    encodings = dict(zip(manifest["doc_id"], manifest["encoding"], strict=True))
    assert encodings["c_windows"] == "cp1256"
    assert encodings["d_utf16"] == "utf-16"
    assert encodings["b_bom"] == "utf-8-sig"


def test_stored_texts_are_decoded_right_and_never_hold_replacement_characters(messy, tmp_path):
    ingest([messy], tmp_path / "corpus")
    corpus = load_corpus(tmp_path / "corpus")
    texts = dict(zip(corpus.docs["doc_id"], corpus.docs["text"], strict=True))
    assert texts["c_windows"] == "كيم جونغ أون في روسيا"
    assert texts["d_utf16"] == "لافروف في بيونغ يانغ"
    assert texts["b_bom"] == "بوتين في موسكو"
    assert texts["e_pdf"] == PRESENTATION  # stored as given
    assert not any("\ufffd" in t for t in texts.values())


def test_presentation_forms_and_bidi_marks_count_as_plain_letters(messy, tmp_path):
    ingest([messy], tmp_path / "corpus")
    corpus = load_corpus(tmp_path / "corpus")
    table = term_frequency(corpus.subset(doc_id=["e_pdf", "f_bidi"])).set_index("term")
    assert table.loc["بوتين", "count"] == 2
    assert table.loc["الزيارة", "count"] == 2


def test_second_run_adds_nothing(messy, tmp_path):
    first = ingest([messy], tmp_path / "corpus")
    second = ingest([messy], tmp_path / "corpus")
    assert second.added == []
    assert len(second.present) == len(first.added)
    assert len(load_corpus(tmp_path / "corpus")) == len(first.added)


def test_same_content_in_another_encoding_is_not_added_twice(tmp_path):
    (tmp_path / "a.txt").write_text("بوتين في موسكو", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("بوتين في موسكو".encode("cp1256"))
    report = ingest([tmp_path / "a.txt", tmp_path / "b.txt"], tmp_path / "corpus")
    assert (len(report.added), len(report.present)) == (1, 1)


def test_csv_without_text_column_is_one_line_and_creates_nothing(tmp_path):
    (tmp_path / "t.csv").write_text("title,summary\nأ,ب\n", encoding="utf-8")
    report = ingest([tmp_path / "t.csv"], tmp_path / "corpus")
    assert report.added == [] and len(report.skipped) == 1
    message = str(report.skipped[0])
    assert "t.csv" in message and "title, summary" in message and "--text-field" in message
    assert not (tmp_path / "corpus").exists()


def test_titles_from_headline_or_first_sentence():
    assert derive_title("عنوان قصير\n\nنص المقال.") == "عنوان قصير"
    long = "(موسكو) – " + "كلمة " * 40 + "نهاية."
    title = derive_title(long)
    assert title.startswith("كلمة") and title.endswith("…") and len(title) <= 91


def test_default_corpus_is_the_ingested_seeds(tmp_path):
    from .conftest import CORPUS_DIR, SEEDS_DIR

    ingest([SEEDS_DIR], tmp_path / "c")
    fresh = pd.read_csv(tmp_path / "c" / "manifest.csv", dtype=str, keep_default_na=False)
    committed = pd.read_csv(CORPUS_DIR / "manifest.csv", dtype=str, keep_default_na=False)
    columns = ["doc_id", "file", "title", "sha256", "chars", "encoding"]
    assert fresh[columns].equals(committed[columns])


def test_changed_or_missing_document_is_named_on_load(tmp_path):
    for name, text in (("a", "بوتين"), ("b", "كيم"), ("c", "لافروف")):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    ingest(sorted(tmp_path.glob("*.txt")), tmp_path / "corpus")
    (tmp_path / "corpus" / "a.txt").write_text("تغير", encoding="utf-8")
    (tmp_path / "corpus" / "b.txt").unlink()
    with pytest.raises(khabar.InputError, match=r"a\.txt: content no longer matches"):
        load_corpus(tmp_path / "corpus")
    with pytest.warns(UserWarning) as caught:
        loaded = load_corpus(tmp_path / "corpus", strict=False)
    messages = " | ".join(str(w.message) for w in caught)
    assert (
        "a.txt: content no longer matches" in messages
        and "b.txt: listed in manifest.csv but missing" in messages
    )
    assert loaded.docs["doc_id"].tolist() == ["c"]


def test_crash_while_writing_the_manifest_keeps_the_old_one(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("بوتين", encoding="utf-8")
    ingest([tmp_path / "a.txt"], tmp_path / "corpus")
    before = (tmp_path / "corpus" / "manifest.csv").read_bytes()
    (tmp_path / "b.txt").write_text("كيم", encoding="utf-8")

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(sys.modules["khabar.ingest"], "_write_manifest", crash)
    with pytest.raises(OSError):
        ingest([tmp_path / "b.txt"], tmp_path / "corpus")
    assert (tmp_path / "corpus" / "manifest.csv").read_bytes() == before
    assert load_corpus(tmp_path / "corpus").docs["text"].tolist() == ["بوتين"]


def test_run_killed_half_way_leaves_a_loadable_corpus(tmp_path):
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for i in range(20000):
            out.write(
                json.dumps({"text": f"خبر رقم {i} عن بوتين وكيم " * 20}, ensure_ascii=False) + "\n"
            )
    corpus_dir = tmp_path / "corpus"
    code = f"import khabar; khabar.ingest([{str(feed)!r}], {str(corpus_dir)!r})"
    proc = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.time() + 60
    while time.time() < deadline and not (corpus_dir / "manifest.csv").exists():
        time.sleep(0.05)
    time.sleep(0.3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    corpus = load_corpus(corpus_dir)  # raises if any listed document is missing or partial
    assert len(corpus) > 0
    assert (corpus.docs["text"].str.len() > 0).all()
    rerun = ingest([feed], corpus_dir)
    assert len(load_corpus(corpus_dir)) == 20000
    assert len(rerun.present) == len(corpus)


def _archive_records(n: int) -> list[dict]:
    """Records shaped like SaudiNewsNet: the archive's own field names."""
    outlets = ["okaz", "alriyadh", "aawsat"]
    return [
        {
            "source": outlets[i % 3],
            "url": f"http://example.org/{i}",
            "date_extracted": f"2015-07-{21 + i % 5} 02:51:{i % 60:02d}",
            "title": f"خبر رقم {i}",
            "author": f"الرياض - كاتب {i % 4}",
            "content": f"قال المتحدث إن الخبر رقم {i} عن بوتين وكيم.",
        }
        for i in range(n)
    ]


def _write_jsonl_gz(path, records):
    import gzip

    with gzip.open(path, "wt", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def test_archive_with_its_own_field_names_ingests_without_flags(tmp_path):
    records = _archive_records(30)
    _write_jsonl_gz(tmp_path / "archive.jsonl.gz", records)
    report = ingest([tmp_path / "archive.jsonl.gz"], tmp_path / "c")
    assert len(report.added) == 30 and report.skipped == []
    assert len(report.mappings) == 1
    assert "text=content" in report.mappings[0] and "kept author" in report.mappings[0]
    docs = load_corpus(tmp_path / "c").docs
    assert docs["text"].tolist() == [r["content"] for r in records]
    assert docs["outlet"].tolist() == [r["source"] for r in records]
    assert docs["author"].tolist() == [r["author"] for r in records]
    assert pd.api.types.is_datetime64_any_dtype(docs["date"])
    assert docs["date"].tolist() == [pd.Timestamp(r["date_extracted"]) for r in records]
    manifest = pd.read_csv(tmp_path / "c" / "manifest.csv", dtype=str, keep_default_na=False)
    assert manifest["date"].iloc[0] == "2015-07-21T02:51:00"
    assert manifest["origin"].iloc[0].endswith("archive.jsonl.gz:1")
    again = ingest([tmp_path / "archive.jsonl.gz"], tmp_path / "c")
    assert (len(again.added), len(again.present)) == (0, 30)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_tables_with_other_names_work_with_flags_and_usual_names_without(tmp_path, suffix):
    rows = pd.DataFrame(
        {
            "Body": ["بوتين في موسكو", "كيم في بيونغ يانغ"],
            "Headline": ["عنوان أول", "عنوان ثان"],
            "Published": ["21/07/2015", "26 شوال 1436 هـ"],
            "Site": ["okaz", "sabq"],
        }
    )
    odd = rows.rename(columns={"Body": "Matn", "Site": "Paper"})
    write = {".csv": lambda f, p: f.to_csv(p, index=False), ".parquet": pd.DataFrame.to_parquet}
    write[suffix](rows, tmp_path / f"usual{suffix}")
    write[suffix](odd, tmp_path / f"odd{suffix}")
    ingest([tmp_path / f"usual{suffix}"], tmp_path / "a")
    refused = ingest([tmp_path / f"odd{suffix}"], tmp_path / "b")
    assert refused.added == [] and "Matn, Headline, Published, Paper" in str(refused.skipped[0])
    ingest([tmp_path / f"odd{suffix}"], tmp_path / "b", text_field="Matn", outlet_field="Paper")
    for folder in ("a", "b"):
        docs = load_corpus(tmp_path / folder).docs
        assert docs["text"].tolist() == rows["Body"].tolist()
        assert docs["title"].tolist() == rows["Headline"].tolist()
        assert docs["outlet"].tolist() == rows["Site"].tolist()
        assert docs["date"].dt.strftime("%Y-%m-%d").tolist() == ["2015-07-21", "2015-08-11"]


def test_file_without_any_text_field_is_one_line_and_creates_no_folder(tmp_path):
    records = [{"headline": "عنوان", "summary": "ملخص"} for _ in range(50)]
    (tmp_path / "feed.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8"
    )
    report = ingest([tmp_path / "feed.jsonl"], tmp_path / "c")
    assert report.problems() == [str(report.skipped[0])]
    assert "feed.jsonl" in report.problems()[0] and "headline, summary" in report.problems()[0]
    assert not (tmp_path / "c").exists()


def test_per_record_problems_are_capped_with_a_count(tmp_path):
    lines = [json.dumps({"content": "بوتين في موسكو"}, ensure_ascii=False)]
    lines += [json.dumps({"content": ""}) for _ in range(40)]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    report = ingest([tmp_path / "feed.jsonl"], tmp_path / "c")
    assert len(report.added) == 1 and len(report.skipped) == 40
    problems = report.problems(per_file=5)
    assert len(problems) == 6
    assert problems[0].endswith("feed.jsonl:2: no text (missing or empty 'content' field)")
    assert problems[-1].endswith("feed.jsonl: … and 35 more")


def test_unreadable_dates_are_kept_as_written_and_counted(tmp_path):
    records = [
        {"text": "بوتين في موسكو", "date": "أمس"},
        {"text": "كيم في بيونغ يانغ", "date": "أمس"},
        {"text": "لافروف في بكين", "date": "2015-07-21"},
    ]
    (tmp_path / "f.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8"
    )
    report = ingest([tmp_path / "f.jsonl"], tmp_path / "c")
    assert "2 dates not understood, kept as written (e.g. 'أمس')" in report.summary()
    manifest = pd.read_csv(tmp_path / "c" / "manifest.csv", dtype=str, keep_default_na=False)
    assert manifest["date"].tolist() == ["أمس", "أمس", "2015-07-21"]
    assert load_corpus(tmp_path / "c").docs["date"].isna().tolist() == [True, True, False]


def test_gzipped_text_and_csv_files_are_read_as_streams(tmp_path):
    import gzip

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt.gz").write_bytes(gzip.compress("بوتين في موسكو".encode("cp1256")))
    with gzip.open(src / "b.csv.gz", "wt", encoding="utf-8") as out:
        pd.DataFrame({"content": ["كيم في بيونغ يانغ"]}).to_csv(out, index=False)
    report = ingest([src], tmp_path / "c")
    assert report.skipped == []
    assert sorted(load_corpus(tmp_path / "c").docs["text"]) == [
        "بوتين في موسكو",
        "كيم في بيونغ يانغ",
    ]


def test_manifest_with_the_old_source_column_still_loads_and_grows(tmp_path):
    (tmp_path / "a.txt").write_text("بوتين في موسكو", encoding="utf-8")
    ingest([tmp_path / "a.txt"], tmp_path / "c")
    path = tmp_path / "c" / "manifest.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",origin", ",source", 1), "utf-8")
    assert load_corpus(tmp_path / "c").docs["origin"].tolist() == [str(tmp_path / "a.txt")]
    (tmp_path / "b.txt").write_text("كيم في بيونغ يانغ", encoding="utf-8")
    ingest([tmp_path / "b.txt"], tmp_path / "c")
    manifest = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert "source" not in manifest.columns
    assert manifest["origin"].tolist() == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_damaged_or_empty_inputs_are_one_line_each_and_create_nothing(tmp_path):
    import gzip

    whole = gzip.compress(("\n".join(json.dumps({"text": "خبر"}) for _ in range(50))).encode())
    inputs = {
        "cut.jsonl.gz": whole[: len(whole) // 2],
        "noise.csv.gz": b"\x1f\x8b\x08\x00" + bytes(range(200)),
        "plain.jsonl.gz": b"not gzip at all",
        "empty.jsonl": b"",
        "empty.csv": b"",
    }
    for name, data in inputs.items():
        (tmp_path / name).write_bytes(data)
    report = ingest([tmp_path / name for name in inputs], tmp_path / "c")
    assert report.added == []
    lines = report.problems()
    assert len(lines) == len(inputs)
    for name, line in zip(inputs, lines, strict=True):
        assert line.startswith(str(tmp_path / name)), line
    assert "cut short" in lines[0] and "gzip" in lines[2] and "empty" in lines[4]
    assert not (tmp_path / "c").exists()
