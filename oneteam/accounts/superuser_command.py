"""`createsuperuser` without the password prompt: the new account signs in by emailed code.

Django's command asks for a password whenever the user model has a password field (it reads the
field's name from a module constant), and UserManager refuses every password. `install()` (run
from AccountsConfig.ready) puts our subclass in place of Django's command: Django looks for
commands in the first installed app that has one, django.contrib.auth, before ours. While it
runs, the constant names a field that does not exist, so the command asks only for the email
address (and ignores DJANGO_SUPERUSER_PASSWORD); the account gets an unusable password.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.management.commands import createsuperuser as django_createsuperuser


class Command(django_createsuperuser.Command):
    help = "Create a superuser, who then signs in with a code sent to their email address."

    def handle(self, *args: Any, **options: Any) -> None:
        password_field = django_createsuperuser.PASSWORD_FIELD
        django_createsuperuser.PASSWORD_FIELD = "no password: sign in by code"  # noqa: S105
        try:
            super().handle(*args, **options)
        finally:
            django_createsuperuser.PASSWORD_FIELD = password_field
        if options["verbosity"] >= 1:
            self.stdout.write(
                "Sign in at /accounts/login/ with a code sent to that email address; "
                "One Team does not use passwords."
            )


def install() -> None:
    if not hasattr(django_createsuperuser, "PASSWORD_FIELD"):  # fail loudly, not prompt
        raise RuntimeError("Django changed: createsuperuser.PASSWORD_FIELD is gone")
    django_createsuperuser.Command = Command  # type: ignore[misc]
