"""Forms for pitching, settings, merging and the Lean Coffee takeaway (GOV.UK markup)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oneteam.core.forms import GovukForm, GovukModelForm, typed_field
from oneteam.events.models import Event, Slot
from oneteam.programme.models import EventProgramme, Session
from oneteam.programme.selectors import confirmed_attendees_by_handle

LANGUAGES = [
    ("en", _("English")),
    ("cy", _("Welsh (Cymraeg)")),
    ("bsl", _("British Sign Language")),
]


class PitchForm(GovukModelForm):
    """A pitch. `hosts` holds profile addresses, which people know and can type on a phone."""

    hosts = forms.CharField(
        label=_("Hosts"),
        max_length=500,
        help_text=_("Profile addresses of the hosts, separated by commas, for example: ada-l"),
        error_messages={"required": _("Enter at least one host")},
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES, initial="en")

    class Meta:
        model = Session
        fields = [
            "title",
            "description",
            "format",
            "language",
            "privacy",
            "needs_step_free",
            "unavailable_slots",
        ]
        widgets = {
            "format": forms.RadioSelect,
            "privacy": forms.RadioSelect,
            "unavailable_slots": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "title": _("Say what the session is about."),
            "description": _("Optional. You can use Markdown for links and lists."),
            "needs_step_free": _("Tick if a host needs a room with step-free access."),
        }
        error_messages = {
            "title": {
                "required": _("Enter a title for the session"),
                "max_length": _("Title must be 120 characters or fewer"),
            },
            "description": {"max_length": _("Description must be 2000 characters or fewer")},
        }

    def __init__(self, *args: Any, event: Event, hosts_optional: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["title"].widget.attrs["autocomplete"] = "off"
        if hosts_optional:
            self.fields["hosts"].required = False
            self.fields["hosts"].label = _("Co-hosts (optional)")
            self.fields["hosts"].help_text = _(
                "You host this session. Add the profile addresses of any co-hosts, separated "
                "by commas."
            )
        slots = Slot.objects.filter(event=event, kind=Slot.Kind.SESSIONS)
        if slots.exists():
            unavailable = typed_field(self, "unavailable_slots", forms.ModelMultipleChoiceField)
            unavailable.queryset = slots
            unavailable.required = False
        else:
            del self.fields["unavailable_slots"]
        if not self.instance.pk:
            self.fields["privacy"].initial = event.default_privacy
            if event.format == Event.Format.LEAN_COFFEE:
                self.fields["format"].initial = Session.Format.LEAN_COFFEE

    def clean_hosts(self) -> list:
        handles = [h.lstrip("@").lower() for h in re.split(r"[\s,]+", self.cleaned_data["hosts"])]
        handles = list(dict.fromkeys(h for h in handles if h))
        found = confirmed_attendees_by_handle(event=self.event, handles=handles)
        missing = [h for h in handles if h not in found]
        if missing:
            raise forms.ValidationError(
                _("Not registered for this event: %(handles)s"),
                params={"handles": ", ".join(missing)},
            )
        return [found[h] for h in handles]


class ProgrammeSettingsForm(GovukModelForm):
    class Meta:
        model = EventProgramme
        fields = [
            "pitching_open",
            "dot_budget",
            "schedule_published",
            "timebox_minutes",
            "extension_minutes",
        ]
        help_texts = {
            "schedule_published": _("Once published, attendees can no longer change interests."),
            "timebox_minutes": _("Lean Coffee: how long each topic is discussed at first."),
        }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        dot_budget = typed_field(self, "dot_budget", forms.IntegerField)
        dot_budget.min_value = 1
        dot_budget.widget.attrs.update(min=1, inputmode="numeric")
        typed_field(self, "timebox_minutes", forms.IntegerField).min_value = 1


class _SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Session) -> str:
        return f"{obj.title} (#{obj.pk})"


class MergeForm(GovukForm):
    duplicate = _SessionChoiceField(
        label=_("Duplicate pitch"),
        queryset=Session.objects.none(),
        help_text=_("This pitch is merged away; its link will lead to the session you keep."),
        error_messages={"required": _("Choose the duplicate pitch")},
    )
    into = _SessionChoiceField(
        label=_("Session to keep"),
        queryset=Session.objects.none(),
        error_messages={"required": _("Choose the session to keep")},
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any):
        super().__init__(*args, **kwargs)
        sessions = Session.objects.filter(event=event, status=Session.Status.PITCHED)
        typed_field(self, "duplicate", _SessionChoiceField).queryset = sessions
        typed_field(self, "into", _SessionChoiceField).queryset = sessions

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("duplicate") and cleaned.get("duplicate") == cleaned.get("into"):
            self.add_error("into", _("Choose a different session to merge into"))
        return cleaned


class TakeawayForm(GovukForm):
    takeaway = forms.CharField(
        label=_("Takeaway"),
        max_length=200,
        help_text=_("One line the room agreed on."),
        error_messages={
            "required": _("Enter the takeaway in one line"),
            "max_length": _("Takeaway must be 200 characters or fewer"),
        },
    )
