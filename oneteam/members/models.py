from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Discipline(models.Model):
    """A profession members identify with (policy, digital, ...). Editable by admins."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=60)
    description = models.CharField(_("description"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """How a member presents themselves to the community. Never holds the email address."""

    class Visibility(models.TextChoices):
        MEMBERS = "members", _("Signed-in members only")
        PUBLIC = "public", _("Anyone, including people who are not signed in")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    handle = models.SlugField(_("profile address"), max_length=40, unique=True)
    display_name = models.CharField(_("display name"), max_length=80)
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    discipline = models.ForeignKey(
        Discipline,
        verbose_name=_("primary discipline"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="profiles",
    )
    organisation = models.CharField(_("organisation"), max_length=120, blank=True)
    role = models.CharField(_("role"), max_length=120, blank=True)
    ask_me_about = models.TextField(_("ask me about"), max_length=1000, blank=True)
    working_to_change = models.TextField(
        _("what I'm working to change"), max_length=1000, blank=True
    )
    visibility = models.CharField(
        _("who can see my profile"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.display_name
