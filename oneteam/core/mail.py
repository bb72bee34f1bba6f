"""Every email the site builds goes through `email_message`, so no stored text (an event's
title with a line break, say) can break its headers: Django refuses a header with a new line,
and the email would be lost."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage

from oneteam.core.text import single_line


def email_subject(subject: str) -> str:
    """The site's prefix and the subject, on one line without control characters."""
    return single_line(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}")


def email_message(*, subject: str, body: str, to: list[str]) -> EmailMessage:
    return EmailMessage(subject=email_subject(subject), body=body, to=to)
