"""Decoding a document's bytes: UTF-8 first, then only the encodings Arabic text comes in.

Legacy input is detected with charset-normalizer, limited to the Arabic code pages
(Windows-1256, ISO-8859-6, CP720); UTF-16 and UTF-32 are recognised by their byte-order mark or,
without one, by decoding. A result that does not read as Arabic is refused rather than stored
as mojibake.
"""

from __future__ import annotations

import codecs
import re

from khabar.errors import InputError

__all__ = ["ARABIC_CODE_PAGES", "WIDE", "arabic_share", "decode_bytes", "sniff_encoding"]

#: Single-byte code pages tried for text that is not UTF-8 (Python codec names).
ARABIC_CODE_PAGES = ("cp1256", "iso8859_6", "cp720")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_WIDE = ("utf_32_le", "utf_32_be", "utf_16_le", "utf_16_be")
#: Encodings whose lines cannot be split on the newline byte.
WIDE = frozenset({"utf-16", "utf-32", *(e.replace("_", "-") for e in _WIDE)})
_MIN_ARABIC_SHARE = 0.3
_MAX_CHAOS = 0.3
_ARABIC = "\u0600-\u06ff"
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_MIXED_WORD_RE = re.compile(rf"[{_ARABIC}][^\W\d_{_ARABIC}]|[^\W\d_{_ARABIC}][{_ARABIC}]")


def arabic_share(text: str) -> float:
    """Share of the letters of ``text`` that are Arabic (0 when it has no letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" for c in letters) / len(
        letters
    )


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a document's bytes; returns (text, encoding found).

    Tries a byte-order mark, strict UTF-8, UTF-16/32 without a mark, then the Arabic code pages.
    Never substitutes replacement characters.

    Raises:
        InputError: empty, binary, or not readable as Arabic in any candidate encoding.
    """
    if not data.strip():
        raise InputError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding)), encoding
            except UnicodeDecodeError as err:
                raise InputError(
                    f"not valid {encoding} despite its byte-order mark ({err.reason})"
                ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and _is_text(text):
        return _checked(text), "utf-8"
    if text is not None or b"\x00" in data:
        return _wide(data)
    return _legacy(data)


def sniff_encoding(sample: bytes) -> str:
    """The encoding of a feed or table file from its first bytes (UTF-8 unless they say not).

    Raises:
        InputError: the sample is binary or Arabic in no candidate encoding.
    """
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return encoding
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        pass
    else:
        if b"\x00" not in sample:
            return "utf-8-sig"
    end = sample.rfind(b"\n") + 1
    return decode_bytes(sample[:end] if end > len(sample) // 2 else sample)[1]


def _wide(data: bytes) -> tuple[str, str]:
    for encoding in _WIDE:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _is_text(text) and arabic_share(text) >= _MIN_ARABIC_SHARE:
            return _checked(text), encoding.replace("_", "-")
    raise InputError("binary file (control characters or NUL bytes), not text")


def _legacy(data: bytes) -> tuple[str, str]:
    readings = [(e, t) for e, t in _readings(data) if _reads_as_arabic(t)]
    if not readings:
        raise InputError(
            "not UTF-8, and not Arabic text in Windows-1256, ISO-8859-6, CP720, UTF-16 or UTF-32"
            " (unknown encoding or binary)"
        )
    encoding, text = max(readings, key=lambda reading: _arabic_likeness(reading[1]))
    return _checked(text), encoding


def _readings(data: bytes) -> list[tuple[str, str]]:
    """(encoding, text) for each code page that decodes the bytes, the detector's choice first."""
    from charset_normalizer import from_bytes

    found = [
        (m.encoding, str(m))
        for m in from_bytes(data, cp_isolation=list(ARABIC_CODE_PAGES))
        if m.chaos <= _MAX_CHAOS
    ]
    for encoding in ARABIC_CODE_PAGES:
        if all(e != encoding for e, _ in found):
            try:
                found.append((encoding, data.decode(encoding)))
            except UnicodeDecodeError:
                continue
    return found


def _reads_as_arabic(text: str) -> bool:
    """Mostly Arabic letters, and no word that mixes them with Latin ones (a mojibake sign)."""
    if not _is_text(text) or arabic_share(text) < _MIN_ARABIC_SHARE:
        return False
    return _MIXED_WORD_RE.search(text) is None


def _arabic_likeness(text: str) -> tuple[float, float]:
    """How much a reading looks like Arabic prose: its share of stopwords as written, then its
    share of words with the article minus its share of tashkeel (which a wrong code page often
    produces inside words). Higher for the right reading."""
    from khabar.wordlists import arabic_stopwords

    words = [w.strip(".,:؛،؟!\"'()«»") for w in text.split()]
    if not words:
        return 0.0, 0.0
    stop = arabic_stopwords()
    stop_share = sum(w in stop for w in words) / len(words)
    article_share = sum(w.startswith(("ال", "وال", "بال", "لل")) for w in words) / len(words)
    marks = sum(1 for c in text if "\u064b" <= c <= "\u0652") / len(words)
    return stop_share, article_share - marks


def _is_text(text: str) -> bool:
    """At most 1% control characters (tab, line and page breaks are text)."""
    return len(_CONTROL_RE.findall(text)) <= len(text) // 100


def _checked(text: str) -> str:
    if not text.strip():
        raise InputError("empty file")
    if not _is_text(text):
        raise InputError("binary file (control characters), not text")
    return text
