"""One-time codes are kept in the session only as a keyed hash (OWASP ASVS 2.5 / 2.7).

What we found in allauth 65.21: `LoginCodeVerificationProcess.generate_code` and
`EmailVerificationProcess.generate_code` put the plain code in `state["code"]`, and that state
is saved in the session, which our database session backend writes to the `django_session`
table. Anyone who can read that table could sign in as whoever is waiting for a code.

allauth has no hook for this, so `install()` (run from AccountsConfig.ready) replaces those two
methods: the state keeps an HMAC of the code (keyed by SECRET_KEY) and the plain code lives only
on the process object long enough to be emailed. The confirmation forms in `forms.py` hash what
the person typed and compare in constant time. Everything else stays allauth's: codes come
from `secrets` via `get_random_string`, expire after ACCOUNT_LOGIN_BY_CODE_TIMEOUT, allow
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS tries, and end with the stage they belong to (single use).
tests/accounts/test_codes.py fails if an allauth upgrade brings the plain code back.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.email_verification_by_code import EmailVerificationProcess
from allauth.account.internal.flows.login_by_code import LoginCodeVerificationProcess
from allauth.core.internal.cryptokit import normalize_user_code
from django.utils.crypto import constant_time_compare, salted_hmac

_SALT = "oneteam.accounts.codes"
HASH_PREFIX = "hmac-sha256$"


def hash_code(code: str) -> str:
    """The stored form of a code; spaces, dashes and case do not matter (codes get pasted)."""
    digest = salted_hmac(_SALT, normalize_user_code(code), algorithm="sha256").hexdigest()
    return HASH_PREFIX + digest


def code_matches(*, entered: str, stored_hash: str | None) -> bool:
    if not entered or not stored_hash or not stored_hash.startswith(HASH_PREFIX):
        return False
    return constant_time_compare(hash_code(entered), stored_hash)


def _login_generate_code(self: Any) -> str:
    email = self.state.get("email")
    if not email:  # codes by text message are not offered; keep allauth's own path
        original: str = _original_login_generate_code(self)
        return original
    code: str = get_adapter().generate_login_code()
    self.state["code"] = hash_code(code)
    return code


def _email_generate_code(self: Any) -> None:
    code = get_adapter().generate_email_verification_code()
    self._plain_code = code
    self.state["code"] = hash_code(code)


def _email_key(self: Any) -> str:
    # allauth reads `key` to put the code in the email; only this process object knows it.
    return getattr(self, "_plain_code", "")


_original_login_generate_code = LoginCodeVerificationProcess.generate_code


def install() -> None:
    if getattr(LoginCodeVerificationProcess, "_oneteam_hashed", False):
        return
    for cls, name in (
        (LoginCodeVerificationProcess, "generate_code"),
        (EmailVerificationProcess, "generate_code"),
        (EmailVerificationProcess, "key"),
    ):
        if not hasattr(cls, name):  # fail loudly rather than silently store plain codes
            raise RuntimeError(f"allauth changed: {cls.__name__}.{name} is gone")
    LoginCodeVerificationProcess.generate_code = _login_generate_code
    EmailVerificationProcess.generate_code = _email_generate_code
    EmailVerificationProcess.key = property(_email_key)
    LoginCodeVerificationProcess._oneteam_hashed = True
