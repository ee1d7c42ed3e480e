"""The spelling caches every analysis shares: results never depend on which analysis ran first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

import khabar
from khabar.lexicon import KEYS_SEEN, key_of, match_key
from khabar.tokens import norm_of

SEEDS = Path(__file__).resolve().parents[1] / "corpus"

_RUN = """
import sys, khabar
corpus = khabar.load_corpus(sys.argv[1])
for name in sys.argv[3:]:
    table = getattr(khabar, name)(corpus, progress=False)
table.to_pickle(sys.argv[2])
"""


def _actors_after(tmp_path: Path, *first: str) -> pd.DataFrame:
    """find_actors in a fresh process, after the analyses ``first`` filled the caches."""
    out = tmp_path / f"after-{'-'.join(first) or 'nothing'}.pkl"
    command = [sys.executable, "-c", _RUN, str(SEEDS), str(out), *first, "find_actors"]
    subprocess.run(command, check=True, capture_output=True)
    return pd.read_pickle(out)


def test_actors_are_the_same_when_sources_and_terms_read_the_words_first(tmp_path):
    alone = _actors_after(tmp_path)
    after = _actors_after(tmp_path, "find_sources", "term_frequency", "find_descriptors")
    assert len(alone) > 100
    pd.testing.assert_frame_equal(after, alone)


def test_a_new_spelling_gets_its_key_once_and_is_announced_to_phrase_tries():
    word = "وللمستكشفين" + "\u0640"  # with a tatweel: a spelling no other test writes
    seen = len(KEYS_SEEN)
    assert key_of(word) == match_key(norm_of(word)) == "وللمستكشفين"
    assert key_of(word) == "وللمستكشفين"
    assert KEYS_SEEN[seen:] == ["وللمستكشفين"]


def test_the_caches_agree_with_tokenize():
    text = khabar.load_corpus(SEEDS).docs["text"].iloc[0]
    tokens = khabar.tokenize(text)
    assert [norm_of(t.text) for t in tokens] == [t.norm for t in tokens]
