"""The development mailbox shows what the file email backend wrote; production has none."""

from __future__ import annotations

import os

import pytest
from django.core.mail import EmailMessage
from django.core.mail.backends.filebased import EmailBackend
from django.test import Client, override_settings
from django.urls import reverse

from tests.accounts.helpers import CODE_PATTERN
from tests.security.subprocess_settings import production_env, run_python

pytestmark = pytest.mark.django_db

RESOLVE_MAILBOX = """
from django.urls import Resolver404, resolve
from django.conf import settings
try:
    resolve("/dev/mail/")
    print(settings.ONETEAM_DEV_MAILBOX, "mounted")
except Resolver404:
    print(settings.ONETEAM_DEV_MAILBOX, "absent")
"""


@pytest.fixture
def mail_dir(tmp_path):
    with override_settings(ONETEAM_MAIL_DIR=tmp_path):
        yield tmp_path


def _write_email(mail_dir, *, to: str, subject: str, body: str) -> None:
    backend = EmailBackend(file_path=str(mail_dir))
    backend.send_messages([EmailMessage(subject, body, "noreply@example.org", [to])])


def test_mailbox_lists_emails_the_file_backend_wrote(mail_dir):
    _write_email(mail_dir, to="alice@example.org", subject="Your code", body="BCDF-GHJK")
    _write_email(mail_dir, to="charlie@example.org", subject="Welcome", body="Hello")

    response = Client().get(reverse("mailbox:list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "alice@example.org" in html
    assert "charlie@example.org" in html
    assert html.count('class="govuk-table__row"') == 3  # header and two emails


def test_mailbox_message_page_shows_the_body(mail_dir):
    _write_email(mail_dir, to="alice@example.org", subject="Your code", body="Code: BCDF-GHJK")
    name = next(mail_dir.glob("*.log")).stem + ".0"

    response = Client().get(reverse("mailbox:message", kwargs={"name": name}))

    assert response.status_code == 200
    assert "Code: BCDF-GHJK" in response.content.decode()


def test_mailbox_with_no_emails_says_so(mail_dir):
    response = Client().get(reverse("mailbox:list"))

    assert "No emails yet." in response.content.decode()


def test_sign_in_code_can_be_read_in_the_mailbox(mail_dir, member):
    mailers = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(mail_dir)},
        }
    }
    with override_settings(MAILERS=mailers):
        Client().post(reverse("account_login"), {"login": member.email})
    name = next(mail_dir.glob("*.log")).stem + ".0"

    html = Client().get(reverse("mailbox:message", kwargs={"name": name})).content.decode()

    assert CODE_PATTERN.search(html)


def test_mailbox_is_absent_in_production(tmp_path):
    assert run_python(production_env(tmp_path), RESOLVE_MAILBOX) == "False absent"


def test_mailbox_is_absent_in_development_when_smtp_is_set(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "oneteam.settings",
        "ONETEAM_VAR_DIR": str(tmp_path),
        "SMTP_HOST": "smtp.example.org",
    }

    assert run_python(env, RESOLVE_MAILBOX) == "False absent"


def test_mailbox_is_mounted_in_plain_development(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "oneteam.settings",
        "ONETEAM_VAR_DIR": str(tmp_path),
    }

    assert run_python(env, RESOLVE_MAILBOX) == "True mounted"


@pytest.mark.parametrize("address", ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])
def test_mailbox_answers_this_machine(mail_dir, address):
    _write_email(mail_dir, to="alice@example.org", subject="Your code", body="BCDF-GHJK")
    name = next(mail_dir.glob("*.log")).stem + ".0"
    client = Client(REMOTE_ADDR=address)

    assert client.get(reverse("mailbox:list")).status_code == 200
    assert client.get(reverse("mailbox:message", kwargs={"name": name})).status_code == 200


@pytest.mark.parametrize("address", ["192.168.1.20", "10.0.0.1", "2001:db8::1", "", "unknown"])
def test_mailbox_is_not_found_from_another_machine(mail_dir, address):
    # ALLOWED_HOSTS opened to the network must not open everyone's sign-in codes with it.
    _write_email(mail_dir, to="alice@example.org", subject="Your code", body="Code: BCDF-GHJK")
    name = next(mail_dir.glob("*.log")).stem + ".0"
    client = Client(REMOTE_ADDR=address)

    listing = client.get(reverse("mailbox:list"))
    message = client.get(reverse("mailbox:message", kwargs={"name": name}))

    assert (listing.status_code, message.status_code) == (404, 404)
    assert "BCDF-GHJK" not in message.content.decode()
    assert "alice@example.org" not in listing.content.decode()
