"""The signed "did you meet?" link in the follow-up email.

The signature (SECRET_KEY and this purpose's salt) is the access check: the link names one
person's place in one introduction and works without signing in, for FOLLOW_UP_MAX_AGE.
"""

from __future__ import annotations

from datetime import timedelta

from django.core import signing

_SALT = "oneteam.introductions.follow-up"
FOLLOW_UP_MAX_AGE = timedelta(days=60)


class LinkExpired(Exception):
    """The link was genuine but is older than FOLLOW_UP_MAX_AGE."""


def make_follow_up_token(introduced_pk: int) -> str:
    return signing.TimestampSigner(salt=_SALT).sign(str(introduced_pk))


def read_follow_up_token(token: str) -> int:
    """The person's place the link names. Raises LinkExpired for an old link and
    signing.BadSignature for anything else that is not ours."""
    signer = signing.TimestampSigner(salt=_SALT)
    try:
        value = signer.unsign(token, max_age=FOLLOW_UP_MAX_AGE)
    except signing.SignatureExpired:
        raise LinkExpired from None
    if not value.isdigit():
        raise signing.BadSignature("not a place in an introduction")
    return int(value)
