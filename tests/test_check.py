"""khabar check: every planted fault is found, nothing changes unless asked, repair is safe."""

import pandas as pd
import pytest

from khabar import check_corpus, ingest, load_corpus
from khabar.cli import main

TEXTS = {
    "a": "قال بوتين إن الزيارة مهمة.",
    "b": "وصل كيم جونغ أون إلى موسكو.",
    "c": "أكد الكرملين موعد القمة.",
    "d": "نقلت وكالة يونهاب الخبر.",
}


@pytest.fixture
def corpus_dir(tmp_path):
    for name, text in TEXTS.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    folder = tmp_path / "corpus"
    ingest(sorted(tmp_path.glob("*.txt")), folder)
    return folder


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}


def _plant_faults(folder):
    (folder / "orphan.txt").write_text("نص كتب ولم يسجل في البيان.", encoding="utf-8")
    (folder / "b.txt").unlink()
    (folder / "c.txt").write_text("أكد الكرملين موعدا آخر للقمة.", encoding="utf-8")
    (folder / "copy.txt").write_text(TEXTS["d"], encoding="utf-8")
    manifest = pd.read_csv(folder / "manifest.csv", dtype=str, keep_default_na=False)
    copy = manifest[manifest["doc_id"] == "d"].assign(doc_id="copy", file="copy.txt")
    pd.concat([manifest, copy]).to_csv(folder / "manifest.csv", index=False)


def test_clean_corpus_has_no_problems_and_exit_status_0(corpus_dir, capsys):
    report = check_corpus(corpus_dir)
    assert report.ok and report.documents == 4
    assert main(["check", "--corpus", str(corpus_dir)]) == 0
    assert "no problems" in capsys.readouterr().out


def test_each_planted_fault_is_found_and_nothing_changes(corpus_dir, capsys):
    _plant_faults(corpus_dir)
    before = _snapshot(corpus_dir)
    found = {(p.kind, p.path.name) for p in check_corpus(corpus_dir).problems}
    assert found == {
        ("orphan", "orphan.txt"),
        ("missing", "b.txt"),
        ("changed", "c.txt"),
        ("duplicate", "copy.txt"),
    }
    assert main(["check", "--corpus", str(corpus_dir)]) == 1
    out = capsys.readouterr().out
    assert "orphan.txt" in out and "b.txt" in out and "same content as document d" in out
    assert _snapshot(corpus_dir) == before


def test_repair_registers_orphans_and_drops_nothing(corpus_dir):
    _plant_faults(corpus_dir)
    report = check_corpus(corpus_dir, repair=True)
    assert any("orphan.txt: registered" in line for line in report.repaired)
    assert {p.kind for p in report.problems} == {"missing", "changed", "duplicate"}
    manifest = pd.read_csv(corpus_dir / "manifest.csv", dtype=str, keep_default_na=False)
    assert sorted(manifest["doc_id"]) == ["a", "b", "c", "copy", "d", "orphan"]
    with pytest.warns(UserWarning):
        docs = load_corpus(corpus_dir, strict=False).docs.set_index("doc_id")
    assert docs.loc["orphan", "text"] == "نص كتب ولم يسجل في البيان."
    assert main(["check", "--corpus", str(corpus_dir), "--repair"]) == 1  # faults remain


def test_repair_makes_a_corpus_of_orphans_loadable(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "x.txt").write_bytes("كيم جونغ أون في روسيا".encode("cp1256"))
    (folder / "y.txt").write_text("بوتين في بيونغ يانغ", encoding="utf-8")
    (folder / ".y.txt.abc.tmp").write_text("بوتين في", encoding="utf-8")  # a write cut short
    kinds = sorted(p.kind for p in check_corpus(folder).problems)
    assert kinds == ["leftover", "orphan", "orphan"]
    assert main(["check", "--corpus", str(folder), "--repair"]) == 0
    texts = load_corpus(folder).docs.set_index("doc_id")["text"]
    assert texts.to_dict() == {"x": "كيم جونغ أون في روسيا", "y": "بوتين في بيونغ يانغ"}
    assert not (folder / ".y.txt.abc.tmp").exists()


@pytest.mark.parametrize(
    ("encoding", "separator", "named"),
    [("cp1256", ",", "cp1256"), ("utf-16", "\t", "utf-16"), ("utf-8-sig", ";", "';'")],
)
def test_manifest_resaved_by_a_spreadsheet_is_read_named_and_repaired(
    corpus_dir, encoding, separator, named
):
    path = corpus_dir / "manifest.csv"
    manifest = pd.read_csv(path, dtype=str, keep_default_na=False)
    manifest.to_csv(path, index=False, sep=separator, encoding=encoding)
    report = check_corpus(corpus_dir)
    assert report.documents == 4
    assert [p.kind for p in report.problems] == ["encoding"]
    assert named in report.problems[0].detail
    assert check_corpus(corpus_dir, repair=True).ok
    assert load_corpus(corpus_dir).docs["text"].tolist() == list(TEXTS.values())
    assert pd.read_csv(path, dtype=str, keep_default_na=False).equals(manifest)


def test_manifest_with_a_bom_is_fine(corpus_dir):
    path = corpus_dir / "manifest.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert check_corpus(corpus_dir).ok


def test_missing_folder_is_a_user_error(tmp_path, capsys):
    assert main(["check", "--corpus", str(tmp_path / "nowhere")]) == 2
    assert "no such corpus folder" in capsys.readouterr().err


def test_unreadable_manifest_is_named_and_left_alone(corpus_dir):
    path = corpus_dir / "manifest.csv"
    path.write_bytes(bytes(range(256)) * 4)
    report = check_corpus(corpus_dir, repair=True)
    assert [(p.kind, p.path.name) for p in report.problems] == [("manifest", "manifest.csv")]
    assert "unreadable manifest" in report.problems[0].detail
    assert path.read_bytes() == bytes(range(256)) * 4  # nothing rewritten over it
    assert main(["check", "--corpus", str(corpus_dir)]) == 1
