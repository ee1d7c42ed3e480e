"""Source attribution: who each article cites, with which cue, for which claim.

A source (an outlet, a body or a person) counts only with a cue in its sentence: a reporting
verb before it (ذكرت وكالة X) or just after it (البيت الأبيض أعلن), a frame before it (بحسب،
وفقا لـ، نقلا عن), or a told-to frame (قال ... لوكالة فرانس برس). Favours precision: a bare
mention of the UN in a sentence about sanctions is not a citation.
"""

from khabar.sources.cuelist import MEDIA_TYPES, Cues, load_cues
from khabar.sources.summaries import (
    SOURCE_TYPES,
    claims_by_source,
    count_sources,
    cue_counts,
    source_actor_pairs,
    source_counts,
    sources_per_doc,
)
from khabar.sources.table import COLUMNS, find_sources, sources_batch
from khabar.sources.voices import speaker_categories, speaker_counts, women_share

__all__ = [
    "COLUMNS",
    "MEDIA_TYPES",
    "SOURCE_TYPES",
    "Cues",
    "claims_by_source",
    "count_sources",
    "cue_counts",
    "find_sources",
    "load_cues",
    "source_actor_pairs",
    "source_counts",
    "sources_batch",
    "sources_per_doc",
    "speaker_categories",
    "speaker_counts",
    "women_share",
]
