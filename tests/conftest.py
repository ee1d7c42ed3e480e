"""Shared fixtures: the default corpus and small corpora built from strings."""

from __future__ import annotations

from pathlib import Path

import pytest

import khabar

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = ROOT / "corpus"
SEEDS_DIR = ROOT / "seeds"


@pytest.fixture(scope="session")
def corpus() -> khabar.Corpus:
    """The five default articles on the Kim Jong Un - Putin meetings."""
    return khabar.load_corpus(CORPUS_DIR)


@pytest.fixture(scope="session")
def doc_ids(corpus: khabar.Corpus) -> list[str]:
    """Default corpus doc ids, in order (000 ... 004)."""
    return corpus.docs["doc_id"].tolist()
