"""Keep secrets out of the log: feed tokens, signed links, sign-in codes, secrets in query strings.

Servers and Django log request paths (access lines, "Not Found: …", "Forbidden (CSRF …): …"),
and for some of our pages the path is the credential. `RedactSecrets` rewrites a log record in
place, so that every handler after it sees the redacted text. settings.LOGGING puts it on the
console handler, which every record propagating to the root logger passes through (a filter
on the root logger itself would see only records logged to the root logger by name), and
`redact_server_logs` adds it to the loggers the ASGI and WSGI servers write to, which do not
propagate to the root logger.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

# (pattern, replacement), applied in order. The replacements match no pattern again, so
# redacting twice gives the same text as redacting once.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # The private calendar feed: /agenda/<token>.ics (oneteam/timetable/feed_urls.py).
    (re.compile(r"(/agenda/)[^/\s\"'?#]+(\.ics)"), r"\1[token]\2"),
    # Signed links in emails and on tickets: cancel a place, check a ticket in (events/urls.py).
    (re.compile(r"(/events/cancel/)[^/\s\"'?#]+"), r"\1[token]"),
    (re.compile(r"(/check-in/)[^/\s\"'?#]+"), r"\1[token]"),
    # Signed links in reminder and follow-up emails: an action done or dropped
    # (outcomes/urls.py), did you meet? (introductions/urls.py).
    (re.compile(r"(/actions/)[^/\s\"'?#]+(?=/)"), r"\1[token]"),
    (re.compile(r"(/follow-up/)[^/\s\"'?#]+"), r"\1[token]"),
    # Secrets in query strings: ?token=…, &key=…, OpenID Connect's ?code=…&state=…, …
    (
        re.compile(
            r"([?&;](?:token|key|code|state|signature|sig|secret|password|otp|auth"
            r"|access_token|refresh_token|id_token)=)[^&;\s\"'#]+",
            re.IGNORECASE,
        ),
        r"\1[redacted]",
    ),
    # Django signed values (payload[:timestamp]:signature, an HMAC-SHA256 in 43 characters).
    (re.compile(r"\.?[\w-]+(?::[\w-]+)?:[\w-]{43}(?![\w-])"), "[signed]"),
    # Sign-in codes: eight letters from allauth's unambiguous alphabet, shown as XXXX-XXXX.
    (re.compile(r"\b[B-DF-HJ-NP-TV-XZ]{4}-?[B-DF-HJ-NP-TV-XZ]{4}\b"), "[code]"),
)

# The loggers servers write request lines to; they keep their own handlers and do not
# propagate, so the root's console handler never sees their records.
SERVER_LOGGERS = (
    "uvicorn.access",
    "uvicorn.error",
    "gunicorn.access",
    "gunicorn.error",
    "django.server",
)

_traceback_formatter = logging.Formatter()


def redact(text: str) -> str:
    """`text` with every secret we know the shape of replaced by a placeholder."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def _redact_arg(value: object) -> object:
    # Only text: formatting other objects here could query the database (a queryset's repr)
    # or change how %d and %r format them. Request paths and URLs reach the log as text.
    return redact(value) if isinstance(value, str) else value


class RedactSecrets(logging.Filter):
    """Rewrites the record's message, arguments and traceback without secrets; keeps the record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_redact_arg(arg) for arg in record.args)
        elif isinstance(record.args, Mapping):
            record.args = {key: _redact_arg(arg) for key, arg in record.args.items()}
        # Arguments stay separate where they can (uvicorn's access formatter unpacks them); the
        # format is checked merged with them, as a secret can be split between the two (and a
        # "%s" in the format alone can look like a token).
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = None  # the handler reports the bad format itself
        if message is not None and redact(message) != message:
            record.msg, record.args = redact(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = _traceback_formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def redact_server_logs() -> None:
    """Add the filter to the servers' own loggers, once (run from CoreConfig.ready)."""
    for name in SERVER_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, RedactSecrets) for existing in logger.filters):
            logger.addFilter(RedactSecrets())
