"""The Markdown that pre-fills a session's empty notes, one outline per session format."""

from __future__ import annotations

from oneteam.programme.models import Session

_DISCUSSION = """## What we discussed

## What we agreed or learned

## Questions still open

## Actions (who will do what)
"""

_WORKSHOP = """## What we set out to make or solve

## What we did

## What we made

## Next steps
"""

_SHOW_AND_TELL = """## What was shown

## Questions from the room

## Links and where to find out more
"""

_LEAN_COFFEE = """## Topic

## Key points

## Takeaway
"""

_BY_FORMAT = {
    Session.Format.DISCUSSION: _DISCUSSION,
    Session.Format.WORKSHOP: _WORKSHOP,
    Session.Format.SHOW_AND_TELL: _SHOW_AND_TELL,
    Session.Format.LEAN_COFFEE: _LEAN_COFFEE,
}


def template_for(session_format: str) -> str:
    """The outline for the format; a discussion's for formats without their own."""
    if session_format not in Session.Format.values:
        return _DISCUSSION
    return _BY_FORMAT.get(Session.Format(session_format), _DISCUSSION)
