"""Signed, expiring "done" and "drop" links for an action, sent in its reminder.

The signature is the access check (one salt for this purpose only), so a link cannot be forged
for someone else's action or replayed for another purpose, and it stops working after
LINK_MAX_AGE.
"""

from __future__ import annotations

from datetime import timedelta

from django.core import signing

_SALT = "oneteam.outcomes.action-link"
LINK_MAX_AGE = timedelta(days=60)
VERBS = ("done", "drop")


def make_action_token(action_pk: int, verb: str) -> str:
    if verb not in VERBS:
        raise ValueError(f"unknown action link verb {verb!r}")
    return signing.TimestampSigner(salt=_SALT).sign_object([action_pk, verb])


def read_action_token(token: str) -> tuple[int, str]:
    """(action id, verb); raises signing.SignatureExpired or signing.BadSignature."""
    pk, verb = signing.TimestampSigner(salt=_SALT).unsign_object(token, max_age=LINK_MAX_AGE)
    if not isinstance(pk, int) or verb not in VERBS:
        raise signing.BadSignature("malformed action link")
    return pk, verb
