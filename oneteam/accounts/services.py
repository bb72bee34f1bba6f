from __future__ import annotations

from allauth.account.adapter import get_adapter
from allauth.usersessions.models import UserSession
from django.contrib.auth import logout
from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction
from django.http import HttpRequest

from oneteam.accounts.models import User


def user_join_by_email(*, request: HttpRequest, email: str) -> User | None:
    """Create the account for an address nobody uses yet, so the sign-in code lets them join.

    The account holds nothing until its owner enters the code sent to the address (which also
    marks the address verified), so creating it early gives nobody anything. Returns None when
    sign-ups are closed or the address belongs to an account that cannot sign in.
    """
    if not get_adapter().is_open_for_signup(request):
        return None
    if User.objects.filter(email__iexact=email).exists():
        return None
    try:
        with transaction.atomic():
            return User.objects.create_user(email=email)
    except IntegrityError:  # the same address, joining twice at the same moment
        return None


def user_sign_out_everywhere(*, request: HttpRequest, user: User) -> int:
    """End every session of the user, this one included; returns how many ended."""
    with transaction.atomic():
        user_sessions = list(UserSession.objects.filter(user=user))
        Session.objects.filter(session_key__in=[s.session_key for s in user_sessions]).delete()
        UserSession.objects.filter(pk__in=[s.pk for s in user_sessions]).delete()
    logout(request)
    return len(user_sessions)
