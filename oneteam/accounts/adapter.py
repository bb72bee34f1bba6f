from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core.internal.httpkit import HTTP_USER_AGENT_MAX_LENGTH
from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oneteam.accounts.models import User

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
        url: str = super().get_login_redirect_url(request)
        return url

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        if request.user.is_authenticated and not hasattr(request.user, "profile"):
            return reverse("members:profile_edit")
        url: str = super().get_signup_redirect_url(request)
        return url

    def get_reauthentication_methods(self, user: User | AnonymousUser) -> list[dict[str, object]]:
        # One Team has no passwords: an old one must never count as proof (see allauth_urls.py).
        methods: list[dict[str, object]] = [
            m for m in super().get_reauthentication_methods(user) if m["id"] != "reauthenticate"
        ]
        if not user.is_authenticated:
            return methods
        by_code: dict[str, object] = {
            "id": "reauthenticate_by_code",
            "description": _("Get a code by email"),
            "url": reverse("accounts:reauthenticate_by_code"),
        }
        return [by_code, *methods]

    def confirm_email(self, request: HttpRequest, email_address: EmailAddress) -> bool:
        """Mark an address verified; if the account already had one, tell its owner there.

        A verified address is a way to sign in (codes can be sent to it), so adding one is as
        sensitive as changing the address; allauth sends no notice for it.
        """
        owner_address = (
            EmailAddress.objects.filter(user_id=email_address.user_id, verified=True)
            .exclude(email__iexact=email_address.email)
            .order_by("-primary", "pk")
            .first()
        )
        confirmed: bool = super().confirm_email(request, email_address)
        if confirmed and owner_address is not None:
            self.send_notification_mail(
                "account/email/email_added",
                email_address.user,
                {"added_email": email_address.email},
                email=owner_address.email,
            )
        return confirmed

    def send_account_already_exists_mail(self, email: str) -> None:
        # allauth's version points to the password reset page, which One Team does not have.
        signin_url = self.request.build_absolute_uri(reverse("account_login"))
        self.send_mail(
            "account/email/account_already_exists",
            email,
            {"email": email, "signin_url": signin_url},
        )

    def send_notification_mail(
        self,
        template_prefix: str,
        user: Any,
        context: dict[str, Any] | None = None,
        email: str | None = None,
    ) -> None:
        """Tell the owner about a change to their account, once the change is saved.

        allauth calls this (ACCOUNT_EMAIL_NOTIFICATIONS) inside the request that made the
        change; we render the message now (it names the browser and address that made the
        change) and send it after the transaction commits, so a change that rolls back tells
        nobody, and a mail server that fails is logged instead of undoing the change.
        """
        if not app_settings.EMAIL_NOTIFICATIONS:
            return
        email = email or EmailAddress.objects.get_primary_email(user) or user.email
        if not email:
            return
        request = self.request
        ctx: dict[str, Any] = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            "timestamp": timezone.now(),
            "ip": self.get_client_ip(request),
            "user_agent": self.get_http_user_agent(request)[:HTTP_USER_AGENT_MAX_LENGTH],
            "account_url": request.build_absolute_uri(reverse("accounts:settings")),
            **(context or {}),
        }
        message = self.render_mail(template_prefix, email, ctx)
        transaction.on_commit(message.send, robust=True)
