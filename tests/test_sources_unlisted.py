"""Sources the dictionary lacks: unlisted outlets, government bodies, credit lines, data."""

from __future__ import annotations

import pandas as pd
import pytest

import khabar
from khabar.lexicon import load_entries


def run(*texts: str) -> pd.DataFrame:
    return khabar.find_sources(khabar.Corpus.from_texts(list(texts)))


@pytest.mark.parametrize(
    ("text", "surface", "source_type", "role"),
    [
        (
            "وذكرت صحيفة الصباح الجديد أن الأمطار ستستمر.",
            "صحيفة الصباح الجديد",
            "newspaper",
            "reported_by",
        ),
        ("وقالت مجلة «فوربس» إن الثروة تضاعفت.", "مجلة «فوربس", "newspaper", "reported_by"),
        (
            'وقال فانينج لقناة فوكس سبورتس "كنت جالسا على اللوح".',
            "قناة فوكس سبورتس",
            "broadcaster",
            "told_to",
        ),
        (
            'وقال مدير المستشفى لـ"البلاد اليوم" إن الحالات مستقرة.',
            "البلاد اليوم",
            "newspaper",
            "told_to",
        ),
        (
            "وقال الوزير لوكالة الأنباء الجيبوتية إن الوضع هادئ.",
            "وكالة الأنباء الجيبوتية",
            "agency",
            "told_to",
        ),
    ],
)
def test_unlisted_outlet_is_cited_with_an_id_of_its_own(text, surface, source_type, role):
    found = run(text)
    row = found[found["source_id"].str.startswith("unlisted:")].iloc[0]
    assert (row["surface"], row["source_type"], row["role"]) == (surface, source_type, role)


def test_unlisted_outlets_count_in_the_tables():
    found = run("وذكرت صحيفة المدائن أن القمة انتهت.", "وقالت صحيفة المدائن إن القمة نجحت.")
    counts = khabar.sources.count_sources(found)
    row = counts[counts["source_id"].str.startswith("unlisted:")].iloc[0]
    assert (row["count"], row["doc_count"], row["source_type"]) == (2, 2, "newspaper")


@pytest.mark.parametrize(
    "text",
    [
        "وبحسب مجلة أمريكية فإن الأغلبية تؤيد.",  # an adjective, no name
        "وقالت هيئة قناة السويس إن العبور انتهى.",  # the canal, inside another body's name
        "وزار الوفد موقع الحادث أمس.",  # موقع is a place
        "«واشنطن بوست» كتبت كثيرا عن هذا الموضوع.",  # a mention, no citation
    ],
)
def test_no_outlet_where_there_is_none(text):
    found = run(text)
    assert not found["source_type"].isin(["newspaper", "broadcaster", "website", "agency"]).any()


@pytest.mark.parametrize(
    ("text", "source_id", "source_en"),
    [
        ("وأعلنت وزارة الداخلية السعودية أن الأمن مستتب.", "sa_moi", "Saudi Interior Ministry"),
        ("وأوضحت وزارة الصحة اليمنية أن الحالات ارتفعت.", "ye_moh", "Yemeni Health Ministry"),
        (
            "وقالت وزارة الإعلام البحرينية إن البث توقف.",
            "gov:BH:وزاره الاعلام",
            "Bahraini Ministry of Information",
        ),
        (
            "وأكدت المديرية العامة للدفاع المدني أن الحريق أخمد.",
            "gov:مديريه العامه للدفاع المدني",
            "General Directorate of Civil Defence",
        ),
    ],
)
def test_government_bodies_of_the_region(text, source_id, source_en):
    row = run(text).iloc[0]
    assert (row["source_id"], row["source_type"], row["source_en"]) == (
        source_id,
        "government",
        source_en,
    )


def test_every_arab_state_has_its_ministries():
    ids = {e.id for e in load_entries("sources")}
    states = [
        "sa",
        "eg",
        "ae",
        "qa",
        "kw",
        "bh",
        "om",
        "ye",
        "iq",
        "sy",
        "jo",
        "lb",
        "ps",
        "ly",
        "tn",
        "dz",
        "ma",
        "sd",
        "mr",
        "so",
        "dj",
        "km",
    ]
    assert all(f"{s}_{b}" in ids for s in states for b in ("mfa", "moi", "mod", "moh"))


def test_spokesman_of_an_unlisted_body_is_affiliated_to_it():
    found = run("وقال المتحدث الأمني لوزارة الداخلية اللواء منصور التركي إن التحقيقات مستمرة.")
    person = found[found["source_type"] == "person"].iloc[0]
    assert person["surface"] == "منصور التركي"
    assert person["affiliation"] in set(found["source_id"])
    assert person["category"] == "military_security"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("الرياض - واس\nافتتح الأمير المعرض أمس.", "dateline"),
        ("(واس) افتتح الأمير المعرض أمس.", "dateline"),
        ("واس- افتتح الأمير المعرض أمس.", "dateline"),
        ("افتتح الأمير المعرض أمس في الرياض وسط حضور كبير.\n(أ ف ب)", "credit line"),
    ],
)
def test_datelines_and_credit_lines(text, cue):
    found = run(text)
    assert list(found["cue"]) == [cue] and list(found["role"]) == ["credit"]
    assert found.iloc[0]["source_type"] == "agency"


def test_agency_named_in_the_body_is_no_credit():
    assert run("افتتح الأمير المعرض الذي نظمته واس أمس في الرياض وسط حضور كبير.").empty


def test_data_attributed_to_an_outlet():
    found = run("وبحسب استطلاع لـ«رويترز» فإن الأغلبية تؤيد الاتفاق.")
    assert list(found["source_id"]) == ["reuters"] and list(found["cue"]) == ["استطلاع لـ"]
    assert run("وبحسب حسابات وزارة المالية فإن العجز تراجع.")["cue"].tolist() != ["حسابات"]


def test_quoted_name_of_a_listed_outlet_is_that_outlet():
    found = run("قال لـ «عكاظ» رئيس اللجنة مشاري العتيبي إن الاستقدام توقف.")
    assert ("okaz", "told_to") in set(zip(found["source_id"], found["role"], strict=True))
