"""Read the emails Django's file backend wrote to var/mail, so the demo works without SMTP.

The mailbox shows everyone's sign-in codes, so it answers only to the machine it runs on
(a loopback REMOTE_ADDR), even when ALLOWED_HOSTS opens a development site to the network.
"""

from __future__ import annotations

import email
import email.policy
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class StoredEmail:
    name: str
    to: str
    subject: str
    sent_at: datetime
    body: str


def _mail_dir() -> Path:
    return Path(settings.ONETEAM_MAIL_DIR)


def _read(path: Path) -> list[StoredEmail]:
    # The file backend appends every message of one connection to a single .log file,
    # separated by a line of dashes.
    separator = "-" * 79
    messages: list[StoredEmail] = []
    sent_at = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    for index, raw in enumerate(path.read_text(errors="replace").split(separator)):
        if not raw.strip():
            continue
        parsed = email.message_from_string(raw.strip(), policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        part = parsed.get_body(preferencelist=("plain", "html"))
        body = part.get_content() if part is not None else ""
        messages.append(
            StoredEmail(
                name=f"{path.stem}.{index}",
                to=str(parsed["To"] or ""),
                subject=str(parsed["Subject"] or ""),
                sent_at=sent_at,
                body=body,
            )
        )
    return messages


def stored_emails() -> list[StoredEmail]:
    folder = _mail_dir()
    if not folder.is_dir():
        return []
    found: list[StoredEmail] = []
    for path in folder.glob("*.log"):
        found.extend(_read(path))
    return sorted(found, key=lambda m: (m.sent_at, m.name), reverse=True)


def _from_this_machine(request: HttpRequest) -> bool:
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def loopback_only(view: View) -> View:
    """404 (as if the mailbox did not exist) for any client but this machine."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not _from_this_machine(request):
            raise Http404("No such page")
        return view(request, *args, **kwargs)

    return wrapper


@loopback_only
@require_safe
def mailbox_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/mailbox_list.html", {"emails": stored_emails()[:100]})


@loopback_only
@require_safe
def mailbox_message(request: HttpRequest, name: str) -> HttpResponse:
    for message in stored_emails():
        if message.name == name:
            return render(request, "accounts/mailbox_message.html", {"message": message})
    raise Http404("No such email")
