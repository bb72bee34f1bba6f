from __future__ import annotations

from typing import Any

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

    def get_reauthentication_methods(self, user: Any) -> list[dict]:
        # One Team has no passwords: an old one must never count as proof (see allauth_urls.py).
        methods = [
            m for m in super().get_reauthentication_methods(user) if m["id"] != "reauthenticate"
        ]
        if not user.is_authenticated:
            return methods
        by_code = {
            "id": "reauthenticate_by_code",
            "description": _("Get a code by email"),
            "url": reverse("accounts:reauthenticate_by_code"),
        }
        return [by_code, *methods]

    def send_account_already_exists_mail(self, email: str) -> None:
        # allauth's version points to the password reset page, which One Team does not have.
        signin_url = self.request.build_absolute_uri(reverse("account_login"))
        self.send_mail(
            "account/email/account_already_exists",
            email,
            {"email": email, "signin_url": signin_url},
        )
