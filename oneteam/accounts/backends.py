"""The only authentication backend: it finds signed-in people, it never checks a password.

One Team signs people in by a code emailed to them (or by single sign-on); allauth logs them in
with the user object it has already verified, and needs a backend only to load that user on
later requests. Django's ModelBackend and allauth's backend would also accept a password (one
set by `createsuperuser`, say) through `authenticate()`, from any form or the admin's own
login page; this one answers every such attempt with None, so a password opens nothing.
Permissions (the admin's has_perm) stay ModelBackend's.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


class SignInByCodeBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        return None
