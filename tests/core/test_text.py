from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError

from oneteam.core.forms import GovukForm
from oneteam.core.params import parse_id, parse_int
from oneteam.core.text import (
    clean_display_name,
    multi_line,
    single_line,
    spreadsheet_cell,
    xml_safe,
)


class _Form(GovukForm):
    title = forms.CharField(label="Title", max_length=20, help_text="Say what it is.")
    notes = forms.CharField(label="Notes", max_length=50, widget=forms.Textarea, required=False)


@pytest.mark.parametrize("value", ["a\r\nb", "a\nb", "a\x0bb", "a\x00b", "\u202eevil", "a\x85b"])
def test_single_line_field_refuses_control_and_bidi_override_characters(value):
    form = _Form({"title": value})

    assert not form.is_valid()
    assert form.errors["title"] == [
        "Title must be on one line and must not contain invisible or control characters"
    ]


def test_single_line_field_accepts_other_scripts_and_right_to_left_marks():
    form = _Form({"title": "שלום\u200f Café"})

    assert form.is_valid(), form.errors


def test_multi_line_field_keeps_new_lines_and_tabs_stored_as_lf():
    form = _Form({"title": "T", "notes": "one\r\ntwo\rthree\n\tfour"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["notes"] == "one\ntwo\nthree\n\tfour"


@pytest.mark.parametrize("value", ["a\x0bb", "a\x00b", "a\x1bb", "\u202eevil"])
def test_multi_line_field_refuses_other_control_characters(value):
    form = _Form({"title": "T", "notes": value})

    assert form.errors["notes"] == ["Notes must not contain invisible or control characters"]


def test_text_field_hint_states_its_limit_after_its_own_help():
    form = _Form()

    assert form["title"].help_text == "Say what it is. At most 20 characters."
    assert form["notes"].help_text == "At most 50 characters."
    assert 'maxlength="20"' in str(form["title"])


def test_crlf_counts_as_one_character_against_a_textarea_limit():
    form = _Form({"title": "T", "notes": "ab\r\n" * 16})  # 64 sent, 48 stored

    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("raw", "stored"),
    [("  Ada   Lovelace ", "Ada Lovelace"), ("\uff21\uff44\uff41", "Ada"), ("Zoë", "Zoë")],
)
def test_display_name_is_nfkc_and_single_spaced(raw, stored):
    assert clean_display_name(raw) == stored


@pytest.mark.parametrize(
    "raw", ["\u200b\u200b", "Olu Organiser\u200b", "\u202eresinagrO ulO", "Ada\u00adL", "A\tB"]
)
def test_display_name_with_invisible_or_control_characters_is_refused(raw):
    with pytest.raises(ValidationError):
        clean_display_name(raw)


def test_display_name_of_spaces_is_refused():
    with pytest.raises(ValidationError, match="Enter your display name"):
        clean_display_name(" \u3000 ")


def test_single_line_output_replaces_breaks_and_drops_bidi_controls():
    assert single_line("Title\r\nBcc: x@example.org\x0b\u202e!") == "Title Bcc: x@example.org !"


def test_multi_line_output_keeps_lf_and_tab_only():
    assert multi_line("a\r\nb\x0bc\x00d\te\u2066") == "a\nbcd\te"


def test_xml_safe_drops_what_xml_cannot_carry():
    assert xml_safe("a\x0bb\x00c\nd\ufffe") == "abc\nd"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM", "'@SUM"),
        ("\tTab", "'\tTab"),
        ("Bell\x07", "Bell"),
        ("two\nlines", "two\nlines"),
        (None, ""),
    ],
)
def test_spreadsheet_cell_defuses_formulas_and_drops_controls(value, cell):
    assert spreadsheet_cell(value) == cell


@pytest.mark.parametrize("raw", ["²", "٣", "-1", "+1", " 1", "1_000", "1e3", "", None, "9" * 19])
def test_parse_int_refuses_anything_but_ascii_digits(raw):
    assert parse_int(raw) is None


def test_parse_int_checks_the_range():
    assert (parse_int("7", high=5), parse_int("5", high=5), parse_id("0")) == (None, 5, None)
