"""Which field of an input record holds the text, title, date, outlet, url and id."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from khabar.errors import InputError

__all__ = ["ROLES", "USUAL_NAMES", "FieldMap", "field_choice", "resolve_fields"]

#: The corpus column each role fills, in the order mapping lines name them.
ROLES = ("text", "title", "date", "outlet", "url", "doc_id")

#: Field names recognised without a flag (compared case-insensitively), best first.
USUAL_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article", "story", "article_text", "full_text"),
    "title": ("title", "headline", "heading"),
    "date": (
        "date",
        "published",
        "pubdate",
        "pub_date",
        "published_at",
        "publish_date",
        "date_published",
        "date_extracted",
        "datetime",
        "timestamp",
        "time",
    ),
    "outlet": ("outlet", "source", "site", "newspaper", "publisher", "source_name", "website"),
    "url": ("url", "link", "href", "permalink"),
    "doc_id": ("doc_id", "id", "article_id", "guid", "uid"),
}

_FLAGS = {role: f"--{'id' if role == 'doc_id' else role}-field" for role in ROLES}


@dataclass(frozen=True)
class FieldMap:
    """Input field name for each corpus column (None: the input has none), and fields kept."""

    fields: dict[str, str | None]
    kept: tuple[str, ...] = field(default=())

    def rename(self, record: Mapping[str, object]) -> dict[str, object]:
        """A record keyed by corpus column: mapped fields renamed, every other field kept."""
        mapped = self._by_name
        out: dict[str, object] = {}
        for key, value in record.items():
            role = mapped.get(key)
            if role is not None:
                out[role] = value
            elif key not in ROLES:
                out[key] = value
            else:
                out[f"{key}_field"] = value
        return out

    @cached_property
    def _by_name(self) -> dict[str, str]:
        return {name: role for role, name in self.fields.items() if name is not None}

    def describe(self) -> str:
        """One line: ``text=content, title=title, ...; kept author``."""
        parts = [f"{r}={n}" for r, n in self.fields.items() if n is not None]
        missing = [r for r, n in self.fields.items() if n is None and r != "doc_id"]
        line = ", ".join(parts)
        if missing:
            line += f"; none for {', '.join(missing)}"
        if self.kept:
            line += f"; kept {', '.join(self.kept)}"
        return line


def field_choice(
    *,
    text_field: str | None = None,
    title_field: str | None = None,
    date_field: str | None = None,
    outlet_field: str | None = None,
    url_field: str | None = None,
    id_field: str | None = None,
) -> dict[str, str | None]:
    """The field names a caller gave (``text_field=`` ...), by role; None: the usual name."""
    return {
        "text": text_field,
        "title": title_field,
        "date": date_field,
        "outlet": outlet_field,
        "url": url_field,
        "doc_id": id_field,
    }


def resolve_fields(
    names: Iterable[str],
    *,
    given: Mapping[str, str | None] | None = None,
    path: Path | str | None = None,
) -> FieldMap:
    """Map the field names of an input to corpus columns.

    Args:
        names: The field names the input has (all records' keys, in first-seen order).
        given: Field names chosen by the user per role (``{"text": "Body"}``); None for a role
            means "recognise the usual names".
        path: The input, named in errors.

    Raises:
        InputError: a given field is not in the input, or no field can be the text.
    """
    names = list(dict.fromkeys(names))
    lower = {n.lower(): n for n in reversed(names)}
    named = {r: v for r, v in (given or {}).items() if v}
    chosen: dict[str, str | None] = {}
    for role in ROLES:
        if role in named:
            chosen[role] = _given(named[role], names, lower, role=role, path=path)
        else:
            chosen[role] = _usual(role, lower, taken=set(chosen.values()))
    if chosen["text"] is None:
        found = ", ".join(names[:20]) or "none"
        raise InputError(
            f"no text field (fields found: {found}); name it with --text-field NAME"
            " (text_field= in Python)",
            path=path,
        )
    used = set(chosen.values())
    return FieldMap(chosen, tuple(n for n in names if n not in used))


def _given(
    name: str, names: list[str], lower: dict[str, str], *, role: str, path: Path | str | None
) -> str:
    if name in names:
        return name
    if name.lower() in lower:
        return lower[name.lower()]
    found = ", ".join(names[:20]) or "none"
    raise InputError(f"no field {name!r} for {_FLAGS[role]} (fields found: {found})", path=path)


def _usual(role: str, lower: dict[str, str], *, taken: set[str | None]) -> str | None:
    for candidate in USUAL_NAMES[role]:
        name = lower.get(candidate)
        if name is not None and name not in taken:
            return name
    return None
