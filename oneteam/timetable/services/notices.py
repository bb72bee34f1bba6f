"""Telling hosts and interested attendees that a session they care about moved."""

from __future__ import annotations

from oneteam.timetable.models import ScheduleVersion


def notify_moves(*, previous: ScheduleVersion, version: ScheduleVersion) -> None:
    """Record a change notice (shown on the agenda) and email each person affected.

    Filled in by the publish/repair work: see services/versions.version_publish.
    """
