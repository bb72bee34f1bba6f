"""Disconnecting single sign-on when the account has no password (none do: passwordless).

What we found in allauth 65.21: `validate_disconnect` refuses to remove someone's last
single-sign-on account unless they have a usable password, since without one it assumes they
could not sign in again. One Team members sign in by a code sent to a verified address, so
that is what must remain. `install()` (run from AccountsConfig.ready) swaps the check.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.internal.flows import connect
from allauth.socialaccount.models import SocialAccount
from django.http import HttpRequest


def validate_disconnect(request: HttpRequest, account: Any) -> None:
    accounts = SocialAccount.objects.filter(user_id=account.user_id)
    is_last = not accounts.exclude(pk=account.pk).exists()
    adapter = get_adapter()
    if is_last and not EmailAddress.objects.filter(user_id=account.user_id, verified=True).exists():
        raise adapter.validation_error("no_verified_email")
    adapter.validate_disconnect(account, accounts)


def install() -> None:
    if not hasattr(connect, "validate_disconnect"):  # fail loudly rather than keep the old rule
        raise RuntimeError("allauth changed: connect.validate_disconnect is gone")
    connect.validate_disconnect = validate_disconnect
