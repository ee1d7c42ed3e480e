"""khabar: Arabic news coverage in numbers.

Load a corpus, count terms through Arabic clitics, find cited sources and named actors, and
draw charts whose Arabic labels are shaped right on every matplotlib.
"""

from khabar import overview
from khabar.actors import (
    actor_counts,
    co_mention_matrix,
    co_mentions,
    count_co_mentions,
    count_mentions,
    find_actors,
    find_descriptors,
    in_context,
    mentions_per_doc,
)
from khabar.check import check_corpus
from khabar.corpus import Corpus, load_corpus
from khabar.counts import keyness, term_frequency, tfidf
from khabar.errors import InputError, KhabarError
from khabar.ingest import ingest
from khabar.kwic import kwic
from khabar.normalize import normalize
from khabar.sources import find_sources
from khabar.tokens import Token, ngrams, sentences, tokenize

__all__ = [
    "Corpus",
    "InputError",
    "KhabarError",
    "Token",
    "actor_counts",
    "check_corpus",
    "co_mention_matrix",
    "co_mentions",
    "count_co_mentions",
    "count_mentions",
    "find_actors",
    "find_descriptors",
    "find_sources",
    "in_context",
    "ingest",
    "keyness",
    "kwic",
    "load_corpus",
    "mentions_per_doc",
    "ngrams",
    "normalize",
    "overview",
    "sentences",
    "term_frequency",
    "tfidf",
    "tokenize",
]
__version__ = "0.1.0"
