"""The event's public programme, notes and outcomes as data: JSON and CSV.

Built from `selectors.published_sessions` and the same privacy rules as the pages, for an
anonymous reader: names only for open sessions, no notes off the record.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from oneteam.core.text import spreadsheet_cell
from oneteam.events.models import Event
from oneteam.outcomes import rules, selectors
from oneteam.outcomes.models import SessionNotes
from oneteam.programme.models import Session


def _notes(session: Session) -> SessionNotes | None:
    try:
        return session.notes
    except SessionNotes.DoesNotExist:
        return None


def session_record(session: Session) -> dict[str, Any]:
    """One session as anyone may see it (hosts, notes and public actions prefetched)."""
    names = rules.public_names(session)
    notes = _notes(session)
    public_actions = session.public_actions if rules.shows_notes(session) else []  # type: ignore[attr-defined]
    return {
        "title": session.title,
        "format": session.get_format_display(),
        "privacy": session.get_privacy_display(),
        "hosts": [str(host) for host in session.hosts.all()] if names else [],
        "notes": (notes.text if notes else "") if rules.shows_notes(session) else "",
        "summary": (notes.summary if notes else "") if not rules.shows_notes(session) else "",
        "actions_done": session.actions_done,  # type: ignore[attr-defined]
        "actions_open": session.actions_open,  # type: ignore[attr-defined]
        "actions": [
            {
                "text": action.text,
                "status": action.get_status_display(),
                "by": str(action.owner) if names else None,
            }
            for action in public_actions
        ],
    }


def event_record(event: Event) -> dict[str, Any]:
    return {
        "event": event.title,
        "starts_at": event.starts_at.isoformat(),
        "sessions": [session_record(s) for s in selectors.published_sessions(event=event)],
    }


def event_csv(event: Event) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "Session",
            "Format",
            "Privacy",
            "Hosts",
            "Notes",
            "Summary",
            "Actions done",
            "Actions open",
        ]
    )
    for record in event_record(event)["sessions"]:
        writer.writerow(
            spreadsheet_cell(value)
            for value in (
                record["title"],
                record["format"],
                record["privacy"],
                "; ".join(record["hosts"]),
                record["notes"],
                record["summary"],
                record["actions_done"],
                record["actions_open"],
            )
        )
    return out.getvalue()
