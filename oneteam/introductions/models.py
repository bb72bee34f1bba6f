"""Pairing rounds: who opted in, the rounds organisers open, and the introductions they make.

A round's introductions are all written in one transaction when the round finishes, so a round
is either complete or has none (a failed round is retried by opening it again).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from oneteam.chapters.models import Chapter

COMMUNITY_SCOPE = "community"


def scope_key(chapter: Chapter | None) -> str:
    """One string per scope (community-wide or a chapter), so a unique constraint can hold one
    open round per scope on every database (NULLs are distinct in unique constraints)."""
    return COMMUNITY_SCOPE if chapter is None else f"chapter-{chapter.pk}"


class OptIn(models.Model):
    """A member taking part in rounds of one scope: a chapter, or the whole community (no
    chapter). Opting out deletes the row."""

    class Meeting(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")

    class Frequency(models.TextChoices):
        EVERY_ROUND = "every_round", _("Every round")
        MONTHLY = "monthly", _("At most once a month")
        QUARTERLY = "quarterly", _("At most once a quarter")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="introduction_opt_ins"
    )
    chapter = models.ForeignKey(
        Chapter,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="introduction_opt_ins",
        help_text=_("Empty for community-wide rounds."),
    )
    meeting = models.CharField(
        _("how to meet"), max_length=10, choices=Meeting.choices, default=Meeting.ONLINE
    )
    frequency = models.CharField(
        _("how often"), max_length=12, choices=Frequency.choices, default=Frequency.EVERY_ROUND
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user", "chapter__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "chapter"],
                condition=Q(chapter__isnull=False),
                name="one_opt_in_per_chapter",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(chapter__isnull=True),
                name="one_community_opt_in",
            ),
        ]
        verbose_name = _("opt-in to introductions")
        verbose_name_plural = _("opt-ins to introductions")

    def __str__(self) -> str:
        return f"{self.user} in {self.chapter or 'the community'}"


class Round(models.Model):
    """One pairing round of a scope, run as a background job with the progress organisers see."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, null=True, blank=True, related_name="pairing_rounds"
    )
    scope = models.CharField(max_length=40, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    progress = models.FloatField(_("progress"), default=0.0)
    note = models.CharField(_("note"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    taking_part = models.PositiveIntegerField(_("members taking part"), default=0)
    # People left out, in words: [{"name": ..., "reason": ...}] (names, never ids or emails).
    unmatched = models.JSONField(_("left out"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["scope"],
                condition=Q(status__in=["queued", "running"]),
                name="one_open_round_per_scope",
            )
        ]
        verbose_name = _("pairing round")
        verbose_name_plural = _("pairing rounds")

    def __str__(self) -> str:
        return f"Round for {self.scope_name} ({self.status})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.scope = scope_key(self.chapter)
        super().save(*args, **kwargs)

    @property
    def scope_name(self) -> str:
        return self.chapter.name if self.chapter else str(_("the whole community"))

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class Introduction(models.Model):
    """A group (a pair, or a trio when the count is odd) introduced by a round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="introductions")
    prompts = models.JSONField(_("conversation prompts"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    follow_up_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")

    def __str__(self) -> str:
        return f"Introduction {self.pk} in {self.round}"


class Introduced(models.Model):
    """One person in an introduction: their email choice and their answer to "did you meet?"."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Not answered yet")
        MET = "met", _("We met")
        NOT_YET = "not_yet", _("Not yet")
        WONT = "wont", _("We won't meet")

    introduction = models.ForeignKey(Introduction, on_delete=models.CASCADE, related_name="people")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="introductions"
    )
    # The chapter they were matched through (shown in their summary); None when they follow none.
    chapter = models.ForeignKey(
        Chapter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    share_email = models.BooleanField(_("share my email address"), default=False)
    outcome = models.CharField(
        _("did you meet?"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["introduction", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["introduction", "user"], name="one_place_per_introduction"
            )
        ]
        verbose_name = _("person introduced")
        verbose_name_plural = _("people introduced")

    def __str__(self) -> str:
        return f"{self.user} in introduction {self.introduction_id}"
