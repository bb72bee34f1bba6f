"""A field with an error shows the message beside it, where its aria-describedby points."""

from __future__ import annotations

import re

from django import forms

from oneteam.core.forms import GovukForm


class _Form(GovukForm):
    name = forms.CharField(
        label="Name", max_length=80, error_messages={"required": "Enter your name"}
    )
    colour = forms.ChoiceField(
        label="Colour",
        choices=[("red", "Red"), ("blue", "Blue")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a colour"},
    )
    agree = forms.BooleanField(label="I agree", error_messages={"required": "Agree to go on"})


def test_every_field_with_an_error_shows_its_message_inline():
    html = str(_Form(data={}))

    for auto_id, message in [
        ("id_name", "Enter your name"),
        ("id_colour", "Choose a colour"),
        ("id_agree", "Agree to go on"),
    ]:
        inline = re.search(rf'<p id="{auto_id}-error" class="govuk-error-message">(.*?)</p>', html)
        assert inline is not None, auto_id
        assert message in inline.group(1)


def test_aria_describedby_names_only_elements_on_the_page():
    html = str(_Form(data={}))

    ids = set(re.findall(r'\sid="([^"]+)"', html))
    described = {
        ref for refs in re.findall(r'aria-describedby="([^"]+)"', html) for ref in refs.split()
    }
    assert described
    assert described <= ids


def test_a_valid_form_shows_no_error_message():
    html = str(_Form(data={"name": "Ada", "colour": "red", "agree": "on"}))

    assert "govuk-error-message" not in html
