from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oneteam.core.forms import GovukForm
from oneteam.events.models import PrivacyMode
from oneteam.outcomes.models import NOTES_MAX_LENGTH, SUMMARY_MAX_LENGTH
from oneteam.programme.models import Session


class NotesForm(GovukForm):
    # Over-long notes are refused with the count, and the page gives the whole text back (the
    # form is shown bound to what was posted), so nothing typed is lost.
    text = forms.CharField(
        label=_("Notes"),
        required=False,
        strip=False,
        max_length=NOTES_MAX_LENGTH,
        error_messages={
            "max_length": _("Notes must be %(limit)s characters or fewer; these are ")
            % {"limit": f"{NOTES_MAX_LENGTH:,}"}
            + "%(show_value)d. "
            + _("Nothing is saved yet: shorten them and save again.")
        },
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "true"}),
        help_text=_(
            "Markdown: ## for a heading, - for a list, [text](https://…) for a link. "
            "Up to %(limit)s characters."
        )
        % {"limit": f"{NOTES_MAX_LENGTH:,}"},
    )
    base_revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class SummaryForm(GovukForm):
    summary = forms.CharField(
        label=_("Wider learning"),
        required=False,
        max_length=SUMMARY_MAX_LENGTH,
        error_messages={
            "max_length": _("The summary must be %(limit)s characters or fewer; it is ")
            % {"limit": f"{SUMMARY_MAX_LENGTH:,}"}
            + "%(show_value)d."
        },
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What could people who were not in the room learn from it? No names, no "
            "details that could identify anyone. Up to %(limit)s characters."
        )
        % {"limit": f"{SUMMARY_MAX_LENGTH:,}"},
    )


class PrivacyForm(GovukForm):
    privacy = forms.ChoiceField(
        label=_("How may the notes be shared?"),
        choices=PrivacyMode.choices,
        widget=forms.RadioSelect,
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ActionForm(GovukForm):
    text = forms.CharField(label=_("I will…"), max_length=300)
    due_on = forms.DateField(
        label=_("Due date (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "We will remind you on this day, or four weeks after the event if you leave it empty."
        ),
    )
    session = forms.ModelChoiceField(
        label=_("Session (optional)"), queryset=Session.objects.none(), required=False
    )
    is_public = forms.TypedChoiceField(
        label=_("Who can see it?"),
        choices=[
            ("true", _("Everyone: it shows on the event outcomes page")),
            ("false", _("Only me")),
        ],
        coerce=lambda value: value == "true",
        initial="true",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, sessions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if sessions is not None:
            self.fields["session"].queryset = sessions  # type: ignore[attr-defined]


class FeedbackForm(GovukForm):
    rating = forms.TypedChoiceField(
        label=_("How was the event overall?"),
        choices=[
            (5, _("5: very good")),
            (4, _("4: good")),
            (3, _("3: neither good nor bad")),
            (2, _("2: poor")),
            (1, _("1: very poor")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Anything you want to tell the organisers? (optional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    editing = forms.BooleanField(required=False, widget=forms.HiddenInput)
