"""Forms for pitching, settings, merging and the Lean Coffee takeaway (GOV.UK markup)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oneteam.accounts.models import User
from oneteam.core.forms import GovukForm, GovukModelForm, typed_field
from oneteam.events.models import Event, Slot
from oneteam.members.selectors import has_display_name
from oneteam.programme.models import EventProgramme, Session
from oneteam.programme.selectors import host_suggestions, hosts_lookup

LANGUAGES = [
    ("en", _("English")),
    ("cy", _("Welsh (Cymraeg)")),
    ("bsl", _("British Sign Language")),
]


class HostInput(forms.TextInput):
    """A text input offering the registered attendees as suggestions (a <datalist>): the
    browser shows them as one types, with or without JavaScript."""

    template_name = "programme/widgets/host_input.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suggestions: list[tuple[str, str]] = []

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if self.suggestions:
            list_id = f"{context['widget']['attrs'].get('id', name)}-suggestions"
            context["widget"]["attrs"]["list"] = list_id
            context["widget"]["list_id"] = list_id
        context["widget"]["suggestions"] = self.suggestions
        return context


def _split_entries(text: str) -> list[str]:
    """Hosts are separated by commas (names have spaces); repeats count once."""
    entries = [" ".join(part.split()) for part in re.split(r"[,;\n]+", text)]
    return list(dict.fromkeys(entry for entry in entries if entry))


def _looks_like_email(entry: str) -> bool:
    return "@" in entry.lstrip("@")


class HostsMixin:
    """Reads the `hosts` field: emails, profile addresses or names of registered attendees,
    and (when guests are allowed, for organisers) names of people without an account."""

    event: Event
    allow_guests: bool
    # Organisers see attendees' emails; to others, whether an address is registered is not
    # theirs to find out, so they name co-hosts by name or profile address.
    allow_emails: bool
    # Hosts without an account already on the session: a host editing it may keep them.
    kept_guests: frozenset[str] = frozenset()
    cleaned_data: dict[str, Any]

    def clean_hosts(self) -> list[User]:
        entries = _split_entries(self.cleaned_data["hosts"])
        if not self.allow_emails and any(_looks_like_email(entry) for entry in entries):
            raise forms.ValidationError(
                _("Name co-hosts by their name or profile address, not their email address")
            )
        lookup = hosts_lookup(event=self.event, entries=entries)
        found, unknown = dict(lookup.found), list(lookup.unknown)
        # Profile addresses separated by spaces, as the field once asked for ("ada bea").
        for entry in list(unknown):
            parts = entry.split()
            if len(parts) > 1:
                split = hosts_lookup(event=self.event, entries=parts)
                if not split.unknown and not split.ambiguous:
                    found.update(split.found)
                    unknown.remove(entry)
        if lookup.ambiguous:
            raise forms.ValidationError(
                _("More than one attendee is called %(names)s: enter their email address instead"),
                params={"names": ", ".join(lookup.ambiguous)},
            )
        refused = [
            entry
            for entry in unknown
            if _looks_like_email(entry) or not (self.allow_guests or entry in self.kept_guests)
        ]
        if refused:
            raise forms.ValidationError(
                _("Not registered for this event: %(handles)s"),
                params={"handles": ", ".join(refused)},
            )
        nameless = [entry for entry, user in found.items() if not has_display_name(user)]
        if nameless:
            raise forms.ValidationError(
                _(
                    "%(entries)s has not given a name to show yet: ask them to add one to their "
                    "profile, or enter the name they go by instead"
                ),
                params={"entries": ", ".join(nameless)},
            )
        self.cleaned_data["guest_host_name"] = ", ".join(unknown)
        return list(dict.fromkeys(found.values()))


class PitchForm(HostsMixin, GovukModelForm):
    """A pitch. Hosts are named by email, profile address or name; an organiser may also name
    someone without an account."""

    hosts = forms.CharField(
        label=_("Hosts"),
        max_length=500,
        widget=HostInput,
        help_text=_("Names or profile addresses of the hosts, separated by commas"),
        error_messages={"required": _("Enter at least one host")},
    )
    display_name = forms.CharField(
        label=_("Your name"),
        max_length=80,
        help_text=_("How others will see you as the host of this session."),
        error_messages={
            "required": _("Enter your name"),
            "max_length": _("Your name must be 80 characters or fewer"),
        },
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

    field_order = ["display_name"]

    def __init__(
        self,
        *args: Any,
        event: Event,
        hosts_optional: bool = False,
        for_organiser: bool = False,
        ask_name: bool = False,
        kept_guests: str = "",
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.event = event
        self.allow_guests = self.allow_emails = for_organiser
        self.kept_guests = frozenset(_split_entries(kept_guests))
        self.fields["title"].widget.attrs["autocomplete"] = "off"
        if not ask_name:
            del self.fields["display_name"]
        else:
            self.fields["display_name"].widget.attrs["autocomplete"] = "name"
        if for_organiser:
            self.fields["hosts"].widget.suggestions = host_suggestions(event=event)
            self.fields["hosts"].help_text = _(
                "Start typing a name or email address to choose a registered attendee. For "
                "someone without an account, type their name."
            )
        if hosts_optional:
            self.fields["hosts"].required = False
            self.fields["hosts"].label = _("Co-hosts (optional)")
            self.fields["hosts"].help_text = _(
                "You host this session. Add the names or profile addresses of any co-hosts, "
                "separated by commas."
            )
        slots = Slot.objects.filter(event=event, kind=Slot.Kind.SESSIONS)
        if slots.exists():
            unavailable = typed_field(self, "unavailable_slots", forms.ModelMultipleChoiceField)
            unavailable.queryset = slots
            unavailable.required = False
        else:
            del self.fields["unavailable_slots"]
        if self.instance.pk:
            # Changed on the notes' privacy page, which asks to confirm once notes exist.
            del self.fields["privacy"]
        else:
            self.fields["privacy"].initial = event.default_privacy
            if event.format == Event.Format.LEAN_COFFEE:
                self.fields["format"].initial = Session.Format.LEAN_COFFEE


class PitchStationForm(HostsMixin, GovukForm):
    """The organisers' pitching station: a title and who hosts it, one pitch after another."""

    title = forms.CharField(
        label=_("Title"),
        max_length=Session._meta.get_field("title").max_length,
        error_messages={
            "required": _("Enter a title for the session"),
            "max_length": _("Title must be 120 characters or fewer"),
        },
    )
    hosts = forms.CharField(
        label=_("Host"),
        max_length=500,
        widget=HostInput,
        help_text=_(
            "The name or email address of a registered attendee, or the name of someone without "
            "an account. Separate more than one host with commas."
        ),
        error_messages={"required": _("Enter at least one host")},
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.event = event
        self.allow_guests = self.allow_emails = True
        title = self.fields["title"].widget
        title.attrs.update(autocomplete="off", autofocus=True)
        hosts = self.fields["hosts"].widget
        hosts.attrs["autocomplete"] = "off"
        hosts.suggestions = host_suggestions(event=event)


class ProgrammeSettingsForm(GovukModelForm):
    class Meta:
        model = EventProgramme
        fields = [
            "pitching_open",
            "dot_budget",
            "interest_open",
            "timebox_minutes",
            "extension_minutes",
        ]
        help_texts = {
            "interest_open": _(
                "While interest is open, attendees can mark and remove interest, also after the "
                "grid is published (late pitches need it, and rooms are sized by it). Untick to "
                "close it."
            ),
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
