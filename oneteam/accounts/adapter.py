from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _


class AccountAdapter(DefaultAccountAdapter):
    """Hook for allauth; One Team's sign-in rules live in settings.ACCOUNT_*."""

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        # A new member's first stop is their profile: without one they are invisible.
        if not hasattr(request.user, "profile"):
            return reverse("members:profile_edit")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        if request.user.is_authenticated and not hasattr(request.user, "profile"):
            return reverse("members:profile_edit")
        return super().get_signup_redirect_url(request)

    def get_reauthentication_methods(self, user) -> list[dict]:
        methods = super().get_reauthentication_methods(user)
        if not user.is_authenticated:
            return methods
        by_code = {
            "id": "reauthenticate_by_code",
            "description": _("Get a code by email"),
            "url": reverse("accounts:reauthenticate_by_code"),
        }
        # Most members have no password: the code comes first unless they have set one.
        return [*methods, by_code] if user.has_usable_password() else [by_code, *methods]
