"""Longest match across dictionaries, institutions, mastheads, ministries, other people's names.

Each wrong merge of a real archive gets a short made-up sentence (not archive text), and each
rule a sentence where it must not fire.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar import Corpus, InputError, engine, find_actors, tokenize
from khabar.actors.document import Doc


def _ids(text: str, *, outlet: str | None = None) -> list[str]:
    metadata = {} if outlet is None else {"outlet": [outlet]}
    return find_actors(Corpus.from_texts([text], **metadata))["actor_id"].tolist()


@pytest.mark.parametrize(
    ("text", "not_this", "but_this"),
    [
        ("ذكرت صحيفة واشنطن بوست أن المحادثات تعثرت.", "washington", None),
        ("ونقلت واشنطن بوست عن مسؤولين أن الوفد وصل.", "washington", None),
        ("وتحفظ مكتبة الكونغرس نسخة من المخطوطة.", "us_congress", None),
        ("درس الاقتصاد في كلية لندن للاقتصاد ثم عاد.", "london", None),
        ("تخرج في جامعة لندن قبل عشرين عاما.", "london", None),
        ("تراجعت مياه بحيرة تشاد إلى النصف.", "chad", None),
        ("وصل الوفد إلى واشنطن أمس.", None, "washington"),
        ("صوت الكونغرس على القانون.", None, "us_congress"),
        ("عاد الوزير من لندن إلى تشاد.", None, "chad"),
    ],
)
def test_a_longer_name_wins_over_the_place_inside_it(text, not_this, but_this):
    ids = _ids(text)
    if not_this:
        assert not_this not in ids
    if but_this:
        assert but_this in ids


def test_a_different_given_name_before_a_surname_is_someone_else():
    text = (
        "التقى جورج دبليو بوش بالوفد. ثم قال بوش إن اللقاء مثمر. "
        "وأعلن جيب بوش ترشحه، وكان بوش الأب رئيسا."
    )
    table = find_actors(Corpus.from_texts([text]))
    bush = table[table["actor_id"] == "george_w_bush"]["surface"].tolist()
    assert bush == ["جورج دبليو بوش", "بوش"]


def test_the_outlets_own_masthead_is_not_an_actor():
    text = "وقال المسؤول لـ«الشرق الأوسط» إن التوتر في الشرق الأوسط يتصاعد."
    assert _ids(text, outlet="aawsat").count("middle_east") == 1
    assert _ids(text, outlet="www.aawsat.com").count("middle_east") == 1
    assert _ids(text, outlet="okaz").count("middle_east") == 2  # another paper's region


@pytest.mark.parametrize(
    ("text", "ministry", "country"),
    [
        ("وأعلنت وزارة الداخلية السعودية القبض على خلية.", "sa_moi", "saudi_arabia"),
        (
            "وأعلنت وزارة الشؤون البلدية والقروية السعودية خطة جديدة.",
            "ministry_municipal_rural_affairs_sa",
            "saudi_arabia",
        ),
        ("وقالت وزارة الصحة المصرية في بيان إن الحالات تراجعت.", "eg_moh", "egypt"),
        ("ونفت لوزارة الخارجية الأردنية ذلك.", "jo_mfa", "jordan"),
    ],
)
def test_ministries_are_one_organization_listed_or_read_by_their_shape(text, ministry, country):
    table = find_actors(Corpus.from_texts([text]))
    row = table[table["actor_id"] == ministry]
    assert len(row) == 1
    assert row["kind"].iloc[0] == "organization"
    assert country not in table["actor_id"].tolist()  # the adjective is part of the name


def test_a_ministry_without_a_country_is_not_guessed():
    assert not any(i.startswith("ministry_") for i in _ids("وقالت وزارة الداخلية إن الطرق آمنة."))


def _people(texts: list[str]) -> pd.DataFrame:
    table = find_actors(Corpus.from_texts(texts), discover=True)
    return table[table["actor_id"].str.startswith("unlisted:")]


def test_discovery_stops_before_a_verb_the_corpus_conjugates():
    people = _people(["وقال الخبير ديفيد اينهورن يتفق مع هذا الرأي.", "اتفق الطرفان على الهدنة."])
    assert people["surface"].tolist() == ["ديفيد اينهورن"]


def test_short_and_long_forms_of_one_person_are_merged():
    first = "وقال الوزير اليمني عبد الكريم منصور الحارثي إن الحرب ستنتهي."
    later = "وأكد منصور الحارثي ذلك."
    people = _people([f"{first} {later}"])
    assert people["actor_id"].nunique() == 1
    assert people["surface"].tolist() == ["عبد الكريم منصور الحارثي", "منصور الحارثي"]
    across = _people([first, later])
    assert across["actor_id"].nunique() == 1


def test_a_son_is_not_merged_into_his_father():
    people = _people(
        [
            "وقال الشيخ فيصل بن ناصر بن حمدان إن الزيارة مهمة.",
            "وأكد الشيخ ناصر بن حمدان ذلك.",
        ]
    )
    assert people["actor_id"].nunique() == 2


def test_a_sentence_alone_finds_its_person():
    people = _people(["أعلن المدرب البرازيلي روبرتو كارلوس رحيله."])
    assert people["surface"].tolist() == ["روبرتو كارلوس"]


ARTICLES = [
    "وقال الباحث سامي النجار إن الاقتصاد يتعافى. وأضاف النجار أن الأسعار ستنخفض.",
    "عمل نجار في الورشة طوال اليوم وصنع طاولة.",
    "وقال وزير الخارجية المصري سامح شكري إن المحادثات جادة.",
    "التقى كيم جونغ أون بالرئيس الروسي فلاديمير بوتين، وقال كيم إن الزيارة تاريخية.",
    "وأوضح المتحدث باسم الوزارة أحمد حافظ أن البيان صدر.",
    "وصرح اللاعب الإسباني أندريس إنييستا بأنه سعيد.",
]


@pytest.mark.parametrize("size", [1, 2, 4, 1000])
def test_discovery_is_the_same_for_any_batch_size(monkeypatch, size):
    whole = find_actors(Corpus.from_texts(ARTICLES), discover=True, progress=False)
    assert "unlisted:سامي النجار" in set(whole["actor_id"])
    monkeypatch.setattr(engine, "DEFAULT_BATCH", size)
    batched = find_actors(Corpus.from_texts(ARTICLES), discover=True, progress=False)
    assert batched.equals(whole)


@settings(max_examples=15, deadline=None)
@given(st.permutations(range(len(ARTICLES))), st.integers(1, len(ARTICLES)))
def test_discovery_rows_of_an_article_do_not_depend_on_batching(order, size):
    corpus = Corpus.from_texts([ARTICLES[i] for i in order], ids=[f"d{i}" for i in order])
    whole = find_actors(corpus, discover=True, progress=False)
    first = engine.DEFAULT_BATCH
    try:
        engine.DEFAULT_BATCH = size
        batched = find_actors(corpus, discover=True, progress=False)
    finally:
        engine.DEFAULT_BATCH = first
    assert batched.equals(whole)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="بوتين سامي، «»\u200f\u064e.-\n", max_size=40))
def test_documents_read_the_words_tokenize_reads(text):
    doc = Doc(text)
    tokens = tokenize(text)
    assert doc.surfaces == [t.text for t in tokens]
    assert [(doc.start(i), doc.end(i)) for i in range(len(doc))] == [
        (t.start, t.end) for t in tokens
    ]


@pytest.fixture(scope="module")
def client():
    distributed_ = pytest.importorskip("distributed")
    cluster = distributed_.LocalCluster(
        n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=40
    )
    with distributed_.Client(cluster) as dask_client:
        yield dask_client
    cluster.close()


def test_discovery_on_dask_equals_local(tmp_path, monkeypatch, client):
    from khabar import distributed, load_corpus

    monkeypatch.setattr(distributed, "PARTITION_BYTES", 2_000)  # many byte ranges
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": f"{ARTICLES[i % len(ARTICLES)]} رقم {i}."}, ensure_ascii=False)
        for i in range(120)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for corpus in (load_corpus(path, lazy=True), load_corpus(path)):
        local = find_actors(corpus, discover=True, progress=False)
        assert "unlisted:سامي النجار" in set(local["actor_id"])
        dask = find_actors(corpus, discover=True, engine="dask", progress=False)
        assert dask.equals(local)


def test_an_edited_dictionary_takes_effect_and_a_missing_one_is_an_error(tmp_path):
    extra = tmp_path / "actors.yaml"
    entry = "actors:\n  - {{id: x, en: X, ar: {0}, kind: person, variants: [{0}]}}\n"
    corpus = Corpus.from_texts(["التقى زيدان وعمران في القاعة."])
    extra.write_text(entry.format("زيدان"), encoding="utf-8")
    assert find_actors(corpus, extra=extra)["surface"].tolist()[0] == "زيدان"
    extra.write_text(entry.format("عمران") + "# edited\n", encoding="utf-8")
    assert find_actors(corpus, extra=extra)["surface"].tolist() == ["وعمران"]
    extra.unlink()
    with pytest.raises(InputError, match="not found"):
        find_actors(corpus, extra=extra)
