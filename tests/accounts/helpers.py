"""Small helpers for walking the sign-in journey as a browser would."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

# allauth's codes: eight letters from an unambiguous alphabet, shown as XXXX-XXXX.
CODE_PATTERN = re.compile(r"\b([B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4})\b")


def last_code_sent_to(address: str) -> str:
    for message in reversed(mail.outbox):
        if address in message.to:
            found = CODE_PATTERN.search(message.body)
            assert found, f"no code in the email to {address}: {message.body!r}"
            return found.group(1)
    raise AssertionError(f"no email to {address}")


def request_code(client: Client, address: str, *, ip: str = "203.0.113.7"):
    return client.post(reverse("account_login"), {"login": address}, REMOTE_ADDR=ip)


def enter_code(client: Client, code: str):
    return client.post(reverse("account_confirm_login_code"), {"code": code})


def sign_in_by_code(client: Client, address: str):
    request_code(client, address)
    return enter_code(client, last_code_sent_to(address))
