"""The signed-in member behind a request, typed as such."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from oneteam.accounts.models import User


def signed_in_user(request: HttpRequest) -> User:
    """The member making the request, for views that only a signed-in member reaches
    (behind `login_required`, or after checking `request.user.is_authenticated`).

    `request.user` may be an anonymous visitor as far as the types know; this narrows it once,
    here. Should a view call it for a visitor after all, the visitor is refused (403) rather than
    handed to a service as if signed in."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
