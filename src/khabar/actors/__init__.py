"""Actor mentions: who is named, how often, in which articles, and alongside whom.

Names are matched on normalized words through clitics (لبوتين، وبوتين), longest match first
across the actors and outlet dictionaries, with every listed spelling merged (كيم جونغ أون،
كيم يونج أون، كيم جونغ-أون). The package reads, in order:

- ``document``: a document's words, keys and gaps, without a Python object per word;
- ``dictionary`` and ``matching``: the compiled dictionaries and the longest-match lookup;
- ``resolve``: which actor a match names (short forms, institutions, mastheads, ministries);
- ``hints``, ``names`` and ``discovery``: people the dictionary lacks (cues, name spans);
- ``finding`` and ``descriptors``: the row tables, batch by batch, locally or on Dask;
- ``tables``: counts, co-mentions and mentions in context.
"""

from khabar.actors.descriptors import DESCRIPTOR_COLUMNS, descriptors_batch, find_descriptors
from khabar.actors.finding import COLUMNS, UNLISTED, actors_batch, find_actors
from khabar.actors.tables import (
    actor_counts,
    co_mention_matrix,
    co_mentions,
    count_co_mentions,
    count_mentions,
    in_context,
    mentions_per_doc,
)

__all__ = [
    "COLUMNS",
    "DESCRIPTOR_COLUMNS",
    "UNLISTED",
    "actor_counts",
    "actors_batch",
    "co_mention_matrix",
    "co_mentions",
    "count_co_mentions",
    "count_mentions",
    "descriptors_batch",
    "find_actors",
    "find_descriptors",
    "in_context",
    "mentions_per_doc",
]
