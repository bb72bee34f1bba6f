from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oneteam.accounts.models import User


class AccountAdapter(DefaultAccountAdapter):
    """Hook for allauth; One Team's sign-in rules live in settings.ACCOUNT_*."""

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        # A new member's first stop is their profile: without one they are invisible.
        if not hasattr(request.user, "profile"):
            return reverse("members:profile_edit")
        url: str = super().get_login_redirect_url(request)
        return url

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        if request.user.is_authenticated and not hasattr(request.user, "profile"):
            return reverse("members:profile_edit")
        url: str = super().get_signup_redirect_url(request)
        return url

    def get_reauthentication_methods(self, user: User | AnonymousUser) -> list[dict[str, object]]:
        methods: list[dict[str, object]] = super().get_reauthentication_methods(user)
        if not user.is_authenticated:
            return methods
        by_code: dict[str, object] = {
            "id": "reauthenticate_by_code",
            "description": _("Get a code by email"),
            "url": reverse("accounts:reauthenticate_by_code"),
        }
        # Most members have no password: the code comes first unless they have set one.
        return [*methods, by_code] if user.has_usable_password() else [by_code, *methods]
