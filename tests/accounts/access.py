"""Access rows for sign-in, accounts and the development mailbox (see tests/access.py).

Signed-in personas are all members with a profile, so they get the same answers here.
"""

from tests.access import LOGIN, route


def _all(status):
    return {"anonymous": status, "member": status, "organiser": status, "moderator": status}


def _signed_in(status, *, anonymous):
    return {"anonymous": anonymous, "member": status, "organiser": status, "moderator": status}


_OIDC = {"provider_id": "oidc"}  # no provider is configured in tests, so 404

ROUTES = [
    # Ours
    route("accounts:settings", **_signed_in(200, anonymous=LOGIN)),
    route("accounts:reauthenticate_by_code", **_signed_in(200, anonymous=LOGIN)),
    route("accounts:sign_out_everywhere", method="post", **_signed_in(302, anonymous=LOGIN)),
    # allauth: signing in and joining (signed-in people are sent on)
    route("account_login", **_signed_in(302, anonymous=200)),
    route("account_signup", **_signed_in(302, anonymous=200)),
    route("account_request_login_code", **_signed_in(302, anonymous=200)),
    route("account_confirm_login_code", **_signed_in(302, anonymous=302)),
    route("account_email_verification_sent", **_signed_in(302, anonymous=LOGIN)),
    route("account_inactive", **_all(200)),
    # GET on sign-out asks for confirmation; it signs nobody out
    route("account_logout", **_signed_in(200, anonymous=302)),
    # allauth: managing the account
    route("account_email", **_signed_in(200, anonymous=LOGIN)),
    # allauth's "confirm it is you" page passes everyone on to the code (no passwords)
    route("account_reauthenticate", **_signed_in(302, anonymous=LOGIN)),
    route("usersessions_list", **_signed_in(200, anonymous=LOGIN)),
    # allauth: other identity providers (OpenID Connect when configured)
    route("socialaccount_connections", **_signed_in(200, anonymous=LOGIN)),
    route("socialaccount_signup", **_all(LOGIN)),
    route("socialaccount_login_cancelled", **_all(200)),
    route("socialaccount_login_error", **_all(401)),
    route("openid_connect_login", kwargs=lambda w: _OIDC, **_all(404)),
    route("openid_connect_callback", kwargs=lambda w: _OIDC, **_all(404)),
    # allauth's old addresses, kept as permanent redirects to the new ones
    route("accounts/social/signup/", **_all(301)),
    route("accounts/social/login/cancelled/", **_all(301)),
    route("accounts/social/login/error/", **_all(301)),
    route("accounts/social/connections/", **_all(301)),
    # Development mailbox (mounted only outside production)
    route("mailbox:list", **_all(200)),
    route("mailbox:message", kwargs=lambda w: {"name": "missing.0"}, **_all(404)),
]
