from __future__ import annotations

from allauth.usersessions.models import UserSession
from django.contrib.auth import logout
from django.contrib.sessions.models import Session
from django.http import HttpRequest

from oneteam.accounts.models import User


def user_sign_out_everywhere(*, request: HttpRequest, user: User) -> int:
    """End every session of the user, this one included; returns how many ended."""
    ended = 0
    for user_session in UserSession.objects.filter(user=user):
        Session.objects.filter(session_key=user_session.session_key).delete()
        user_session.delete()
        ended += 1
    logout(request)
    return ended
