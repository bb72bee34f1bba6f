from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from oneteam.chapters.models import Chapter

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class PrivacyMode(models.TextChoices):
    """How a session's notes may be shared (One Team works in the open unless asked not to)."""

    OPEN = "open", _("Open: notes are published with names")
    CHATHAM_HOUSE = "chatham_house", _("Chatham House Rule: notes without names")
    OFF_THE_RECORD = "off_the_record", _("Off the record: no notes")


class Event(models.Model):
    class Format(models.TextChoices):
        UNCONFERENCE = "unconference", _("Un-conference")
        MEETUP = "meetup", _("Meetup")
        LEAN_COFFEE = "lean_coffee", _("Lean Coffee")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    chapter = models.ForeignKey(Chapter, on_delete=models.PROTECT, related_name="events")
    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.UNCONFERENCE
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/London")
    venue_name = models.CharField(_("venue"), max_length=150, blank=True)
    venue_address = models.TextField(_("venue address"), max_length=300, blank=True)
    venue_access = models.TextField(_("travel and access information"), max_length=2000, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), default=100)
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Leave empty to open now.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to close when the event starts."),
    )
    code_of_conduct_url = models.URLField(
        _("code of conduct link"),
        blank=True,
        help_text=_("Leave empty to use this site's code of conduct."),
    )
    default_privacy = models.CharField(
        _("default privacy for sessions"),
        max_length=20,
        choices=PrivacyMode.choices,
        default=PrivacyMode.OPEN,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_it_starts",
            )
        ]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title

    @property
    def registration_closes(self) -> datetime:
        """When registration closes: the organiser's choice, else the start of the event."""
        return self.registration_closes_at or self.starts_at

    def local(self, moment: datetime) -> str:
        """A moment written in the event's own time zone, for messages."""
        return date_format(moment.astimezone(ZoneInfo(self.time_zone)), "j F Y, H:i")

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.time_zone not in available_timezones():
            errors["time_zone"] = _("Choose a time zone from the list, such as Europe/London.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it starts.")
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = _("Capacity must be at least 1.")
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        elif closes and self.ends_at and closes > self.ends_at:
            errors["registration_closes_at"] = _("Registration must close before the event ends.")
        if errors:
            raise ValidationError(errors)


class Room(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=80)
    capacity = models.PositiveIntegerField(_("capacity"))
    step_free = models.BooleanField(_("step-free access"), default=True)
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    class Meta:
        ordering = ["event", "name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="room_name_unique_in_event"),
            models.CheckConstraint(
                condition=models.Q(capacity__gt=0), name="room_capacity_positive"
            ),
        ]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = _("A room must hold at least 1 person.")
        if self.event_id and self.name:
            same_name = Room.objects.filter(event_id=self.event_id, name__iexact=self.name)
            if same_name.exclude(pk=self.pk).exists():
                errors["name"] = _("This event already has a room with this name.")
        if errors:
            raise ValidationError(errors)


class Slot(models.Model):
    class Kind(models.TextChoices):
        SESSIONS = "sessions", _("Sessions")
        PLENARY = "plenary", _("Plenary")
        BREAK = "break", _("Break")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SESSIONS)
    label = models.CharField(_("label"), max_length=80, blank=True)

    class Meta:
        ordering = ["event", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="slot_ends_after_it_starts",
            )
        ]
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")

    def __str__(self) -> str:
        return self.label or f"{self.starts_at:%H:%M}"

    def clean(self) -> None:
        if not (self.starts_at and self.ends_at):
            return
        if self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The slot must end after it starts.")})
        if not self.event_id:
            return
        event = self.event
        if self.starts_at < event.starts_at:
            raise ValidationError(
                {
                    "starts_at": _("The slot must start when the event does (%(when)s) or later.")
                    % {"when": event.local(event.starts_at)}
                }
            )
        if self.ends_at > event.ends_at:
            raise ValidationError(
                {
                    "ends_at": _("The slot must end when the event does (%(when)s) or earlier.")
                    % {"when": event.local(event.ends_at)}
                }
            )
        overlapping = (
            Slot.objects.filter(
                event_id=self.event_id, starts_at__lt=self.ends_at, ends_at__gt=self.starts_at
            )
            .exclude(pk=self.pk)
            .first()
        )
        if overlapping is not None:
            raise ValidationError(
                {
                    "starts_at": _("The slot overlaps the slot from %(start)s to %(end)s.")
                    % {
                        "start": event.local(overlapping.starts_at),
                        "end": event.local(overlapping.ends_at),
                    }
                }
            )


class Registration(models.Model):
    """A member's place (or waitlist place) at an event."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    # The place in the queue: join time, reset when a cancelled member registers again.
    queued_at = models.DateTimeField(_("joined the queue"), default=timezone.now, db_index=True)
    discipline = models.ForeignKey(
        "members.Discipline",
        verbose_name=_("discipline"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.CharField(_("organisation"), max_length=120, blank=True)
    code_of_conduct_accepted_at = models.DateTimeField(
        _("accepted the code of conduct"), null=True, blank=True
    )
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    access_needs = models.TextField(_("access needs"), max_length=1000, blank=True)
    # Structured, so the grid can act on it: the sessions this attendee wants need a
    # step-free room (oneteam/timetable/problem.py).
    needs_step_free = models.BooleanField(_("needs step-free access"), default=False)
    dietary_needs = models.TextField(_("dietary needs"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_member")
        ]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return f"{self.user} at {self.event} ({self.status})"


class EventTask(models.Model):
    """One job on the organising team's list for an event (venue, catering, comms...)."""

    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        DOING = "doing", _("In progress")
        DONE = "done", _("Done")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=150)
    area = models.CharField(_("area"), max_length=40, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_tasks",
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.TODO
    )

    class Meta:
        ordering = ["event", "due_on", "pk"]
        verbose_name = _("event task")
        verbose_name_plural = _("event tasks")

    def __str__(self) -> str:
        return self.title
