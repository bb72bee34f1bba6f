"""The emails the community sends: always after the transaction commits, only to the member
concerned, and never naming the author of an anonymous post to anyone else."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

from oneteam.core.mail import email_message

if TYPE_CHECKING:
    from oneteam.accounts.models import User


def send_on_commit(*, to: User, subject: str, template: str, context: dict[str, Any]) -> None:
    body = render_to_string(
        f"community/email/{template}.txt",
        {**context, "site_name": "One Team", "site_url": settings.SITE_URL},
    )
    message = email_message(subject=subject, body=body, to=[to.email])
    transaction.on_commit(lambda: message.send(fail_silently=False))
