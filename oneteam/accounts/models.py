from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **fields: Any) -> User:
        if not email:
            raise ValueError("An email address is required")
        if password:
            # Passwordless by design: everyone, staff included, signs in by an emailed code.
            raise ValueError("One Team has no passwords: people sign in by a code sent by email")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_unusable_password()
        user.save(using=self._db)
        record_email_address(user)
        return user

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **fields)


def record_email_address(user: User) -> None:
    """Put the user's address in allauth's EmailAddress table, unverified, if it is not there.

    allauth looks for addresses there: with the row in place, the first sign-in by code marks
    it verified, instead of asking for a second code to verify the address.
    """
    from allauth.account.models import EmailAddress

    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": False}
    )


class User(AbstractUser):
    """A person who can sign in. Identified by email, which only they and admins ever see."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    is_moderator = models.BooleanField(
        _("moderator"),
        default=False,
        help_text=_("Moderators review reports and can see who wrote anonymous posts."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    # The stubs type AbstractUser.objects as contrib's UserManager, which creates users by
    # username; a custom user keyed by email replaces it, as Django's docs describe.
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        """The name others see. Never the id nor the email: someone who has not given a name
        yet is "A member" (the admin lists people by email instead)."""
        profile = getattr(self, "profile", None)
        name = profile.display_name.strip() if profile is not None else ""
        return name or gettext("A member")
