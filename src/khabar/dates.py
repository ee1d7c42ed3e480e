"""Dates as news archives write them, read into ISO form (``YYYY-MM-DD``, time kept if given).

Handles ISO dates with or without time, ``21/07/2015`` (day first), ``July 21, 2015``, e-mail
style dates, Arabic month names of both series (يوليو and تموز), Arabic-Indic digits, and
Hijri dates (``26 شوال 1436 هـ``), given as their Gregorian equivalent (Umm al-Qura calendar,
via hijridate), and Unix times (UTC). A time zone offset is dropped: the stored time is the
outlet's wall time.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache

from khabar.normalize import normalize

__all__ = ["parse_date"]

_ENGLISH = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_GREGORIAN_AR = (
    ("يناير", "كانون الثاني"),
    ("فبراير", "شباط"),
    ("مارس", "اذار"),
    ("ابريل", "نيسان", "افريل"),
    ("مايو", "ايار", "ماي"),
    ("يونيو", "يونيه", "حزيران", "جوان"),
    ("يوليو", "يوليه", "تموز", "جويليه"),
    ("اغسطس", "اب", "اوت"),
    ("سبتمبر", "ايلول"),
    ("اكتوبر", "تشرين الاول"),
    ("نوفمبر", "تشرين الثاني"),
    ("ديسمبر", "كانون الاول"),
)
_HIJRI_AR = (
    ("محرم",),
    ("صفر",),
    ("ربيع الاول",),
    ("ربيع الثاني", "ربيع الاخر"),
    ("جمادي الاولي", "جمادي الاول"),
    ("جمادي الاخره", "جمادي الاخرة", "جمادي الثانيه", "جمادي الثانية", "جمادي الاخر"),
    ("رجب",),
    ("شعبان",),
    ("رمضان",),
    ("شوال",),
    ("ذو القعده", "ذو القعدة", "ذي القعده", "ذي القعدة"),
    ("ذو الحجه", "ذو الحجة", "ذي الحجه", "ذي الحجة"),
)


def _month_table() -> dict[str, tuple[int, bool]]:
    table: dict[str, tuple[int, bool]] = {}
    for number, name in enumerate(_ENGLISH, start=1):
        table[name] = table[name[:3]] = (number, False)
    table["sept"] = (9, False)
    for number, names in enumerate(_GREGORIAN_AR, start=1):
        table.update({n: (number, False) for n in names})
    for number, names in enumerate(_HIJRI_AR, start=1):
        table.update({n: (number, True) for n in names})
    return table


_MONTHS = _month_table()
_MONTH_RE = re.compile(
    r"(?<![\w])(?:[وب]?)("
    + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
    + r")(?![\w])"
)
_TIME_RE = re.compile(
    r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(am|pm|a\.m\.|p\.m\.|ص|م|صباحا|مساء)?(?![\w])",
    re.IGNORECASE,
)
_NUMERIC_RE = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})(?:[\sT,]+(.*))?$")
_HIJRI_MARK_RE = re.compile(r"(?<![\w])(?:ه|هـ|هجري|هجريه|هجرية|ah)(?![\w])")
_NUMBER_RE = re.compile(r"\d+")
_EPOCH_RE = re.compile(r"^(?:\d{10}|\d{13})(?:\.\d+)?$")


@lru_cache(maxsize=1 << 16)
def parse_date(value: str) -> str | None:
    """The ISO form of a date as written, or None when it cannot be read.

    Example: ``parse_date("21 تموز 2015")`` gives ``"2015-07-21"``;
    ``parse_date("2015-07-21 02:51:32")`` gives ``"2015-07-21T02:51:32"``.
    """
    text = normalize(str(value)).strip().lower()
    if not text:
        return None
    for reader in (_iso, _epoch, _numeric, _email, _worded):
        try:
            found = reader(text)
        except (ValueError, OverflowError, TypeError, IndexError):
            found = None
        if found is not None:
            return found
    return None


def _format(day: date, time: tuple[int, int, int] | None) -> str:
    if time is None:
        return day.isoformat()
    return datetime(day.year, day.month, day.day, *time).isoformat()


def _iso(text: str) -> str | None:
    if not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return None
    stamp = datetime.fromisoformat(text.upper())
    has_time = len(text) > 10
    return _format(stamp.date(), (stamp.hour, stamp.minute, stamp.second) if has_time else None)


def _epoch(text: str) -> str | None:
    """Unix time in seconds (10 digits) or milliseconds (13), as UTC."""
    if not _EPOCH_RE.match(text):
        return None
    seconds = float(text) / (1000 if len(text.split(".")[0]) == 13 else 1)
    stamp = datetime.fromtimestamp(seconds, tz=timezone.utc)
    return _format(stamp.date(), (stamp.hour, stamp.minute, stamp.second))


def _email(text: str) -> str | None:
    if not re.match(r"^[a-z]{3},?\s+\d", text):
        return None
    stamp = parsedate_to_datetime(text)
    return _format(stamp.date(), (stamp.hour, stamp.minute, stamp.second))


def _numeric(text: str) -> str | None:
    match = _NUMERIC_RE.match(text)
    if match is None:
        return None
    a, b, c, rest = match.groups()
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    elif len(c) == 4:
        day, month, year = int(a), int(b), int(c)
        if month > 12 >= day:
            day, month = month, day
    else:
        return None
    time = _time(rest or "") if rest else None
    if rest and time is None:
        return None
    return _format(date(year, month, day), time)


def _time(text: str) -> tuple[int, int, int] | None:
    match = _TIME_RE.search(text)
    if match is None:
        return None
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    marker = (match[4] or "").replace(".", "")
    if marker in ("pm", "م", "مساء") and hour < 12:
        hour += 12
    elif marker in ("am", "ص", "صباحا") and hour == 12:
        hour = 0
    return hour, minute, second


def _worded(text: str) -> str | None:
    months = {_MONTHS[m] for m in _MONTH_RE.findall(text)}
    if len(months) != 1:
        return None
    ((month, hijri),) = months
    time = _time(text)
    rest = _TIME_RE.sub(" ", text)
    numbers = _NUMBER_RE.findall(rest)
    years = [int(n) for n in numbers if len(n) in (3, 4)]
    days = [int(n) for n in numbers if len(n) <= 2]
    if len(years) != 1 or len(days) != 1:
        return None
    hijri = hijri or (_HIJRI_MARK_RE.search(rest) is not None and years[0] < 1600)
    if hijri:
        return _format(_from_hijri(years[0], month, days[0]), time)
    return _format(date(years[0], month, days[0]), time)


def _from_hijri(year: int, month: int, day: int) -> date:
    from hijridate import Hijri

    try:
        return date(*Hijri(year, month, day).to_gregorian().datetuple())
    except OverflowError as err:
        raise ValueError(str(err)) from None
