from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oneteam.accounts.models import User
from oneteam.core.forms import FormMixinBase, GovukForm, GovukModelForm, typed_field
from oneteam.core.params import validate_year_in_range
from oneteam.events.models import Event, EventTask, Registration, Room, Slot
from oneteam.members.models import Discipline

_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock time in the event's own time zone (not the server's).

    Cleans to a naive datetime; the form attaches the event's time zone. Shows stored
    (aware) values in `display_zone`, which the form sets."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=_LOCAL_FORMAT)
    default_validators = [validate_year_in_range]
    display_zone: ZoneInfo = ZoneInfo("Europe/London")

    def to_python(self, value: Any) -> datetime | None:
        with timezone.override(UTC):
            result = super().to_python(value)
        return result.replace(tzinfo=None) if result else None

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime) and timezone.is_aware(value):
            return value.astimezone(self.display_zone).replace(tzinfo=None)
        return value


class LocalTimesMixin(FormMixinBase):
    """Reads and shows every LocalDateTimeField in one time zone."""

    def _set_display_zone(self, zone_name: str) -> None:
        for field in self.fields.values():
            if isinstance(field, LocalDateTimeField):
                field.display_zone = ZoneInfo(zone_name)

    def _make_aware(self, cleaned: dict[str, Any], zone_name: str) -> None:
        zone = ZoneInfo(zone_name)
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if isinstance(field, LocalDateTimeField) and isinstance(value, datetime):
                cleaned[name] = value.replace(tzinfo=zone)


# The IANA database's areas for places on Earth. Everything else it ships is a synonym or an
# artefact ("Etc/GMT+5", "US/Eastern", "GMT", "posixrules", "Factory", "localtime"): confusing in
# a list people pick their city from, and covered by an Area/City name or "UTC".
_GEOGRAPHIC_AREAS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)


def event_time_zones() -> list[str]:
    """The time zones an event may be in: every Area/City zone, then "UTC", sorted."""
    return sorted(
        name
        for name in available_timezones()
        if name == "UTC" or name.split("/", 1)[0] in _GEOGRAPHIC_AREAS
    )


def _zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in event_time_zones()]


class EventForm(LocalTimesMixin, GovukModelForm):
    starts_at = LocalDateTimeField(label=_("Starts at"), help_text=_("In the event's time zone."))
    ends_at = LocalDateTimeField(label=_("Ends at"), help_text=_("In the event's time zone."))
    registration_opens_at = LocalDateTimeField(
        label=_("Registration opens"), required=False, help_text=_("Leave empty to open now.")
    )
    registration_closes_at = LocalDateTimeField(
        label=_("Registration closes"),
        required=False,
        help_text=_("Leave empty to close when the event starts."),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=_zone_choices)

    class Meta:
        model = Event
        fields = [
            "title",
            "format",
            "description",
            "starts_at",
            "ends_at",
            "time_zone",
            "venue_name",
            "venue_address",
            "venue_access",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "code_of_conduct_url",
            "default_privacy",
        ]
        widgets = {
            "format": forms.RadioSelect,
            "default_privacy": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 8}),
            "venue_address": forms.Textarea(attrs={"rows": 3}),
            "venue_access": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"description": _("Markdown is allowed: **bold**, lists and links.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_display_zone(self.instance.time_zone or "Europe/London")
        # An event saved with a zone no longer offered keeps it until someone picks another.
        current = self.instance.time_zone
        zone_field = self.fields["time_zone"]
        if (
            current
            and isinstance(zone_field, forms.ChoiceField)
            and current not in event_time_zones()
        ):
            zone_field.choices = [(current, current), *_zone_choices()]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        self._make_aware(cleaned, cleaned.get("time_zone") or self.instance.time_zone)
        return cleaned


class RoomForm(GovukModelForm):
    class Meta:
        model = Room
        fields = ["name", "capacity", "step_free", "notes"]
        labels = {"capacity": _("Capacity (people)"), "step_free": _("Step-free access")}

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        # A new room belongs to the event before it is validated (names are unique per event).
        kwargs.setdefault("instance", Room(event=event))
        super().__init__(*args, **kwargs)


class SlotForm(LocalTimesMixin, GovukModelForm):
    starts_at = LocalDateTimeField(label=_("Starts at"))
    ends_at = LocalDateTimeField(label=_("Ends at"))

    class Meta:
        model = Slot
        fields = ["starts_at", "ends_at", "kind", "label"]
        widgets = {"kind": forms.RadioSelect}
        help_texts = {"label": _("For example 'Session 1' or 'Lunch'.")}

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        kwargs.setdefault("instance", Slot(event=event))
        super().__init__(*args, **kwargs)
        self.event = event
        self._set_display_zone(event.time_zone)
        self.fields["starts_at"].help_text = _("In %(zone)s time.") % {"zone": event.time_zone}

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        self._make_aware(cleaned, self.event.time_zone)
        return cleaned


class RegistrationForm(GovukForm):
    display_name = forms.CharField(
        label=_("Your name"),
        max_length=80,
        help_text=_(
            "How other attendees and the organisers will see you, for example on the sessions "
            "you host. It goes on your profile."
        ),
        error_messages={
            "required": _("Enter your name"),
            "max_length": _("Your name must be 80 characters or fewer"),
        },
    )
    discipline = forms.ModelChoiceField(
        label=_("Your discipline"),
        queryset=Discipline.objects.all(),
        empty_label=_("Choose a discipline"),
        help_text=_("From your profile. We use it to show the mix of people in the room."),
        error_messages={"required": _("Choose your discipline")},
    )
    organisation = forms.CharField(
        label=_("Your organisation"),
        max_length=120,
        help_text=_("Where you work. If you work for yourself or are between jobs, say so."),
        error_messages={"required": _("Enter your organisation")},
    )
    access_needs = forms.CharField(
        label=_("Access needs (optional)"),
        required=False,
        max_length=Registration._meta.get_field("access_needs").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the organisers see this."),
    )
    needs_step_free = forms.BooleanField(
        label=_("I need step-free access"),
        required=False,
        help_text=_(
            "For example, if you use a wheelchair. Sessions you mark as interested in will be "
            "put in rooms without steps. Only the organisers see this."
        ),
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs (optional)"),
        required=False,
        max_length=Registration._meta.get_field("dietary_needs").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the organisers see this."),
    )
    accepts_code_of_conduct = forms.BooleanField(
        label=_("I will follow the code of conduct"),
        error_messages={"required": _("Agree to the code of conduct to register.")},
    )

    def __init__(self, *args: Any, ask_name: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Asked only of members whose profile has no name yet.
        if ask_name:
            self.fields["display_name"].widget.attrs["autocomplete"] = "name"
        else:
            del self.fields["display_name"]


class CheckInSearchForm(GovukForm):
    q = forms.CharField(label=_("Name or email address"), required=False, max_length=254)


class AttendeeSearchForm(GovukForm):
    q = forms.CharField(
        label=_("Find an attendee"),
        required=False,
        max_length=254,
        help_text=_("Part of their name or email address."),
    )


class MessageForm(GovukForm):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=10_000,
        help_text=_("Sent as plain text to everyone registered, waitlist included."),
    )


class TaskForm(GovukModelForm):
    due_on = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_year_in_range],
    )

    class Meta:
        model = EventTask
        fields = ["title", "area", "owner", "due_on", "status"]

    def __init__(self, *args: Any, owners: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = typed_field(self, "owner", forms.ModelChoiceField)
        owner.queryset = owners
        owner.empty_label = _("Nobody yet")
