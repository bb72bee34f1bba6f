from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

_EMAIL_CONFIRMED = "account/messages/email_confirmed.txt"
_LOGGED_IN = "account/messages/logged_in.txt"


class AccountAdapter(DefaultAccountAdapter):
    """Hook for allauth; One Team's sign-in rules live in settings.ACCOUNT_*."""

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        # A newcomer's code both confirms their address and signs them in: one banner saying
        # they are signed in is enough. (Confirming another address later still says so.)
        if message_template == _EMAIL_CONFIRMED and not request.user.is_authenticated:
            return
        if message_template == _LOGGED_IN:
            # allauth names the person by their account ("User 12" until they have a profile).
            user = (message_context or {}).get("user", request.user)
            profile = getattr(user, "profile", None)
            name = profile.display_name if profile is not None else ""
            message = (
                _("You are signed in as %(name)s.") % {"name": name}
                if name
                else _("You are signed in.")
            )
        super().add_message(
            request,
            level,
            message_template=message_template,
            message_context=message_context,
            extra_tags=extra_tags,
            message=message,
        )

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
