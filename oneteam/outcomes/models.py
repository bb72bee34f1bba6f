"""What an event leaves behind: session notes with their history, actions people commit to,
and the attendees' feedback."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from oneteam.events.models import Event
from oneteam.programme.models import Session

NOTES_MAX_LENGTH = 100_000
SUMMARY_MAX_LENGTH = 1_500


class SessionNotes(models.Model):
    """A session's notes as they stand, and the number of their latest revision.

    `revision` is the optimistic lock: a save names the revision it started from and wins only
    if that is still the latest (a conditional UPDATE), so two people saving at once can never
    both win and silently overwrite each other.
    """

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("notes"), blank=True, default="")
    revision = models.PositiveIntegerField(_("revision"), default=0)
    # Off the record: no notes, only what the room learned that others could use.
    summary = models.TextField(_("wider learning"), blank=True, default="")
    summary_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("session notes")
        verbose_name_plural = _("session notes")

    def __str__(self) -> str:
        return f"Notes of {self.session}"


class NoteRevision(models.Model):
    """One saved version of a session's notes, kept in full (the diff is worked out on demand)."""

    notes = models.ForeignKey(SessionNotes, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    text = models.TextField(_("notes"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="note_revisions",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["notes", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["notes", "number"], name="one_revision_per_number")
        ]
        verbose_name = _("notes revision")
        verbose_name_plural = _("notes revisions")

    def __str__(self) -> str:
        return f"{self.notes} #{self.number}"


class Action(models.Model):
    """Something an attendee commits to do: "I will…"."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="actions")
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("session"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="actions"
    )
    text = models.CharField(_("I will…"), max_length=300)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Claimed (set) before the reminder is sent, in its own committed transaction, so a
    # reminder is never sent twice however often the batch runs or dies.
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event", "created_at", "pk"]
        indexes = [
            models.Index(fields=["status", "reminder_sent_at"], name="action_reminder_due_idx")
        ]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.text


class Feedback(models.Model):
    """One attendee's view of the event: a rating from 1 to 5 and what they want to say."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_feedback"
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    text = models.TextField(_("comments"), max_length=3000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_feedback_per_attendee"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            ),
        ]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"Feedback on {self.event}"
