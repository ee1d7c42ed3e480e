"""Organizations and places read by their shape; common words that look like names.

Every sentence is made up for the test (none is archive text).
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar import Corpus, find_actors
from khabar.actors.organizations import HEADS


def _rows(text: str) -> pd.DataFrame:
    return find_actors(Corpus.from_texts([text]))


def _named(text: str) -> dict[str, str]:
    """Surface (clitics off where the row's name starts later) -> kind."""
    rows = _rows(text)
    return dict(zip(rows["surface"], rows["kind"], strict=True))


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("افتتحت جامعة جازان مبنى جديدا.", "جامعة جازان"),  # a listed place
        ("وقع الاتفاق رئيس غرفة الرياض أمس.", "غرفة الرياض"),
        ("انتخب مجلس النواب اللبناني رئيسا له.", "مجلس النواب اللبناني"),  # nationality
        ("أصدر الحزب الشيوعي الصيني بيانا.", "الحزب الشيوعي الصيني"),
        ("رفع البنك المركزي الأوروبي سعر الفائدة.", "البنك المركزي الأوروبي"),  # regional
        ("أعلنت الهيئة العامة للطيران المدني موعد الرحلات.", "الهيئة العامة للطيران المدني"),
        ("فاز حزب «النهضة» بالمقعد.", "حزب «النهضة"),  # quoted
        ("استحوذت شركة Microsoft على الموقع.", "شركة Microsoft"),  # Latin
        ("نقل المصاب إلى مستشفى زمردة للعلاج.", "مستشفى زمردة"),  # a rare word
        ("أعلنت وزارة العمل قرارا جديدا.", "وزارة العمل"),  # a ministry's portfolio
        ("أحيل إلى هيئة الرقابة والتحقيق العامة أمس.", "هيئة الرقابة والتحقيق العامة"),
        ("افتتح بنك الوفرة فرعا جديدا.", "بنك الوفرة"),
    ],
)
def test_an_institution_word_with_a_proper_part_names_an_organization(text, surface):
    rows = _rows(text)
    row = rows[rows["surface"].str.endswith(surface)]
    assert len(row) == 1
    assert row["kind"].iloc[0] == "organization"
    assert row["actor_id"].iloc[0].startswith("org:")
    assert row["form"].iloc[0] == "pattern"


def test_the_place_inside_an_organization_is_not_a_second_mention():
    kinds = _named("افتتحت جامعة جازان مبنى جديدا.")
    assert "جازان" not in kinds


def test_one_organization_gets_one_id_however_it_is_written():
    rows = _rows("زرت مستشفى زمردة، ثم عاد إلى مستشفى زمرده وقال إن لمستشفى زمردة طاقما.")
    assert rows["actor_id"].nunique() == 1
    assert len(rows) == 3


@pytest.mark.parametrize(
    "text",
    [
        "أعلنت الجامعة أن الدراسة تبدأ غدا.",
        "قال النادي إن المدرب باق.",
        "شكلت الوزارة لجنة تحقيق في الحادث.",
        "اجتمع مجلس الإدارة أمس.",
        "رفعت الشركة أسعارها.",
        "أعلنت اللجنة العامة النتائج.",
    ],
)
def test_a_generic_reference_is_no_name(text):
    assert _rows(text).empty


def test_a_listed_body_keeps_its_own_id():
    ids = _rows("أعلنت حركة حماس موقفها.")["actor_id"].tolist()
    assert ids and not any(i.startswith("org:") for i in ids)


def test_a_place_head_names_a_place():
    rows = _rows("هبطت الطائرة في مطار عدن الدولي صباحا.")
    assert rows["surface"].tolist() == ["مطار عدن الدولي"]
    assert rows["kind"].tolist() == ["place"]


@settings(max_examples=25, deadline=None)
@given(head=st.sampled_from(HEADS), definite=st.booleans())
def test_a_head_word_alone_is_never_an_actor(head, definite):
    word = ("ال" + head) if definite else head
    assert _rows(f"وقال مسؤول في {word} إن العمل مستمر.").empty


def test_his_grandfather_is_not_jeddah():
    text = "زار جده في القرية ثم سافر إلى جدة."
    rows = _rows(text)
    assert rows["surface"].tolist() == ["جدة"]


def test_jeddah_written_with_ha_is_still_jeddah():
    assert _rows("وصل الوفد إلى الدوحه ثم مكه.")["kind"].tolist() == ["place", "place"]


def test_in_favour_of_is_not_saleh():
    text = "قال علي عبدالله صالح إن الحوار ممكن. وصوت البرلمان لصالح القرار."
    surfaces = _rows(text)["surface"].tolist()
    assert not any("لصالح" in s for s in surfaces)
    assert "علي عبدالله صالح" in surfaces


def test_saleh_alone_after_his_full_name_still_counts():
    text = "قال علي عبدالله صالح إن الحوار ممكن. وأكد صالح أنه سيعود."
    ids = _rows(text)["actor_id"].tolist()
    assert len(ids) == 2 and len(set(ids)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "قال المدير العام للنادي الإيطالي إن اللاعب باق.",  # the Italian club: a description
        "شكل الوزير لجنة وزارية للتحقيق.",  # a nisba, not a name
        "سيطرت القوات على مركز محافظة لحج.",  # a governorate's seat
    ],
)
def test_descriptions_are_not_organizations(text):
    assert not _rows(text)["actor_id"].str.startswith("org:").any()


def test_a_relative_pronoun_ends_the_name():
    rows = _rows("دعمت الهيئة العامة للسياحة والآثار التي تابعت المشروع.")
    assert rows["surface"].tolist() == ["الهيئة العامة للسياحة والآثار"]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("التقى رئيس المجلس الأعلى للقضاء الشيخ صالح أمس.", "المجلس الأعلى للقضاء"),
        ("تستعد شركة «نوفا» للكشف عن هاتف جديد.", "شركة «نوفا"),
        ("ينظم الاتحاد المصري لكرة القدم البطولة.", "الاتحاد المصري لكرة القدم"),
    ],
)
def test_a_name_ends_where_its_field_ends(text, surface):
    rows = _rows(text)
    assert surface in rows["surface"].tolist()


def test_a_counted_noun_is_no_name():
    assert _rows("حققت 21 شركة فائضًا في عملياتها.").empty


def test_a_ministry_ends_with_its_portfolio():
    rows = _rows("عين وكيلا لوزارة الزراعة لشؤون الأبحاث والتنمية.")
    assert rows["surface"].tolist() == ["لوزارة الزراعة"]
