"""allauth's pages without its password ones: One Team is passwordless by design.

allauth mounts pages to set, change and reset a password whatever the sign-up fields say. With
them, anyone at a session left open could set a password and keep a way in that outlives
"sign out everywhere". We mount allauth's URL configuration minus these routes, so they are
not found (404) and cannot be linked to. The password reauthentication page
(`account_reauthenticate`) stays: allauth sends every "confirm it is you" there, and it passes
people on to the code (see reauthentication.py).
"""

from __future__ import annotations

from allauth import urls as allauth_urls
from django.urls import URLPattern, URLResolver

PASSWORD_ROUTES = frozenset(
    {
        "account_change_password",
        "account_set_password",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key",
        "account_reset_password_from_key_done",
        "account_confirm_password_reset_code",
        "account_complete_password_reset",
        "account_password_reset_completed",
    }
)


def without_password_routes(
    patterns: list[URLPattern | URLResolver],
) -> list[URLPattern | URLResolver]:
    kept: list[URLPattern | URLResolver] = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            kept.append(
                URLResolver(
                    entry.pattern,
                    without_password_routes(list(entry.url_patterns)),
                    entry.default_kwargs,
                    entry.app_name,
                    entry.namespace,
                )
            )
        elif entry.name not in PASSWORD_ROUTES:
            kept.append(entry)
    return kept


urlpatterns = without_password_routes(allauth_urls.urlpatterns)
