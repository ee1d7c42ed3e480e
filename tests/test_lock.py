"""One writer at a time: concurrent ingests keep every row, a killed holder blocks nobody."""

import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar import check_corpus, ingest, load_corpus
from khabar.lock import HOLDER_FILE, CorpusBusyError, corpus_lock, read_holder
from khabar.manifest import ManifestTable, merge_rows

WORDS = ["بوتين", "كيم", "موسكو", "الكرملين", "بيونغ", "يانغ", "زيارة", "قمة", "روسيا", "كوريا"]


def _feed(path, numbers):
    with path.open("w", encoding="utf-8") as out:
        for i in numbers:
            text = f"خبر رقم {i}: " + " ".join(WORDS[(i + k) % len(WORDS)] for k in range(12))
            out.write(json.dumps({"doc_id": f"n{i}", "text": text}, ensure_ascii=False) + "\n")
    return path


def _start_ingest(feed, corpus_dir, log_dir, *extra):
    stdout = (log_dir / f"{feed.stem}.out").open("w")
    stderr = (log_dir / f"{feed.stem}.err").open("w")
    command = [sys.executable, "-m", "khabar.cli", "ingest", str(feed), "--corpus", str(corpus_dir)]
    return subprocess.Popen([*command, *extra], stdout=stdout, stderr=stderr)


def _wait_for(condition, *, seconds=60.0):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _manifest(corpus_dir):
    return pd.read_csv(corpus_dir / "manifest.csv", dtype=str, keep_default_na=False)


@pytest.mark.parametrize(("first", "second"), [((0, 1500), (1500, 3000)), ((0, 1500), (750, 2250))])
def test_two_ingests_at_once_list_every_document_once_and_report_truly(tmp_path, first, second):
    feeds = [
        _feed(tmp_path / "a.jsonl", range(*first)),
        _feed(tmp_path / "b.jsonl", range(*second)),
    ]
    corpus_dir = tmp_path / "corpus"
    with corpus_lock(corpus_dir):  # both start while the folder is busy, then race for it
        procs = [_start_ingest(feed, corpus_dir, tmp_path) for feed in feeds]
        errs = [tmp_path / "a.err", tmp_path / "b.err"]
        assert _wait_for(lambda: all("waiting" in e.read_text() for e in errs))
    for proc in procs:
        assert proc.wait(timeout=300) == 0
    for err in errs:
        assert f"{corpus_dir}: corpus is locked by pid {os.getpid()}" in err.read_text()
    expected = set(range(*first)) | set(range(*second))
    manifest = _manifest(corpus_dir)
    assert sorted(manifest["doc_id"]) == sorted(f"n{i}" for i in expected)
    assert manifest["sha256"].is_unique
    summaries = [(tmp_path / f"{f.stem}.out").read_text() for f in feeds]
    added = [int(s.split("added ")[1].split(",")[0]) for s in summaries]
    present = [int(s.split("already present ")[1].split(",")[0]) for s in summaries]
    assert sum(added) == len(expected)
    assert sum(present) == len(set(range(*first)) & set(range(*second)))
    assert all(a + p == 1500 for a, p in zip(added, present, strict=True))
    assert len(load_corpus(corpus_dir)) == len(expected)


def test_killed_holder_does_not_block_the_next_ingest(tmp_path):
    feed = _feed(tmp_path / "feed.jsonl", range(5000))
    corpus_dir = tmp_path / "corpus"
    proc = _start_ingest(feed, corpus_dir, tmp_path)
    assert _wait_for(lambda: (corpus_dir / "manifest.csv").exists())
    assert read_holder(corpus_dir).pid == proc.pid
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert read_holder(corpus_dir).pid == proc.pid  # stale record of a dead holder
    report = ingest([feed], corpus_dir, wait=False)  # would raise CorpusBusyError if blocked
    assert len(load_corpus(corpus_dir)) == 5000
    assert len(report.added) + len(report.present) == 5000
    assert not (corpus_dir / HOLDER_FILE).exists()
    leftovers = check_corpus(corpus_dir)
    assert {p.kind for p in leftovers.problems} <= {"leftover"}  # a text write cut short
    assert check_corpus(corpus_dir, repair=True).ok


def test_no_wait_stops_at_once_naming_folder_and_holder(tmp_path):
    feed = _feed(tmp_path / "feed.jsonl", range(3))
    corpus_dir = tmp_path / "corpus"
    with corpus_lock(corpus_dir):
        proc = _start_ingest(feed, corpus_dir, tmp_path, "--no-wait")
        assert proc.wait(timeout=60) == 2
        with ThreadPoolExecutor(1) as pool:  # another thread of this process is refused too
            attempt = pool.submit(ingest, [feed], corpus_dir, wait=False)
            with pytest.raises(CorpusBusyError, match=f"pid {os.getpid()}"):
                attempt.result()
    message = (tmp_path / "feed.err").read_text()
    assert str(corpus_dir) in message and f"pid {os.getpid()}" in message
    assert not (corpus_dir / "manifest.csv").exists()
    assert len(ingest([feed], corpus_dir, wait=False).added) == 3  # free again once released


def test_ingest_inside_a_held_lock_of_the_same_thread_proceeds(tmp_path):
    feed = _feed(tmp_path / "feed.jsonl", range(3))
    corpus_dir = tmp_path / "corpus"
    with corpus_lock(corpus_dir) as holder:
        assert len(ingest([feed], corpus_dir, wait=False).added) == 3
        assert read_holder(corpus_dir) == holder  # still held and still named
    assert read_holder(corpus_dir) is None


def test_failed_ingest_releases_the_lock(tmp_path, monkeypatch):
    feed = _feed(tmp_path / "feed.jsonl", range(3))

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(sys.modules["khabar.ingest"], "_write_manifest", crash)
    with pytest.raises(OSError):
        ingest([feed], tmp_path / "corpus")
    monkeypatch.undo()
    assert len(ingest([feed], tmp_path / "corpus", wait=False).added) == 3


def test_ingest_keeps_rows_and_columns_it_does_not_know(tmp_path):
    corpus_dir = tmp_path / "corpus"
    ingest([_feed(tmp_path / "a.jsonl", range(2))], corpus_dir)
    old = (
        _manifest(corpus_dir)
        .rename(columns={"source": "origin"})
        .assign(section=["سياسة", "اقتصاد"])
    )
    old.to_csv(corpus_dir / "manifest.csv", index=False)
    ingest([_feed(tmp_path / "b.jsonl", range(2, 4))], corpus_dir)
    new = _manifest(corpus_dir).set_index("doc_id")
    assert {"origin", "section"} <= set(new.columns)
    assert sorted(new.index) == ["n0", "n1", "n2", "n3"]
    assert new.loc[["n0", "n1"], "section"].tolist() == ["سياسة", "اقتصاد"]
    assert new.loc["n0", "origin"] == old.set_index("doc_id").loc["n0", "origin"]


ids = st.lists(st.sampled_from([f"d{i}" for i in range(12)]), unique=True, max_size=8)


@given(disk_ids=ids, own_ids=ids, extra=st.sampled_from(["", "origin", "section"]))
def test_merge_drops_no_row_and_no_column(disk_ids, own_ids, extra):
    columns = ["doc_id", "file", *([extra] if extra else [])]
    disk = ManifestTable(
        columns, [{c: f"{i}-{c}-disk" for c in columns} | {"doc_id": i} for i in disk_ids]
    )
    own = [{"doc_id": i, "file": f"{i}.txt", "chars": "1"} for i in own_ids]
    merged = merge_rows(disk, own, columns=("doc_id", "file", "chars"))
    got = [row["doc_id"] for row in merged.rows]
    assert sorted(got) == sorted(set(disk_ids) | set(own_ids))
    assert merged.rows[: len(disk.rows)] == disk.rows  # rows already stored are never replaced
    assert set(merged.columns) == set(columns) | {"chars"}
