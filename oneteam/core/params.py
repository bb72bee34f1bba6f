"""Numbers and dates from requests, read in one way so that a hostile value is refused, never
a 500.

`int()` accepts what `str.isdigit()` lets through ("²" passes isdigit and then fails int) as
well as other scripts' digits ("٣"), signs, spaces and underscores; a database id is none of
those. Dates far from now overflow when a duration is added (9999-12-31 plus a day).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

_ASCII_DIGITS = re.compile(r"[0-9]{1,18}")
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")
# The largest id any of our databases hands out (a signed 64-bit integer).
MAX_ID = 2**63 - 1

# Events and calls are planned within this range; outside it is a typing slip (or a probe).
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100


def parse_int(raw: object, *, low: int = 0, high: int = MAX_ID) -> int | None:
    """The whole number in `raw` (ASCII digits only, at most 18 of them) if it lies within
    [low, high], else None."""
    if not isinstance(raw, str) or not _ASCII_DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if low <= value <= high else None


def parse_slug(raw: object) -> str | None:
    """A slug (letters, digits, hyphens and underscores, at most 200) from a form or query value,
    or None; checked before it reaches a query (PostgreSQL refuses a NUL byte with an error)."""
    if not isinstance(raw, str) or not _SLUG.fullmatch(raw):
        return None
    return raw


def parse_id(raw: object) -> int | None:
    """A database id (1 or more) from a form or query value, or None."""
    return parse_int(raw, low=1)


def validate_year_in_range(value: date | datetime | None) -> None:
    """Refuses a date outside EARLIEST_YEAR to LATEST_YEAR with a clear message."""
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            _("Enter a date between the years %(earliest)s and %(latest)s"),
            code="year_out_of_range",
            params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )


def next_path(request: HttpRequest) -> str:
    """The `next` path posted with a form (the page it came from) if it is a path on this
    site, else ""."""
    return site_path(request, request.POST.get("next", ""))


def site_path(request: HttpRequest, back: str) -> str:
    """`back` if it is a path on this site, else "". A bare word is refused too: redirect()
    would take it for a view's name (and answer 500 when there is none)."""
    if not back.startswith("/") or back.startswith(("//", "/\\")):
        return ""
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return ""
    return back
