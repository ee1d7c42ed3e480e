"""Dates as news archives write them come out as the same ISO date."""

from datetime import date, datetime

import pytest
from hijridate import Gregorian
from hypothesis import given
from hypothesis import strategies as st

from khabar.dates import parse_date

EGYPTIAN = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]
LEVANTINE = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
]
HIJRI = [
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
]
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
days = st.dates(min_value=date(1950, 1, 1), max_value=date(2070, 12, 31))


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2015-07-21 02:51:32", "2015-07-21T02:51:32"),
        ("2015-07-21T02:51:32+03:00", "2015-07-21T02:51:32"),
        ("2015-07-21", "2015-07-21"),
        ("21/07/2015", "2015-07-21"),
        ("July 21, 2015", "2015-07-21"),
        ("Tue, 21 Jul 2015 02:51:32 +0300", "2015-07-21T02:51:32"),
        ("الثلاثاء ٢١ يوليو ٢٠١٥", "2015-07-21"),
        ("21 تموز 2015", "2015-07-21"),
        ("21 تموز/يوليو 2015", "2015-07-21"),
        ("26 شوال 1436 هـ", "2015-08-11"),
        ("21 يوليو 2015 الساعة 3:15 م", "2015-07-21T15:15:00"),
    ],
)
def test_forms_news_archives_use(written, iso):
    assert parse_date(written) == iso


@pytest.mark.parametrize("written", ["أمس", "", "31/02/2015", "منذ ساعتين", "21 يوليو"])
def test_what_is_not_a_date_is_not_guessed(written):
    assert parse_date(written) is None


@given(days)
def test_every_rendering_of_a_day_reads_back_as_that_day(day):
    n = day.month - 1
    renderings = [
        day.isoformat(),
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day}.{day.month}.{day.year}",
        day.strftime("%B %d, %Y"),
        day.strftime("%d %b %Y"),
        f"{day.day} {EGYPTIAN[n]} {day.year}",
        f"{day.day} {LEVANTINE[n]} {day.year}",
        f"{day.day} {EGYPTIAN[n]} {day.year}".translate(INDIC),
    ]
    for written in renderings:
        assert parse_date(written) == day.isoformat(), written


@given(days)
def test_hijri_dates_give_their_gregorian_day(day):
    hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    written = f"{hijri.day} {HIJRI[hijri.month - 1]} {hijri.year} هـ"
    assert parse_date(written) == day.isoformat()
    assert parse_date(written.translate(INDIC)) == day.isoformat()


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2060, 1, 1)))
def test_time_is_kept_to_the_second(moment):
    moment = moment.replace(microsecond=0)
    assert parse_date(moment.isoformat(sep=" ")) == moment.isoformat()


def test_unix_times_in_seconds_or_milliseconds_are_utc():
    assert parse_date("1437447092") == "2015-07-21T02:51:32"
    assert parse_date("1437447092000") == "2015-07-21T02:51:32"
