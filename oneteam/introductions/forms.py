from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oneteam.chapters.models import Chapter
from oneteam.core.forms import GovukForm, typed_field
from oneteam.introductions.models import Introduced, OptIn

COMMUNITY = "community"


class OptInForm(GovukForm):
    scope = forms.ChoiceField(
        label=_("Which introductions"),
        widget=forms.RadioSelect,
        help_text=_("Community-wide rounds, or those of a chapter you follow."),
    )
    meeting = forms.ChoiceField(
        label=_("How would you like to meet?"),
        choices=OptIn.Meeting.choices,
        widget=forms.RadioSelect,
        initial=OptIn.Meeting.ONLINE,
        help_text=_("In person, you are introduced only to people from the same chapter."),
    )
    frequency = forms.ChoiceField(
        label=_("How often?"),
        choices=OptIn.Frequency.choices,
        widget=forms.RadioSelect,
        initial=OptIn.Frequency.EVERY_ROUND,
    )

    def __init__(self, *args: Any, chapters: list[Chapter], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.chapters = {chapter.slug: chapter for chapter in chapters}
        field = typed_field(self, "scope", forms.ChoiceField)
        field.choices = [(COMMUNITY, _("The whole community"))] + [
            (chapter.slug, chapter.name) for chapter in chapters
        ]
        field.initial = COMMUNITY

    def chapter(self) -> Chapter | None:
        scope = self.cleaned_data["scope"]
        return None if scope == COMMUNITY else self.chapters[scope]


class OutcomeForm(GovukForm):
    outcome = forms.ChoiceField(
        label=_("Did you meet?"),
        choices=[
            (Introduced.Outcome.MET, _("Yes, we met")),
            (Introduced.Outcome.NOT_YET, _("Not yet")),
            (Introduced.Outcome.WONT, _("We won't meet")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you met.")},
    )
