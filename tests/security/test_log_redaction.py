"""No log record shows a feed token, a signed link, a sign-in code or a secret in a query string."""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Iterator

import pytest
from django.core import signing
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from oneteam.core.redaction import SERVER_LOGGERS, RedactSecrets, redact
from oneteam.events.tokens import make_cancel_token, make_check_in_token
from oneteam.timetable.services.agenda import feed_create

FEED_TOKEN = "Zq3Xk9-long_secret_feed_token_0123456789abc"


def _record(msg: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord("test", logging.WARNING, __file__, 1, msg, args or None, None)


def _filtered(record: logging.LogRecord) -> logging.LogRecord:
    assert RedactSecrets().filter(record) is True  # the record is kept, only rewritten
    return record


# --- The redaction rules ------------------------------------------------------------------------


def test_redact_blanks_the_feed_token_in_its_path():
    assert redact(f"POST /agenda/{FEED_TOKEN}.ics") == "POST /agenda/[token].ics"


def test_redact_blanks_signed_links_in_their_paths():
    cancel = f"/events/cancel/{make_cancel_token(42)}/"
    check_in = f"/events/one-team-day/check-in/{make_check_in_token(42)}/"

    assert redact(cancel) == "/events/cancel/[token]/"
    assert redact(check_in) == "/events/one-team-day/check-in/[token]/"


def test_redact_leaves_the_check_in_page_itself_alone():
    assert redact("GET /events/one-team-day/check-in/ 200") == (
        "GET /events/one-team-day/check-in/ 200"
    )


@pytest.mark.parametrize("name", ["token", "key", "code", "state", "signature", "Password"])
def test_redact_blanks_secrets_in_query_strings(name):
    text = f"GET /accounts/callback/?next=/home&{name}=s3cr3t-Value_1&x=2"

    assert redact(text) == f"GET /accounts/callback/?next=/home&{name}=[redacted]&x=2"


def test_redact_blanks_a_signed_value_anywhere():
    signed = signing.dumps({"registration": 7}, salt="anything")

    assert redact(f"bad link {signed} given") == "bad link [signed] given"


def test_redact_blanks_sign_in_codes():
    assert redact("code BCDF-GHJK entered, then bcdf ZXWVTSRQ") == (
        "code [code] entered, then bcdf [code]"
    )


def test_redact_leaves_ordinary_lines_alone():
    line = '10.0.0.1:5000 - "GET /events/one-team-day/?page=2 HTTP/1.1" 200 OK at 12:30:45'

    assert redact(line) == line


def test_redacting_twice_changes_nothing_more():
    text = f"/agenda/{FEED_TOKEN}.ics?token=abc /events/cancel/{make_cancel_token(1)}/ BCDF-GHJK"

    assert redact(redact(text)) == redact(text)


# --- The filter ---------------------------------------------------------------------------------


def test_filter_redacts_each_argument_and_keeps_them_separate():
    # uvicorn's access formatter unpacks the five arguments, so they must stay five.
    record = _filtered(
        _record(
            '%s - "%s %s HTTP/%s" %d',
            "10.0.0.1:5000",
            "GET",
            f"/agenda/{FEED_TOKEN}.ics",
            "1.1",
            200,
        )
    )

    assert record.args == ("10.0.0.1:5000", "GET", "/agenda/[token].ics", "1.1", 200)
    assert record.getMessage() == '10.0.0.1:5000 - "GET /agenda/[token].ics HTTP/1.1" 200'


def test_filter_redacts_mapping_arguments():
    record = _filtered(_record("Forbidden: %(path)s", {"path": f"/agenda/{FEED_TOKEN}.ics"}))

    assert record.getMessage() == "Forbidden: /agenda/[token].ics"


def test_filter_redacts_a_secret_split_between_format_and_argument():
    record = _filtered(_record("GET /agenda/%s.ics", FEED_TOKEN))

    assert record.getMessage() == "GET /agenda/[token].ics"


def test_filter_redacts_the_traceback():
    try:
        raise ValueError(f"no feed /agenda/{FEED_TOKEN}.ics")
    except ValueError:
        record = logging.LogRecord(
            "test", logging.ERROR, __file__, 1, "failed", None, sys.exc_info()
        )

    text = logging.Formatter().format(_filtered(record))

    assert "/agenda/[token].ics" in text
    assert FEED_TOKEN not in text


def test_filter_leaves_a_badly_formatted_record_for_the_handler_to_report():
    record = _filtered(_record("%d items", "not a number"))

    assert record.msg == "%d items"


def test_server_loggers_carry_the_filter_once():
    for name in SERVER_LOGGERS:
        filters = logging.getLogger(name).filters
        assert sum(isinstance(f, RedactSecrets) for f in filters) == 1, name


def _routes(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _routes(entry, namespace)
        elif entry.name:
            yield prefix + entry.name, entry


def test_every_route_with_a_token_in_its_path_is_redacted():
    routes = [
        (name, entry)
        for name, entry in _routes(get_resolver())
        if "token" in entry.pattern.converters
    ]
    assert len(routes) >= 3  # the feed, the cancel link, the check-in link
    for name, entry in routes:
        kwargs = {key: "one-team-day" for key in entry.pattern.converters}
        kwargs["token"] = FEED_TOKEN
        path = reverse(name, kwargs=kwargs)

        assert FEED_TOKEN not in redact(f'"GET {path} HTTP/1.1"'), name


# --- Through the configured logging -----------------------------------------------------------


@pytest.fixture
def console() -> Iterator[io.StringIO]:
    """What the root logger's console handler (settings.LOGGING) writes."""
    handlers = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, RedactSecrets) for f in handler.filters)
    ]
    assert len(handlers) == 1, logging.getLogger().handlers
    (handler,) = handlers
    assert isinstance(handler, logging.StreamHandler)
    written = io.StringIO()
    previous = handler.setStream(written)
    try:
        yield written
    finally:
        handler.setStream(previous)


@pytest.mark.django_db
def test_csrf_failure_on_a_feed_address_logs_no_token(member, console, caplog):
    token = feed_create(user=member).token
    path = reverse("agenda:feed_ics", kwargs={"token": token})

    with caplog.at_level(logging.WARNING):
        response = Client(enforce_csrf_checks=True).post(path)

    assert response.status_code == 403
    csrf = [r for r in caplog.records if r.name == "django.security.csrf"]
    assert len(csrf) == 1
    assert csrf[0].getMessage() == "Forbidden (CSRF cookie not set.): /agenda/[token].ics"
    assert all(token not in r.getMessage() for r in caplog.records)
    assert "Forbidden (CSRF cookie not set.): /agenda/[token].ics" in console.getvalue()
    assert token not in console.getvalue()
