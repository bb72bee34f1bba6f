"""System checks for settings that would leave a running site unsafe or unusable.

Registered without `deploy=True`, so they run with every management command that checks
(`oneteam check`, `migrate`, `collectstatic`, ...), not only under `check --deploy`; and, by
their tag, when the ASGI application starts (`refuse_to_serve_with_errors`). Only ours run
there: they read settings alone, where Django's model checks would open a database connection.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

# The tag of the checks the ASGI application runs as it starts.
STARTUP = "oneteam_startup"


@checks.register(checks.Tags.security, STARTUP)
def production_sends_email(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Sign-in is by a code sent by email: production without SMTP locks everyone out."""
    if not settings.PRODUCTION or settings.SMTP_HOST:
        return []
    return [
        checks.Error(
            "ONETEAM_ENV is production but SMTP_HOST is not set, so no sign-in code could be "
            "sent and nobody could sign in.",
            hint="Set SMTP_HOST (and SMTP_USER, SMTP_PASSWORD) to the site's mail server; "
            "see docs/configuration.md.",
            id="oneteam.E001",
        )
    ]


def refuse_to_serve_with_errors() -> None:
    """Raise when one of our checks reports an error, as `runserver` would refuse to serve."""
    errors = [
        message
        for message in checks.run_checks(tags=[STARTUP])
        if message.is_serious() and not message.is_silenced()
    ]
    if errors:
        raise ImproperlyConfigured(
            "One Team will not start until these are fixed:\n"
            + "\n".join(str(message) for message in errors)
        )
