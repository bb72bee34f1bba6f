"""Signed links in emails: cancel a registration, and a ticket's check-in link (the QR code).

The signature (SECRET_KEY, one salt per purpose) is what grants access, so a link for one
purpose cannot be replayed for the other, and no guessable id ever appears in a URL.
"""

from __future__ import annotations

from django.core import signing

_CANCEL_SALT = "oneteam.events.cancel-registration"
_CHECK_IN_SALT = "oneteam.events.check-in"


def make_cancel_token(registration_pk: int) -> str:
    return signing.dumps(registration_pk, salt=_CANCEL_SALT)


def read_cancel_token(token: str) -> int:
    return int(signing.loads(token, salt=_CANCEL_SALT))


def make_check_in_token(registration_pk: int) -> str:
    return signing.dumps(registration_pk, salt=_CHECK_IN_SALT)


def read_check_in_token(token: str) -> int:
    return int(signing.loads(token, salt=_CHECK_IN_SALT))
