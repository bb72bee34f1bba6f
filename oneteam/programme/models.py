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
        MERGED = "merged", _("Merged into another session")

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
    # A host without an account, pitched for by an organiser: shown beside the hosts, never
    # linked to a profile.
    guest_host_name = models.CharField(
        _("host without an account"), max_length=80, blank=True, default=""
    )
    needs_step_free = models.BooleanField(_("needs a step-free room"), default=False)
    unavailable_slots = models.ManyToManyField(
        Slot, blank=True, related_name="+", verbose_name=_("slots the hosts cannot make")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PITCHED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Who filled in the pitch: a host, or an organiser pitching on a host's behalf.
    pitched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pitched by"),
    )
    # A merged duplicate keeps its row so that old links redirect to the surviving session.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_duplicates",
        verbose_name=_("merged into"),
    )
    queue_position = models.PositiveIntegerField(
        _("place in the pitch queue"), null=True, blank=True
    )
    # Lean Coffee: when the topic was discussed and what the room took away from it.
    discussed_at = models.DateTimeField(_("discussed at"), null=True, blank=True)
    takeaway = models.CharField(_("takeaway"), max_length=200, blank=True, default="")

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.title

    @property
    def host_names(self) -> list[str]:
        """The names shown for the hosts: members (from the prefetched hosts, in their order),
        then the host without an account. A member without a name reads "A member"."""
        names = [str(host) for host in self.hosts.all()]
        if self.guest_host_name:
            names.append(self.guest_host_name)
        return names


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


class EventProgramme(models.Model):
    """How an event runs its marketplace: pitching, dots, interest, the live pitch and timebox.

    Kept beside Event (one-to-one) rather than on it, so the programme can change without
    touching the events app. Events without a row use the field defaults.
    """

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="programme")
    pitching_open = models.BooleanField(_("pitching is open"), default=True)
    dot_budget = models.PositiveSmallIntegerField(
        _("dots per attendee"),
        null=True,
        blank=True,
        help_text=_("How many sessions each attendee may mark. Leave empty for no limit."),
    )
    # Whether attendees may mark and remove interest. Publishing the grid leaves it alone: late
    # pitches still gather interest and rooms are sized by it, until the organiser closes it.
    interest_open = models.BooleanField(_("interest is open"), default=True)
    current_pitch = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    timebox_minutes = models.PositiveSmallIntegerField(_("minutes per topic"), default=8)
    extension_minutes = models.PositiveSmallIntegerField(
        _("minutes added when the room votes to continue"), default=4
    )
    current_topic = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    current_topic_ends_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(timebox_minutes__gt=0), name="programme_timebox_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(dot_budget__isnull=True) | models.Q(dot_budget__gt=0),
                name="programme_dot_budget_positive",
            ),
        ]
        verbose_name = _("event programme")
        verbose_name_plural = _("event programmes")

    def __str__(self) -> str:
        return f"Programme for {self.event}"
