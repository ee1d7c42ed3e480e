"""Actor mentions: counts a reader of Arabic would make, the coreference traps, discovery."""

from __future__ import annotations

from importlib import resources

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import khabar
from khabar import Corpus
from khabar.actors import (
    actor_counts,
    actors_batch,
    co_mention_matrix,
    co_mentions,
    count_co_mentions,
    find_actors,
    find_descriptors,
    mentions_per_doc,
)
from khabar.cli import main

# Counted by hand, reading each article from its first line (the headline lines included), with
# every clitic form (وبوتين، لبوتين، لكيم، وكيم) and every spelling (كيم يونج أون in 000,
# كيم جونغ-أون and كيم جونغ اون in 003). A bare كيم counts as Kim Jong Un because every article
# names him in full before its first bare كيم; كيم جونغ إيل (his father), كيم إيل سونغ (his
# grandfather, 000) and كيم جونغ داي (a researcher, twice in 002) are other people, and a
# descriptor (زعيم كوريا الشمالية، الرئيس الروسي) is not a name. Checked against plain substring
# counts: بوتين occurs 10/16/9/6/6 times, كيم 20/14/10/8/11, minus the other Kims.
PER_ARTICLE = {
    "putin": [10, 16, 9, 6, 6],  # 000: 2 full, 8 bare incl. 5 × وبوتين; 001: 1 لبوتين
    "kim_jong_un": [18, 13, 7, 8, 10],  # full + bare: 000 2+16, 001 4+9, 002 4+3, 003 5+3, 004 7+3
    "kim_jong_il": [1, 1, 1, 0, 1],
}


def _mentions(text: str, actor_id: str) -> list[str]:
    table = find_actors(Corpus.from_texts([text]))
    return table.loc[table["actor_id"] == actor_id, "surface"].tolist()


@pytest.fixture(scope="module")
def mentions(corpus: Corpus) -> pd.DataFrame:
    return find_actors(corpus)


@pytest.mark.parametrize("actor_id", sorted(PER_ARTICLE))
def test_per_article_counts_match_a_careful_reading(mentions, doc_ids, actor_id):
    per_doc = mentions[mentions["actor_id"] == actor_id].groupby("doc_id").size()
    assert [int(per_doc.get(d, 0)) for d in doc_ids] == PER_ARTICLE[actor_id]


def test_rows_point_at_the_text(corpus, mentions):
    texts = dict(zip(corpus.docs["doc_id"], corpus.docs["text"], strict=True))
    for row in mentions.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.surface
    assert mentions["form"].isin(["name", "short", "pattern"]).all()


def test_bare_kim_after_the_full_name_is_kim_jong_un():
    text = "وصل كيم جونغ أون إلى روسيا. وقال كيم إن الزيارة مهمة، ثم التقى بوتين لكيم."
    table = find_actors(Corpus.from_texts([text]))
    kim = table[table["actor_id"] == "kim_jong_un"]
    assert kim["surface"].tolist() == ["كيم جونغ أون", "كيم", "لكيم"]
    assert kim["form"].tolist() == ["name", "short", "short"]


def test_bare_kim_before_any_full_name_is_not_counted():
    text = "قال كيم إن الاتفاق قريب. ثم وصل كيم جونغ أون إلى موسكو."
    assert _mentions(text, "kim_jong_un") == ["كيم جونغ أون"]


def test_other_kims_are_not_kim_jong_un():
    text = "حكم كيم إيل سونغ ثم كيم جونغ إيل. وقال الباحث كيم جونغ داي إن كيم لن يتغير."
    table = find_actors(Corpus.from_texts([text]))
    assert table["actor_id"].tolist() == ["kim_il_sung", "kim_jong_il", "kim_jong_dae"]


def test_default_corpus_keeps_the_researcher_apart(mentions, doc_ids):
    dae = mentions[mentions["actor_id"] == "kim_jong_dae"]
    assert dae["doc_id"].tolist() == [doc_ids[2]] * 2


def test_kim_followed_by_an_unlisted_given_name_is_someone_else():
    text = "التقى كيم جونغ أون بوتين. وحضر كيم جونغ هو الاجتماع."
    assert _mentions(text, "kim_jong_un") == ["كيم جونغ أون"]


def test_all_spellings_are_merged():
    text = "كيم جونغ أون وكيم جونغ اون وكيم جونغ-أون وكيم يونج أون. ديمتري بيسكوف ودميتري بيسكوف."
    table = find_actors(Corpus.from_texts([text]))
    assert table["actor_id"].tolist() == ["kim_jong_un"] * 4 + ["peskov"] * 2
    assert set(table["actor_ar"]) == {"كيم جونغ أون", "ديمتري بيسكوف"}


def test_clitic_forms_count_and_keep_their_spelling():
    text = "قال لبوتين وبوتين فبوتين بالكرملين إن الوزير وصل."
    table = find_actors(Corpus.from_texts([text]))
    assert table[["actor_id", "surface"]].values.tolist() == [
        ["putin", "لبوتين"],
        ["putin", "وبوتين"],
        ["putin", "فبوتين"],
        ["kremlin", "بالكرملين"],
    ]


def test_default_corpus_counts_clitic_forms_of_putin(mentions):
    surfaces = set(mentions.loc[mentions["actor_id"] == "putin", "surface"])
    assert {"وبوتين", "لبوتين"} <= surfaces


def test_short_forms_that_are_words_need_a_full_mention():
    # سلام is Nawaf Salam's short form, and also "peace"
    assert _mentions("وقال سلام إن عملية السلام متوقفة.", "nawaf_salam") == []
    text = "التقى نواف سلام الوزير. وقال سلام إن عملية السلام متوقفة."
    assert _mentions(text, "nawaf_salam") == ["نواف سلام", "سلام"]


def test_a_given_name_before_a_short_form_makes_it_someone_else():
    text = "قال بشار الأسد إن الأسد باق، وحضر ماهر الأسد."
    assert _mentions(text, "bashar_al_assad") == ["بشار الأسد", "الأسد"]


def test_descriptor_is_a_reference_not_a_mention(corpus, mentions, doc_ids):
    assert not mentions["surface"].str.contains("زعيم|الرئيس").any()
    refs = find_descriptors(corpus)
    first = refs[refs["doc_id"] == doc_ids[0]]
    assert (first["surface"] == "زعيم كوريا الشمالية").sum() == 5
    assert set(first["actor_id"]) == {"kim_jong_un"}


def test_descriptor_next_to_the_name_is_one_mention():
    text = "قال الرئيس الروسي فلاديمير بوتين إن الرئيس الروسي لن يتراجع."
    refs = find_descriptors(Corpus.from_texts([text]))
    assert refs["surface"].tolist() == ["الرئيس الروسي"]
    assert refs["start"].tolist() == [text.rindex("الرئيس الروسي")]


def test_descriptor_inside_a_longer_title_is_someone_else():
    text = (
        "التقى بوتين نائب رئيس الوزراء الصيني ورئيس مجلس الدولة الصيني لي تشيانغ، "
        "وانتقد الرئيس الروسي السابق سياسته."
    )
    refs = find_descriptors(Corpus.from_texts([text]))
    assert refs.empty


def test_descriptor_needs_its_actor_named_in_the_article():
    # roles change hands: the Ukrainian president of a 2015 article is not Zelensky
    assert find_descriptors(Corpus.from_texts(["وقال الرئيس الأوكراني إن الهدنة صامدة."])).empty


def test_us_national_security_council_is_not_the_un_security_council(mentions, doc_ids):
    third = mentions[mentions["doc_id"] == doc_ids[3]]
    assert (third["actor_id"] == "us_nsc").sum() == 2  # مجلس الأمن القومي (الأميركي)
    assert (third["actor_id"] == "unsc").sum() == 2  # مجلس الامن، مجلس الأمن الدولي
    text = "اجتمع مجلس الأمن القومي التركي بعد جلسة مجلس الأمن."
    ids = find_actors(Corpus.from_texts([text]))["actor_id"].tolist()
    assert ids == ["org:مجلس الامن القومي التركي", "unsc"]  # read by shape, not us_nsc


def test_adjective_is_not_a_country_short_form():
    # سورية (Syria, written like the adjective "Syrian") counts after سوريا, السورية never
    text = "زار الوزير سوريا. وقالت المعارضة السورية إن سورية تغيرت."
    assert _mentions(text, "syria") == ["سوريا", "سورية"]


def test_co_mentions_count_pairs_symmetrically():
    corpus = Corpus.from_texts(
        ["التقى بوتين كيم جونغ أون في موسكو. وقال بوتين إن كيم صديق.", "زار بوتين بكين."]
    )
    pairs = co_mentions(corpus, kinds=["person", "place"])
    counts = {(a, b): n for a, b, n in pairs[["actor_a", "actor_b", "count"]].values}
    assert counts == {
        ("kim_jong_un", "putin"): 2,
        ("kim_jong_un", "moscow"): 1,
        ("moscow", "putin"): 1,
        ("beijing", "putin"): 1,
    }
    matrix = co_mention_matrix(pairs)
    assert matrix.equals(matrix.T)
    assert matrix.loc["فلاديمير بوتين", "كيم جونغ أون"] == 2
    assert matrix.loc["بكين", "كيم جونغ أون"] == 0
    by_doc = count_co_mentions(find_actors(corpus), level="doc", kinds=["person"])
    assert by_doc[["actor_a", "actor_b", "count"]].values.tolist() == [["kim_jong_un", "putin", 1]]


def test_mentions_per_doc_is_a_doc_by_actor_table(mentions, doc_ids):
    table = mentions_per_doc(mentions, top=3)
    assert list(table.index) == doc_ids
    assert list(table.columns) == ["كوريا الشمالية", "روسيا", "كيم جونغ أون"]
    assert table["كيم جونغ أون"].tolist() == PER_ARTICLE["kim_jong_un"]


def test_actor_counts_and_cli(corpus, capsys):
    counts = actor_counts(corpus)
    people = counts[counts["kind"] == "person"]
    assert people["actor_id"].tolist()[:3] == ["kim_jong_un", "putin", "peskov"]
    assert people["mentions"].tolist()[:3] == [56, 47, 8]
    assert counts["mentions"].is_monotonic_decreasing
    assert main(["actors", "--corpus", "corpus", "--top", "4"]) == 0
    out = capsys.readouterr().out
    assert "Kim Jong Un" in out and "56" in out


def test_discovery_finds_an_unlisted_person_with_a_cue():
    text = "وقال الباحث سامي النجار إن المحادثات ستستمر. وأضاف النجار أن الوضع معقد."
    table = find_actors(Corpus.from_texts([text]), discover=True)
    assert table[["actor_id", "actor_ar", "surface", "form"]].values.tolist() == [
        ["unlisted:سامي النجار", "سامي النجار", "سامي النجار", "discovered"],
        ["unlisted:سامي النجار", "سامي النجار", "النجار", "discovered"],
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("وأكد وزير الخارجية السعودي فهد الراشد أن المملكة ستواصل دعمها.", "فهد الراشد"),
        ("وقال يوهان شميدت، الخبير في معهد برلين، إن العقوبات لن تنجح.", "يوهان شميدت"),
        ("وقال الدكتور محمد بن عبدالله السالم إن الطلاب متفوقون.", "محمد بن عبدالله السالم"),
    ],
)
def test_discovery_reads_titles_appositions_and_name_links(text, name):
    table = find_actors(Corpus.from_texts([text]), discover=True)
    assert table.loc[table["form"] == "discovered", "actor_ar"].tolist() == [name]


def test_discovery_does_not_list_common_nouns_or_listed_people(corpus):
    texts = [
        "وقال مسؤول أميركي إن الزيارة مهمة، وقالت مصادر مطلعة إن الاتفاق قريب.",
        "وقال الرئيس الروسي إنه سعيد، وأكد المتحدث باسم الوزارة أن الاجتماع انتهى.",
        "وأضاف رئيس مجلس إدارة الشركة أن الأرباح ارتفعت مرارا وتكرارا هذا العام.",
        "وقال الرئيس الروسي فلاديمير بوتين إن الزعيم الكوري الشمالي غادر قطاره.",
        "قال مؤسس شركة «كونكت آدز» إن الإعلانات زادت.",
    ]
    found = find_actors(Corpus.from_texts(texts), discover=True)
    assert not (found["form"] == "discovered").any(), found
    # every person in the default corpus is in the dictionary: nothing to discover
    assert not (find_actors(corpus, discover=True)["form"] == "discovered").any()


def test_extra_dictionary_extends_the_packaged_one(tmp_path):
    extra = tmp_path / "actors.yaml"
    extra.write_text(
        "actors:\n  - {id: najjar, en: Sami al-Najjar, ar: سامي النجار, kind: person,"
        " variants: [سامي النجار], short: [النجار]}\n",
        encoding="utf-8",
    )
    text = "وقال سامي النجار إن بوتين محق. وأضاف النجار أن الوضع معقد."
    table = find_actors(Corpus.from_texts([text]), extra=extra)
    assert table["actor_id"].tolist() == ["najjar", "putin", "najjar"]


def test_affiliations_are_ids_of_sources_yaml_and_of_actors_yaml():
    def ids_and_affiliations(name: str) -> tuple[set[str], set[str]]:
        text = resources.files("khabar.data").joinpath(name).read_text(encoding="utf-8")
        key = "actors" if name == "actors.yaml" else "sources"
        entries = yaml.safe_load(text)[key]
        return {e["id"] for e in entries}, {e["affiliation"] for e in entries if "affiliation" in e}

    actor_ids, affiliations = ids_and_affiliations("actors.yaml")
    source_ids, _ = ids_and_affiliations("sources.yaml")
    assert affiliations
    assert affiliations <= source_ids, affiliations - source_ids
    assert affiliations <= actor_ids, affiliations - actor_ids


_WORDS = [
    "كيم", "جونغ", "أون", "إيل", "سونغ", "بوتين", "لبوتين", "الرئيس", "الروسي", "زعيم",
    "كوريا", "الشمالية", "وقال", "الباحث", "سامي", "النجار", "بن", "عبد", "الله", "،", ".",
    "مجلس", "الأمن", "القومي", "التركي", "«", "-", "نائب", "السابق", "سلام", "ى", "\u064b",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join)))
def test_any_text_gives_rows_that_point_at_it(text):
    batch = pd.DataFrame({"doc_id": ["d"], "text": [text]})
    for discover in (False, True):
        table = actors_batch(batch, discover=discover)
        for row in table.itertuples():
            assert text[row.start : row.end] == row.surface


def test_corpus_folder_dictionary_is_used_without_asking(tmp_path):
    (tmp_path / "a.txt").write_text("قال الوزير سامح النجار إن الاجتماع مفيد", encoding="utf-8")
    khabar.ingest([tmp_path / "a.txt"], tmp_path / "c")
    (tmp_path / "c" / "actors.yaml").write_text(
        "actors:\n  - id: najjar\n    en: Sameh Najjar\n    ar: سامح النجار\n    kind: person\n"
        "    variants: [سامح النجار]\n",
        encoding="utf-8",
    )
    rows = khabar.find_actors(khabar.load_corpus(tmp_path / "c"))
    assert rows["actor_id"].tolist() == ["najjar"]
