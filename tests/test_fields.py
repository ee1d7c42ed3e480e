"""Field mapping: the usual names found in any capitalisation, flags win, errors say what to do."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.errors import InputError
from khabar.fields import USUAL_NAMES, resolve_fields

ARCHIVE = ["source", "url", "date_extracted", "title", "author", "content"]


def test_archive_names_map_without_flags():
    fields = resolve_fields(ARCHIVE)
    assert fields.fields == {
        "text": "content",
        "title": "title",
        "date": "date_extracted",
        "outlet": "source",
        "url": "url",
        "doc_id": None,
    }
    assert fields.kept == ("author",)
    line = fields.describe()
    assert "text=content" in line and "outlet=source" in line and "kept author" in line


def test_flags_choose_fields_and_the_rest_is_kept():
    fields = resolve_fields(
        ["Story", "Kicker", "When", "Paper"],
        given={"text": "Story", "date": "When", "outlet": "paper"},
    )
    record = fields.rename({"Story": "نص", "Kicker": "ك", "When": "2015-07-21", "Paper": "okaz"})
    assert record == {"text": "نص", "Kicker": "ك", "date": "2015-07-21", "outlet": "okaz"}


def test_a_field_named_like_a_column_but_not_chosen_is_kept_apart():
    fields = resolve_fields(["body", "text"], given={"text": "body"})
    assert fields.rename({"body": "a", "text": "b"}) == {"text": "a", "text_field": "b"}


def test_no_text_field_names_the_fields_found_and_the_flag():
    with pytest.raises(InputError) as caught:
        resolve_fields(["headline", "summary"], path="feed.jsonl")
    message = str(caught.value)
    assert message.startswith("feed.jsonl: ")
    assert "headline, summary" in message and "--text-field" in message


def test_a_flag_naming_an_absent_field_is_an_error():
    with pytest.raises(InputError, match="no field 'Body' for --text-field"):
        resolve_fields(["content"], given={"text": "Body"})


@given(
    st.sampled_from(sorted({(r, n) for r, names in USUAL_NAMES.items() for n in names})),
    st.data(),
)
def test_usual_names_are_found_in_any_capitalisation(role_name, data):
    role, name = role_name
    cased = "".join(c.upper() if data.draw(st.booleans()) else c for c in name)
    names = [cased] if role == "text" else ["text", cased]
    assert resolve_fields(names).fields[role] == cased
