from __future__ import annotations

from datetime import timedelta

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.contrib.auth import logout
from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

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
    """End every session of the user, this one included; returns how many ended.

    The owner is emailed (after commit): if it was not them, someone else had their account.
    """
    with transaction.atomic():
        user_sessions = list(UserSession.objects.filter(user=user))
        Session.objects.filter(session_key__in=[s.session_key for s in user_sessions]).delete()
        UserSession.objects.filter(pk__in=[s.pk for s in user_sessions]).delete()
        get_adapter(request).send_notification_mail("account/email/signed_out_everywhere", user)
    logout(request)
    return len(user_sessions)


def users_delete_unclaimed(*, older_than: timedelta = timedelta(days=1)) -> int:
    """Delete accounts made by asking for a code that nobody then entered; returns how many.

    Joining creates the account when the code is sent (see user_join_by_email), so addresses
    typed by mistake or by someone else leave accounts nobody can use. Any sign-in, a verified
    address, a profile (demo and imported members have one) or staff status marks an account
    as claimed.
    """
    cutoff = timezone.now() - older_than
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    unclaimed = (
        User.objects.filter(
            last_login__isnull=True, is_staff=False, is_superuser=False, date_joined__lt=cutoff
        )
        .exclude(pk__in=verified)
        .exclude(profile__isnull=False)
    )
    with transaction.atomic():
        _total, by_model = unclaimed.delete()
    return by_model.get(User._meta.label, 0)
