"""Writes for the organising team: each event's task list."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from oneteam.chapters.selectors import checklist_for
from oneteam.core.saving import save_validated
from oneteam.events.models import Event, EventTask


@transaction.atomic
def tasks_seed_from_checklist(*, event: Event) -> list[EventTask]:
    """Copy the chapter's checklist (or the default one) onto the event, with due dates.

    A task is due its checklist's number of days before the event, but never before the day the
    event was created: a list that starts with tasks already overdue helps nobody. (An event
    created after its own day, say to record it, has its tasks due on its day.)"""
    zone = ZoneInfo(event.time_zone)
    event_day = event.starts_at.astimezone(zone).date()
    created_day = (event.created_at or timezone.now()).astimezone(zone).date()
    earliest = min(created_day, event_day)
    tasks = [
        EventTask(
            event=event,
            area=area,
            title=title,
            due_on=max(earliest, event_day - timedelta(days=days)),
        )
        for area, title, days in checklist_for(chapter=event.chapter)
    ]
    return EventTask.objects.bulk_create(tasks)


@transaction.atomic
def task_save(*, event: Event, task: EventTask | None = None, **fields: object) -> EventTask:
    return save_validated(task or EventTask(event=event), fields)
