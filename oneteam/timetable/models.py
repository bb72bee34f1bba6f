"""The grid on the day: schedule versions, their placements, pins, build jobs and agenda feeds.

A version is a whole grid for one event. At most one version of an event is current (the
published one). A published version is never edited again: adjusting it starts a new draft
version based on it, so every grid attendees have seen can be viewed and restored.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from oneteam.events.models import Event, Room, Slot
from oneteam.programme.models import Session


class ScheduleVersion(models.Model):
    class Origin(models.TextChoices):
        BUILT = "built", _("Built by the scheduler")
        REPAIRED = "repaired", _("Repaired after late pitches")
        ADJUSTED = "adjusted", _("Adjusted by hand")
        RESTORED = "restored", _("Restored from an earlier version")
        CANCELLED = "cancelled", _("A session cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="schedule_versions")
    number = models.PositiveIntegerField(_("version"))
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices)
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the version is first published; a published version is never edited again.
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    is_current = models.BooleanField(_("current"), default=False)
    # The spec's cost document ({"total", "clashes", "overflow", "moves", "unscheduled"}),
    # recounted by `oneteam.scheduling.evaluate` whenever the placements change.
    cost = models.JSONField(_("cost"), default=dict)
    lower_bound = models.FloatField(_("proven lower bound"), null=True, blank=True)
    solver = models.JSONField(_("solver"), default=dict, blank=True)
    # [{"session": <Session pk>, "reason": str}] for sessions the grid leaves out.
    unscheduled = models.JSONField(_("unscheduled sessions"), default=list, blank=True)

    class Meta:
        ordering = ["event", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="version_number_unique"),
            models.UniqueConstraint(
                fields=["event"],
                condition=models.Q(is_current=True),
                name="one_current_version_per_event",
            ),
        ]
        verbose_name = _("schedule version")
        verbose_name_plural = _("schedule versions")

    def __str__(self) -> str:
        return f"{self.event} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.published_at is None


class Placement(models.Model):
    version = models.ForeignKey(
        ScheduleVersion, on_delete=models.CASCADE, related_name="placements"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="placements")
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="+")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "session"], name="placed_once_per_version"),
            models.UniqueConstraint(
                fields=["version", "room", "slot"], name="one_session_per_room_slot"
            ),
        ]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")

    def __str__(self) -> str:
        return f"{self.session} in {self.room} at {self.slot}"


class SessionPin(models.Model):
    """An organiser's decision the scheduler must keep: this session in this room and/or slot."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="pin")
    room = models.ForeignKey(
        Room, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    slot = models.ForeignKey(
        Slot, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(room__isnull=False) | models.Q(slot__isnull=False),
                name="pin_fixes_room_or_slot",
            )
        ]
        verbose_name = _("pin")
        verbose_name_plural = _("pins")

    def __str__(self) -> str:
        return f"{self.session} pinned"


class ScheduleBuild(models.Model):
    """One run of the scheduler as a background job, with the progress the organiser sees."""

    class Mode(models.TextChoices):
        BUILD = "build", _("Build a new grid")
        REPAIR = "repair", _("Repair the published grid")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="schedule_builds")
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.BUILD)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    time_limit = models.FloatField(_("time limit in seconds"), default=10.0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    progress = models.FloatField(_("progress"), default=0.0)
    best_total = models.FloatField(_("best cost so far"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    version = models.ForeignKey(
        ScheduleVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["event", "-created_at", "-pk"]
        verbose_name = _("schedule build")
        verbose_name_plural = _("schedule builds")

    def __str__(self) -> str:
        return f"{self.get_mode_display()} for {self.event} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class ScheduleChange(models.Model):
    """A session someone cares about (as host or interested attendee) moved or was dropped
    when a version was published; shown on their agenda until they dismiss it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="schedule_changes"
    )
    version = models.ForeignKey(ScheduleVersion, on_delete=models.CASCADE, related_name="changes")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    from_room = models.ForeignKey(Room, on_delete=models.SET_NULL, null=True, related_name="+")
    from_slot = models.ForeignKey(Slot, on_delete=models.SET_NULL, null=True, related_name="+")
    # Null when the session is no longer in the grid.
    to_room = models.ForeignKey(Room, on_delete=models.SET_NULL, null=True, related_name="+")
    to_slot = models.ForeignKey(Slot, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "version", "session"], name="one_change_notice_per_version"
            )
        ]
        verbose_name = _("schedule change notice")
        verbose_name_plural = _("schedule change notices")

    def __str__(self) -> str:
        return f"{self.session} moved (for {self.user})"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class AgendaFeed(models.Model):
    """A member's private iCalendar feed of the sessions they marked, across events.

    The token is the only credential (calendar apps cannot sign in), so it is long and random,
    and revoking it deletes the row: the old address stops working at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agenda feed")
        verbose_name_plural = _("agenda feeds")

    def __str__(self) -> str:
        return f"Agenda feed of {self.user}"
