from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from oneteam.events.models import Event, PrivacyMode, Slot


class Session(models.Model):
    """A session pitched for an un-conference (or a Lean Coffee topic)."""

    class Format(models.TextChoices):
        DISCUSSION = "discussion", _("Discussion")
        WORKSHOP = "workshop", _("Workshop")
        SHOW_AND_TELL = "show_and_tell", _("Show and tell")
        ASK_ME_ANYTHING = "ama", _("Ask me anything")
        LEAN_COFFEE = "lean_coffee", _("Lean Coffee topic")

    class Status(models.TextChoices):
        PITCHED = "pitched", _("Pitched")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.DISCUSSION
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    privacy = models.CharField(
        _("privacy"), max_length=20, choices=PrivacyMode.choices, default=PrivacyMode.OPEN
    )
    hosts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="hosted_sessions", verbose_name=_("hosts")
    )
    needs_step_free = models.BooleanField(_("needs a step-free room"), default=False)
    unavailable_slots = models.ManyToManyField(
        Slot, blank=True, related_name="+", verbose_name=_("slots the hosts cannot make")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PITCHED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.title


class Interest(models.Model):
    """An attendee marking that they want to attend a session. One row per person and session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="interests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interests"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_interest_per_member")
        ]
        verbose_name = _("interest")
        verbose_name_plural = _("interests")

    def __str__(self) -> str:
        return f"{self.user} → {self.session}"
