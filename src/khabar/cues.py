"""The attribution cue lists; kept for code that imports them from here (see ``khabar.sources``)."""

from khabar.sources.cuelist import MEDIA_TYPES, Cues, Frame, compile_cues, load_cues

__all__ = ["MEDIA_TYPES", "Cues", "Frame", "compile_cues", "load_cues"]
