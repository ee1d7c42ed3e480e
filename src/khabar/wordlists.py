"""Word lists shipped as package data: stopwords and words never peeled of clitics.

Stopwords: the Arabic list of stopwords-iso (https://github.com/stopwords-iso, MIT licence,
taken from the ``stopwordsiso`` 0.7.1 package) in ``data/stopwords-iso-ar.txt``, adjusted by
``data/stopwords-khabar.txt`` (a few news content words removed, reporting verbs and
function words added). All lists are normalized on load.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from khabar.normalize import normalize

__all__ = ["arabic_stopwords", "common_words", "data_lines", "protected_words"]


def data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a package data file."""
    text = resources.files("khabar.data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def arabic_stopwords() -> frozenset[str]:
    """The normalized Arabic stopword list (stopwords-iso plus khabar's adjustments)."""
    words = {normalize(w) for w in data_lines("stopwords-iso-ar.txt")}
    for line in data_lines("stopwords-khabar.txt"):
        sign, word = line[0], normalize(line[1:])
        if sign == "+":
            words.add(word)
        elif sign == "-":
            words.discard(word)
    words.discard("")
    return frozenset(words)


@cache
def protected_words() -> frozenset[str]:
    """Normalized words that begin like a clitic but are words in their own right.

    The curated ``protected.txt`` plus every stopword: a stopword is a word, never a clitic
    and a word (كان is not ك + ان, واحد is not و + احد).
    """
    return frozenset(normalize(w) for w in data_lines("protected.txt")) | arabic_stopwords()


@cache
def common_words() -> dict[str, float]:
    """Words general Arabic writes often (match keys), with their zipf frequency
    (``data/common-words-ar.txt``, from wordfreq)."""
    return {
        word: float(zipf)
        for word, zipf in (line.split("\t") for line in data_lines("common-words-ar.txt"))
    }
