from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Chapter(models.Model):
    """A local community (London, Scotland, ...) run by volunteer organisers."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.CharField(_("region"), max_length=100, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")

    def __str__(self) -> str:
        return self.name


class ChapterMembership(models.Model):
    """A member following a chapter, and whether they organise it."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        ORGANISER = "organiser", _("Organiser")

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chapter_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["chapter", "user"], name="one_membership_per_chapter")
        ]
        verbose_name = _("chapter membership")
        verbose_name_plural = _("chapter memberships")

    def __str__(self) -> str:
        return f"{self.user} in {self.chapter} ({self.role})"


class ChecklistItem(models.Model):
    """A reusable organising task: copied onto each new event's task list."""

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="checklist")
    title = models.CharField(_("task"), max_length=150)
    area = models.CharField(_("area"), max_length=40, blank=True)
    days_before = models.PositiveSmallIntegerField(
        _("days before the event"),
        default=14,
        help_text=_("The task is due this many days before the event starts."),
    )

    class Meta:
        ordering = ["chapter", "-days_before", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.title


class OrganiserCall(models.Model):
    """The organising team's regular call (weekly, on the side of their day jobs)."""

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="calls")
    starts_at = models.DateTimeField(_("starts at"))
    joining_details = models.CharField(
        _("how to join"),
        max_length=300,
        blank=True,
        help_text=_("A video call link or a place."),
    )
    agenda = models.TextField(
        _("agenda"), max_length=5000, blank=True, help_text=_("Markdown is allowed.")
    )

    class Meta:
        ordering = ["chapter", "starts_at"]
        verbose_name = _("organisers' call")
        verbose_name_plural = _("organisers' calls")

    def __str__(self) -> str:
        return f"{self.chapter} {self.starts_at:%Y-%m-%d %H:%M}"
