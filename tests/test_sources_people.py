"""People as sources: named speakers, officials by title, their titles, categories and gender.

Sentences are made up in the shapes news is full of; each test states what a reader sees.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import khabar
from khabar.sources import speaker_categories, speaker_counts, women_share


def run(*texts: str) -> pd.DataFrame:
    return khabar.find_sources(khabar.Corpus.from_texts(list(texts)))


def people(table: pd.DataFrame) -> pd.DataFrame:
    return table[table["source_type"] == "person"]


@pytest.mark.parametrize(
    ("text", "name", "title", "category", "gender"),
    [
        (
            "وقال وزير الخارجية الأردني أيمن الصفدي إن الاجتماع كان مثمرا.",
            "أيمن الصفدي",
            "وزير الخارجية الأردني",
            "official",
            "male",
        ),
        (
            "وأوضح المتحدث باسم وزارة الصحة محمد العبدالعالي أن الحالات مستقرة.",
            "محمد العبدالعالي",
            "المتحدث باسم وزارة الصحة",
            "official",
            "male",
        ),
        (
            'وقال أستاذ الاقتصاد بجامعة القاهرة أحمد السيد لـ"اليوم" إن الأسعار سترتفع.',
            "أحمد السيد",
            "أستاذ الاقتصاد بجامعة القاهرة",
            "expert",
            "male",
        ),
        (
            "تقول الباحثة سارة الخطيب إن الدراسة لم تكتمل.",
            "سارة الخطيب",
            "الباحثة",
            "expert",
            "female",
        ),
        (
            "وقال العقيد تركي المالكي إن الغارات مستمرة.",
            "تركي المالكي",
            "العقيد",
            "military_security",
            "male",
        ),
        (
            "وقالت الصحفية هدى العلي إن التغطية صعبة.",
            "هدى العلي",
            "الصحفية",
            "journalist",
            "female",
        ),
        (
            "وأوضح المواطن سعيد متروك أن الدخول إلى الموقع ليس صعبا.",
            "سعيد متروك",
            "المواطن",
            "citizen",
            "male",
        ),
    ],
)
def test_named_speaker_with_title_category_and_gender(text, name, title, category, gender):
    row = people(run(text)).iloc[0]
    assert (row["surface"], row["title"], row["category"], row["gender"]) == (
        name,
        title,
        category,
        gender,
    )
    assert row["cue"] and row["claim"]


def test_name_before_its_title_after_a_comma():
    row = people(run("وقال أيوب قاسم، المتحدث باسم البحرية الليبية، إن التدريب محدود.")).iloc[0]
    assert row["surface"] == "أيوب قاسم"
    assert row["title"] == "المتحدث باسم البحرية الليبية"


def test_subject_before_its_verb():
    found = run("المتحدث باسم الكرملين ديمتري بيسكوف أكد أن الزيارة ناجحة.")
    assert set(found["source_id"]) == {"kremlin", "peskov"}  # the body and its spokesman
    assert people(found).iloc[0]["affiliation"] == "kremlin"


def test_listed_person_keeps_the_dictionary_id():
    assert list(people(run("وقال بوتين إن العلاقات قوية."))["source_id"]) == ["putin"]


def test_short_form_resolves_to_the_longest_form_of_the_article():
    found = people(
        run("وقال روجر برايس رئيس شركة ويندلابس إن المشروع متأخر. وأكد برايس أن الشركة متفائلة.")
    )
    assert list(found["surface"]) == ["روجر برايس", "برايس"]
    assert found["source_id"].nunique() == 1
    assert set(found["source_ar"]) == {"روجر برايس"}
    assert set(found["title"]) == {"رئيس شركة ويندلابس"}  # the short form carries the title


@pytest.mark.parametrize(
    "text",
    [
        "وقال محمد إن الأسعار ارتفعت هذا العام.",  # a given name alone
        "وقالت تقارير إن الأسعار ارتفعت هذا العام.",  # an ordinary word as the subject
        "وأكد العلماء أن الظاهرة نادرة.",
    ],
)
def test_one_word_that_names_no_one_in_particular_is_no_named_speaker(text):
    assert people(run(text)).empty


def test_a_given_name_the_article_names_in_full_is_that_person():
    found = people(run("وقال محمد العبدالعالي إن الحالات مستقرة. وأضاف محمد أن الوضع جيد."))
    assert set(found["source_ar"]) == {"محمد العبدالعالي"} and len(found) == 2


def test_pronoun_subject_is_the_last_speaker():
    found = people(run("وقال أيوب قاسم إن التدريب محدود. وأضاف أن الفساد منتشر."))
    assert list(found["surface"]) == ["أيوب قاسم", "وأضاف"]
    assert found["source_id"].nunique() == 1 and list(found["resolved"]) == [False, True]


def test_pronoun_after_another_source_or_of_the_other_gender_is_no_one():
    assert (
        len(
            people(
                run(
                    "وقال أيوب قاسم إن التدريب محدود. وذكرت رويترز أن الفساد منتشر."
                    " وأضاف أن الوضع صعب."
                )
            )
        )
        == 1
    )
    assert len(people(run("وقال أيوب قاسم إن التدريب محدود. وأضافت أن الوضع صعب."))) == 1


def test_official_by_title_only_and_unnamed_stays_unnamed():
    found = run("وقال وزير الخارجية إن الوفد وصل. وقالت مصادر مطلعة إن الاتفاق قريب.")
    assert list(found["source_type"]) == ["official", "unnamed"]
    assert found.iloc[0]["surface"] == "وزير الخارجية"
    assert run("وقال مسؤول في وزارة الوحدة الكورية الجنوبية إن المحادثات تتقدم.")[
        "source_type"
    ].tolist() == ["government"]  # an unnamed official: the body is cited, no official row


def test_title_gender_without_verb_gender():
    found = run("وبحسب الوزيرة فاطمة الزهراء فإن الخطة جاهزة.")
    assert people(found).iloc[0]["gender"] == "female"


def test_speaker_is_the_subject_not_a_name_inside_the_quotation():
    found = run("ويوضح الوزير محمد العلي: «لقد ذكرت وسائل الإعلام المحلية أن الوضع سيئ».")
    assert list(found["source_type"]) == ["person"]
    assert found.iloc[0]["surface"] == "محمد العلي"


@pytest.mark.parametrize(
    "text",
    [
        "وتبلغ مساحة المشروع خمسة آلاف متر.",  # a verb form, not a speaker
        "وذكرت وكالة محلية أن القمة انتهت.",
        "وأكدت روسيا الزيارة في إعلان متزامن.",  # a country
        "وتابع المدرب الروسي حديثه بالقول إن الفريق جاهز.",
        "اتهم أحد المقيمين يدعى إبراهيم علي المستشفى بالإهمال.",  # يدعى: is called
        "يذكر أن عددا من الوزراء سافروا.",  # impersonal
        "وقال محللون في تقرير إن الأسعار سترتفع.",
        "أعلن البلدان أن الزيارة تبدأ الثلاثاء.",
    ],
)
def test_no_person_where_there_is_none(text):
    assert people(run(text)).empty


def test_voices_summaries():
    found = run(
        "وقالت الوزيرة هدى العلي إن الخطة جاهزة. وقال العقيد تركي المالكي إن الغارات مستمرة.",
        "وقال العقيد تركي المالكي إن الحدود آمنة. وقالت مصادر مطلعة إن الاتفاق قريب.",
    )
    counts = speaker_counts(found)
    assert counts.iloc[0]["source_ar"] == "تركي المالكي" and counts.iloc[0]["doc_count"] == 2
    share = women_share(found)
    assert (share.loc[0, "women"], share.loc[0, "men"]) == (1, 2)  # a person once per article
    assert share.loc[0, "share"] == pytest.approx(1 / 3)
    categories = speaker_categories(found).set_index("category")["count"]
    assert categories["military_security"] == 2 and categories["unnamed"] == 1


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="وقال أكدت الوزير محمد العلي إن: «»،. ", max_size=80))
def test_person_rows_point_into_their_text(text):
    for row in run(text).itertuples():
        assert text[row.start : row.end] == row.surface
        assert row.gender in ("female", "male", "unknown", "")


def test_claim_after_an_about_object():
    row = people(run("أعلن رئيس الاتحاد الكويتي الشيخ طلال الفهد عن تأجيل البطولة.")).iloc[0]
    assert (row["surface"], row["claim"]) == ("طلال الفهد", "تأجيل البطولة")
