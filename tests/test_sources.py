"""Source attribution: expectations read off the five default articles, traps, cue kinds."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import khabar
from khabar.sources import (
    COLUMNS,
    MEDIA_TYPES,
    cue_counts,
    find_sources,
    source_actor_pairs,
    source_counts,
    sources_batch,
    sources_per_doc,
)
from khabar.tokens import sentences


@pytest.fixture(scope="module")
def table(corpus: khabar.Corpus) -> pd.DataFrame:
    return find_sources(corpus)


def run(*texts: str, **options) -> pd.DataFrame:
    return find_sources(khabar.Corpus.from_texts(list(texts)), **options)


def rows(table: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    return table[table["doc_id"] == doc_id]


# --- The default corpus: which outlets and officials each article cites (read by hand) ---

OUTLETS = {
    # RIA (وكالة الإعلام الروسية), Reuters, CNN (and الشبكة الأميركية), KCNA, TASS, Yonhap,
    # and "وفقا لما ذكرته وكالات الإعلام الرسمية الروسية".
    0: {"ria_novosti", "reuters", "cnn", "kcna", "tass", "yonhap", "russian_agencies"},
    1: {"kcna", "ap", "nk_news"},
    2: {"kcna", "russian_agencies"},
    3: {"tass", "nyt", "afp"},
    4: {"kcna", "afp"},
}


@pytest.mark.parametrize("n", sorted(OUTLETS))
def test_every_cited_outlet_and_no_other(table, doc_ids, n):
    found = rows(table, doc_ids[n])
    assert set(found.loc[found["source_type"].isin(MEDIA_TYPES), "source_id"]) == OUTLETS[n]


@pytest.mark.parametrize(
    ("n", "source_id", "surface"),
    [
        (0, "kremlin", "الكرملين"),  # وقال المتحدث باسم الكرملين ديمتري بيسكوف
        (2, "kremlin", "الكرملين"),  # أعلن الكرملين / بحسب الكرملين
        (3, "kremlin", "الرئاسة الروسية"),  # وقال الناطق باسم الرئاسة الروسية
        (4, "kremlin", "الكرملين"),  # المتحدث باسم الكرملين ديمتري بيسكوف أكد
        (0, "white_house", "البيت الأبيض"),  # والاثنين، حث البيت الأبيض
        (3, "white_house", "البيت الأبيض"),  # وكان البيت الأبيض أعلن
        (4, "white_house", "البيت الأبيض"),  # وقال البيت الأبيض
        (0, "us_nsc", "مجلس الأمن القومي"),  # قالت المتحدثة باسم مجلس الأمن القومي
        (3, "us_nsc", "مجلس الأمن القومي الأميركي"),
        (0, "kr_mod", "وزارة الدفاع الكورية الجنوبية"),
        (3, "kr_unification", "وزارة الوحدة الكورية الجنوبية"),
    ],
)
def test_officials_found_where_quoted(table, doc_ids, n, source_id, surface):
    found = rows(table, doc_ids[n])
    assert surface in set(found.loc[found["source_id"] == source_id, "surface"])


def test_kremlin_and_white_house_absent_where_not_quoted(table, doc_ids):
    assert not {"kremlin", "white_house"} & set(rows(table, doc_ids[1])["source_id"])
    assert "white_house" not in set(rows(table, doc_ids[2])["source_id"])


def test_columns_offsets_and_sentences(corpus, table):
    assert tuple(table.columns) == COLUMNS
    texts = dict(zip(corpus.docs["doc_id"], corpus.docs["text"], strict=True))
    for row in table.itertuples():
        text = texts[row.doc_id]
        assert text[row.start : row.end] == row.surface
        span = sentences(text)[row.sentence_id]
        assert span.start <= row.start < span.end


def test_told_to(table, doc_ids):
    told = table[table["role"] == "told_to"]
    assert set(rows(told, doc_ids[1])["source_id"]) == {"ap"}  # وقال لانكوف لوكالة أسوشيتد برس
    assert list(rows(told, doc_ids[4])["source_id"]) == ["afp", "afp"]
    cnn = rows(told, doc_ids[0])
    assert list(cnn["cue"]) == ["في حديثه لـ"] and list(cnn["surface"]) == ["شبكة CNN"]


def test_back_references_resolved(table, doc_ids):
    resolved = table[table["resolved"] & (table["source_type"] != "person")]
    got = {
        (d[:3], s, src)
        for d, s, src in resolved[["doc_id", "surface", "source_id"]].itertuples(index=False)
    }
    assert got == {
        ("000", "الشبكة الأميركية", "cnn"),
        ("003", "للصحيفة", "nyt"),  # وقال مسؤولون أميركيون أيضا للصحيفة (NYT named just before)
        ("003", "المصدر نفسه", "us_treasury"),  # بحسب وزارة الخزانة ... وبحسب المصدر نفسه
        ("004", "الوكالة", "kcna"),
    }
    # "وأكدت الوكالة الأميركية" in 000: no US agency is named there, so it resolves to no one.
    assert "الوكالة الأميركية" not in set(rows(table, doc_ids[0])["surface"])


def test_cues_and_claims_as_written(table, doc_ids):
    tass = rows(table, doc_ids[0]).query("source_id == 'tass'").iloc[0]
    assert tass["cue"] == "بحسب ما نقلته" and tass["role"] == "quoted_from"
    assert tass["claim"] == "في هذه المرحلة، لا نتحدث في الشرق الأقصى"
    kcna = rows(table, doc_ids[4]).iloc[0]
    assert (kcna["source_id"], kcna["cue"]) == ("kcna", "حسبما أعلنت")
    nyt = rows(table, doc_ids[3]).query("source_id == 'nyt' and not resolved").iloc[0]
    assert nyt["cue"] == "أوردت" and nyt["claim"].startswith("بوتين يريد الحصول على قذائف")
    reuters = rows(table, doc_ids[0]).query("source_id == 'reuters'").iloc[0]
    assert reuters["claim"].startswith("الزعيم الكوري الشمالي غادر قطاره")


def test_unnamed_sources(table, doc_ids):
    first = rows(table, doc_ids[0])
    assert {"unnamed_state_media", "unnamed_informed_source", "unnamed_local_sources"} <= set(
        first["source_id"]
    )
    assert (first["source_type"] == "unnamed").sum() >= 4
    assert "unnamed_us_officials" in set(rows(table, doc_ids[3])["source_id"])


# --- Traps ---


def test_yonhap_is_not_kcna(table, doc_ids):
    found = run("وفقًا لوكالة الأنباء الكورية الجنوبية يونهاب، يتحرك القطار شمالا.")
    assert list(found["source_id"]) == ["yonhap"]
    assert found["surface"].iloc[0] == "وكالة الأنباء الكورية الجنوبية يونهاب"
    first = rows(table, doc_ids[0])
    assert set(first.loc[first["surface"].str.contains("يونهاب"), "source_id"]) == {"yonhap"}


def test_iaea_is_not_a_news_agency():
    found = run(
        "ذكرت وكالة رويترز أن المفاعل توقف. وقالت الوكالة الدولية للطاقة الذرية إن المفتشين وصلوا. "
        "وأضافت الوكالة أن التفتيش سيستمر."
    )
    assert list(found["source_id"]) == ["reuters", "iaea"]
    assert found["source_type"].tolist() == ["agency", "international_org"]


def test_the_inn_inside_cnn_is_kept():
    found = run("قال مسؤول أميركي لشبكة سي إن إن إن الصفقة قريبة.")
    cnn = found[found["source_id"] == "cnn"].iloc[0]
    assert (cnn["surface"], cnn["role"], cnn["claim"]) == (
        "شبكة سي إن إن",
        "told_to",
        "الصفقة قريبة",
    )
    assert found[found["source_id"] == "unnamed_us_officials"]["claim"].tolist() == ["الصفقة قريبة"]


def test_bare_wakala_names_no_one():
    assert run("وذكرت وكالة أن القطار عبر الحدود.", "ذكرت وكالة محلية أن القمة انتهت.").empty


def test_korean_peninsula_is_not_al_jazeera():
    found = run("وقال قائد القوات الأميركية في شبه الجزيرة الكورية إن التوتر يتصاعد.")
    assert "al_jazeera" not in set(found["source_id"])
    assert list(run("وقالت قناة الجزيرة إن التوتر يتصاعد.")["source_id"]) == ["al_jazeera"]


def test_bare_mention_is_no_attribution():
    assert run("فرضت الأمم المتحدة عقوبات على كوريا الشمالية بسبب برنامجها النووي.").empty
    found = run("وأضافت السفيرة الأميركية لدى الأمم المتحدة أن هذه الأسلحة ستستخدم ضد أوكرانيا.")
    assert "un" not in set(found["source_id"])


def test_objects_of_a_verb_are_not_speakers():
    assert run("وترفض واشنطن نشر مراقبين في المنطقة.").empty  # نشر here is "deploying"
    found = run("وتابع كيري في حضور وزير الخارجية القطري أن الأمن أولوية.")
    assert "qa_mfa" not in set(found["source_id"])
    found = run(
        "وقالت الوزارة إن الوزير أعرب خلال محادثات مع نائب وزير الخارجية الكوري الجنوبي عن قلقه."
    )
    assert "kr_mofa" not in set(found["source_id"])


def test_denied_report_is_no_attribution():
    assert run("ولم تذكر وكالة الأنباء المركزية الكورية مكان القطار.").empty


def test_short_name_of_another_country_is_vetoed():
    assert "us_nsc" not in set(run("وقال مجلس الأمن القومي التركي إن الوضع مستقر.")["source_id"])


# --- One small example per cue kind and role ---


CUE_KINDS = [
    # (text, source_id, cue, role, claim)
    ("ذكرت وكالة رويترز أن الاجتماع انتهى.", "reuters", "ذكرت", "reported_by", "الاجتماع انتهى"),
    ("البيت الأبيض أعلن أن اللقاء انتهى.", "white_house", "أعلن", "reported_by", "اللقاء انتهى"),
    ("وقال البيت الأبيض: «اللقاء انتهى».", "white_house", "قال", "reported_by", "اللقاء انتهى"),
    ("صور نشرتها وكالة الأنباء المركزية الكورية.", "kcna", "نشرتها", "reported_by", ""),
    ("بحسب وكالة تاس، وصل القطار.", "tass", "بحسب", "quoted_from", "وصل القطار"),
    ("وصل القطار، وفقًا لوكالة فرانس برس.", "afp", "وفقًا لـ", "quoted_from", "وصل القطار"),
    ("وصل القطار وفقا لـ “سي إن إن”.", "cnn", "وفقا لـ", "quoted_from", "وصل القطار"),
    ("غادر كيم، حسبما أعلنت وكالة يونهاب.", "yonhap", "حسبما أعلنت", "quoted_from", "غادر كيم"),
    (
        "ووصل الوفد، نقلا عن مصدر مطلع.",
        "unnamed_informed_source",
        "نقلا عن",
        "quoted_from",
        "ووصل الوفد",
    ),
    ("وقال المسؤول لوكالة أسوشيتد برس إن الحوار مستمر.", "ap", "قال", "told_to", "الحوار مستمر"),
    (
        "وفي حديثه لشبكة CNN، قال الخبير إن القمة مهمة.",
        "cnn",
        "في حديثه لـ",
        "told_to",
        "القمة مهمة",
    ),
    ("وأوضح لـ “واس” مدير المشروع أن العمل مستمر.", "spa", "أوضح", "told_to", "العمل مستمر"),
    (
        "انتهت القمة، وفقا لتقرير صحيفة الغارديان.",
        "guardian",
        "وفقا لتقرير",
        "quoted_from",
        "انتهت القمة",
    ),
]


@pytest.mark.parametrize(("text", "source_id", "cue", "role", "claim"), CUE_KINDS)
def test_cue_kinds(text, source_id, cue, role, claim):
    found = run(text)
    found = found[~found["source_type"].isin(["person", "official"])]  # speakers: own tests
    assert len(found) == 1
    row = found.iloc[0]
    assert (row["source_id"], row["cue"], row["role"], row["claim"]) == (
        source_id,
        cue,
        role,
        claim,
    )
    assert not row["resolved"]


def test_speaker_and_listener_in_one_sentence():
    found = run("وأبلغ مسؤول أميركي رويترز أن الصفقة تمت.")
    assert found[["source_id", "role"]].values.tolist() == [
        ["unnamed_us_officials", "reported_by"],
        ["reuters", "told_to"],
    ]
    quoted = run("ونقلت وكالة رويترز عن مسؤولين أميركيين قولهم إن الصفقة تمت.")
    assert quoted[["source_id", "role", "cue"]].values.tolist() == [
        ["reuters", "reported_by", "نقلت"],
        ["unnamed_us_officials", "quoted_from", "نقلت عن"],
    ]


def test_official_title_before_a_body():
    found = run("وقال مسؤول في وزارة الوحدة الكورية الجنوبية لوكالة فرانس برس إن المحادثات تتقدم.")
    assert found[["source_id", "role"]].values.tolist() == [
        ["kr_unification", "reported_by"],
        ["afp", "told_to"],
    ]


def test_ambiguous_back_reference_is_dropped():
    two = run(
        "ذكرت وكالة رويترز أن القمة بدأت. وقالت وكالة فرانس برس إن القمة بدأت. "
        "وأضافت الوكالة أن الوفد وصل."
    )
    assert not two["resolved"].any()
    one = run("ذكرت وكالة رويترز أن القمة بدأت. وأضافت الوكالة أن الوفد وصل.")
    assert one.loc[one["resolved"], "source_id"].tolist() == ["reuters"]


def test_extra_sources_file(tmp_path: Path):
    extra = tmp_path / "sources.yaml"
    extra.write_text(
        "sources:\n"
        "  - id: khabar_daily\n    en: Khabar Daily\n    ar: خبر اليوم\n    type: newspaper\n"
        "    variants: [صحيفة خبر اليوم]\n",
        encoding="utf-8",
    )
    text = "وذكرت صحيفة خبر اليوم أن القمة انتهت. وذكرت وكالة رويترز أن القمة انتهت."
    assert run(text, extra=extra)["source_id"].tolist() == ["khabar_daily", "reuters"]
    without = run(text)  # without the file the paper is still found, as an unlisted newspaper
    assert without["source_id"].tolist()[1:] == ["reuters"]
    assert without["source_id"][0].startswith("unlisted:خبر")
    assert without["source_type"][0] == "newspaper"


# --- Summaries ---


def test_source_counts(corpus, table):
    counts = source_counts(corpus)
    assert list(counts.columns) == [
        "source_id",
        "source_en",
        "source_ar",
        "source_type",
        "count",
        "doc_count",
    ]
    assert counts["count"].sum() == len(table)
    assert counts["count"].is_monotonic_decreasing
    kcna = counts.set_index("source_id").loc["kcna"]
    assert kcna["count"] == (table["source_id"] == "kcna").sum()
    assert kcna["doc_count"] == 4  # every article but 003


def test_sources_per_doc(table, doc_ids):
    wide = sources_per_doc(table)
    assert list(wide.index) == doc_ids
    assert wide.sum().sum() == len(table)
    assert (
        wide.loc[doc_ids[3], "government"]
        == (rows(table, doc_ids[3])["source_type"] == "government").sum()
    )


def test_cue_counts(table):
    counts = cue_counts(table)
    assert counts["count"].sum() == len(table)
    said = counts[(counts["cue"] == "قال") & (counts["role"] == "reported_by")]["count"].item()
    assert (
        said == table["cue"].isin(["قال", "قالت", "يقول"]).mul(table["role"] == "reported_by").sum()
    )
    assert "بحسب" in set(counts["cue"])


def test_empty_corpus_has_the_columns():
    found = run("لا شيء هنا.")
    assert found.empty and tuple(found.columns) == COLUMNS
    assert source_counts(khabar.Corpus.from_texts(["لا شيء"])).empty


_WORDS = [
    "قال", "وقالت", "ذكرت", "بحسب", "وفقًا", "لـ", "لوكالة", "وكالة", "رويترز", "الوكالة",
    "الأميركية",
    "الكرملين", "سي", "إن", "أن", "نقلا", "عن", "مصدر", "مطلع", "البيت", "الأبيض", "شبه", "الجزيرة",
    "في", "حديثه", "المصدر", "نفسه", "المتحدث", "باسم", "ما", "نقلته", ":", "«", "»", "“", "”", '"',
    "،", ".", "\n", "لم", "أبلغ", "للصحيفة", "الصحيفة",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join)))
def test_any_text_gives_rows_inside_the_text(text):
    found = sources_batch(pd.DataFrame({"doc_id": ["x"], "text": [text]}))
    assert tuple(found.columns) == COLUMNS
    for row in found.itertuples():
        assert 0 <= row.start < row.end <= len(text)
        assert text[row.start : row.end] == row.surface


def test_source_actor_pairs_count_sentences_and_skip_the_source_itself():
    corpus = khabar.Corpus.from_texts(
        ["وقال الكرملين إن بوتين سيلتقي كيم جونغ أون. وذكرت رويترز أن بوتين وصل."]
    )
    pairs = source_actor_pairs(find_sources(corpus), khabar.find_actors(corpus))
    found = {(r.source_id, r.actor_id): r.sentences for r in pairs.itertuples()}
    assert found[("kremlin", "putin")] == 1
    assert found[("reuters", "putin")] == 1
    assert ("kremlin", "kremlin") not in found
