"""Chart text in one language: Arabic by default, English on request.

Titles, axis labels and the names of categories (source types, roles, actor kinds, person
categories, genders) are looked up here; names and terms from the corpus are drawn as written.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["LANGUAGES", "categories", "category", "chart_text"]

LANGUAGES = ("ar", "en")

#: Chart strings by key: (Arabic, English).
_TEXT: dict[str, tuple[str, str]] = {
    "longest-articles": ("أطول المقالات (عدد الكلمات)", "Longest articles (words)"),
    "words": ("كلمات", "words"),
    "vocabulary-growth": ("نمو المفردات", "Vocabulary growth"),
    "words-read": ("كلمات مقروءة", "words read"),
    "distinct-words": ("كلمات مختلفة", "distinct words"),
    "articles-by-outlet": ("عدد المقالات في كل وسيلة إعلام", "Articles per outlet"),
    "articles-over-time": ("عدد المقالات عبر الزمن", "Articles over time"),
    "articles": ("مقالات", "articles"),
    "top-terms": ("أكثر الكلمات تكرارا", "Most frequent terms"),
    "top-bigrams": ("أكثر العبارات الثنائية تكرارا", "Most frequent two-word phrases"),
    "occurrences": ("عدد المرات", "occurrences"),
    "terms-by-outlet": (
        "الكلمات الأكثر تكرارا في كل وسيلة إعلام (لكل 10٬000 كلمة)",
        "Top terms per outlet (per 10,000 words)",
    ),
    "key-terms-by-outlet": (
        "الكلمات المميزة لكل وسيلة إعلام (G²)",
        "Key terms of each outlet against the rest (G²)",
    ),
    "keyness": ("درجة التميز G²", "keyness G²"),
    "terms-over-time": ("الكلمات الأكثر تكرارا عبر الزمن", "Top terms over time"),
    "per-10k-words": ("لكل 10٬000 كلمة", "per 10,000 words"),
    "top-sources": ("أكثر المصادر استشهادا", "Most cited sources"),
    "citations": ("عدد مرات الاستشهاد", "citations"),
    "sources-per-article": (
        "المصادر في المقالات الأكثر استشهادا حسب النوع",
        "Sources by type in the articles citing the most",
    ),
    "source-types-by-outlet": ("أنواع المصادر في كل وسيلة إعلام", "Source types per outlet"),
    "source-types-over-time": ("أنواع المصادر عبر الزمن", "Source types over time"),
    "source-types": ("الاستشهادات حسب نوع المصدر", "Citations by source type"),
    "cues": ("أدوات الإسناد", "Attribution cues"),
    "sources-actors": ("المصادر والفاعلون في الجملة نفسها", "Sources and actors in one sentence"),
    "person-categories": (
        "من يتكلم: فئات الأشخاص المستشهد بهم",
        "Who speaks: people cited, by category",
    ),
    "top-speakers": ("أكثر المتحدثين المسمّين استشهادا", "Most cited named speakers"),
    "women-by-outlet": (
        "نسبة النساء بين المتحدثين المسمّين في كل وسيلة إعلام (%)",
        "Women among named speakers per outlet (%)",
    ),
    "women-over-time": (
        "نسبة النساء بين المتحدثين المسمّين عبر الزمن (%)",
        "Women among named speakers over time (%)",
    ),
    "percent": ("%", "%"),
    "top-actors": ("أكثر الفاعلين ذكرا", "Most mentioned actors"),
    "top-people": ("أكثر الأشخاص ذكرا", "Most mentioned people"),
    "mentions": ("عدد الإشارات", "mentions"),
    "actors-per-article": (
        "الإشارات إلى الفاعلين في المقالات الأكثر إشارة",
        "Actor mentions in the articles naming them most",
    ),
    "actors-by-outlet": ("الإشارات إلى الفاعلين في كل وسيلة إعلام", "Actor mentions per outlet"),
    "people-over-time": ("الإشارات إلى أكثر الأشخاص ذكرا عبر الزمن", "Top people over time"),
    "co-mentions": ("الفاعلون في الجملة نفسها", "Actors named in one sentence"),
    "actor-forms": ("الإشارات بالاسم الكامل والمختصر", "Mentions by full and short name"),
}

#: Category values found in analysis tables: (Arabic, English).
_CATEGORIES: dict[str, tuple[str, str]] = {
    "agency": ("وكالة أنباء", "news agency"),
    "broadcaster": ("قناة أو إذاعة", "broadcaster"),
    "newspaper": ("صحيفة", "newspaper"),
    "website": ("موقع إلكتروني", "website"),
    "government": ("جهة حكومية", "government"),
    "international_org": ("منظمة دولية", "international organization"),
    "person": ("شخص مسمّى", "named person"),
    "official": ("مسؤول دون اسم", "official (title only)"),
    "unnamed": ("مصدر مجهول", "unnamed source"),
    "reported_by": ("فاعل فعل الإسناد", "reported by"),
    "quoted_from": ("نقلا عن", "quoted from"),
    "told_to": ("في حديث إلى", "told to"),
    "country": ("دولة", "country"),
    "organization": ("منظمة", "organization"),
    "place": ("مكان", "place"),
    "expert": ("خبير أو أكاديمي", "expert / academic"),
    "academic": ("أكاديمي", "academic"),
    "military": ("عسكري أو أمني", "military / security"),
    "security": ("أمني", "security"),
    "journalist": ("صحفي", "journalist"),
    "citizen": ("مواطن", "citizen"),
    "female": ("أنثى", "female"),
    "male": ("ذكر", "male"),
    "unknown": ("غير معروف", "unknown"),
    "name": ("الاسم الكامل", "full name"),
    "short": ("الاسم المختصر", "short form"),
    "discovered": ("مكتشف", "discovered"),
}


def _index(lang: str) -> int:
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, not {lang!r}")
    return LANGUAGES.index(lang)


def chart_text(key: str, *, lang: str = "ar") -> str:
    """Return the title or axis label ``key`` in ``lang`` ("ar" or "en").

    Raises:
        KeyError: no such chart text.
        ValueError: unsupported language.
    """
    return _TEXT[key][_index(lang)]


def category(value: str, *, lang: str = "ar") -> str:
    """Return a category value (source type, role, kind, person category) in ``lang``.

    Values khabar does not know (a corpus's own categories) are returned as written, with
    underscores turned into spaces.
    """
    names = _CATEGORIES.get(str(value))
    return names[_index(lang)] if names else str(value).replace("_", " ")


#: Who a named speaker is, from the title (find_sources' ``category`` column).
_PERSON_CATEGORIES: dict[str, tuple[str, str]] = {
    "official": ("مسؤول", "official"),
    "expert": ("خبير أو أكاديمي", "expert / academic"),
    "military_security": ("عسكري أو أمني", "military / security"),
    "journalist": ("صحفي", "journalist"),
    "citizen": ("مواطن", "citizen"),
    "other": ("غير ذلك", "other"),
    "": ("لا يذكر النص", "not told"),
}


def person_categories(values: Iterable[str], *, lang: str = "ar") -> list[str]:
    """Return each person category (official, expert ...; empty: not told) in ``lang``."""
    keys = ["" if v is None or v != v else str(v) for v in values]  # v != v: NaN
    names = [_PERSON_CATEGORIES.get(k) for k in keys]
    return [n[_index(lang)] if n else k.replace("_", " ") for n, k in zip(names, keys, strict=True)]


def categories(values: Iterable[str], *, lang: str = "ar") -> list[str]:
    """Return :func:`category` of each value, in order."""
    return [category(value, lang=lang) for value in values]
