"""Writes for the organising team: each event's task list."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from oneteam.chapters.selectors import checklist_for
from oneteam.core.saving import save_validated
from oneteam.events.models import Event, EventTask


@transaction.atomic
def tasks_seed_from_checklist(*, event: Event) -> list[EventTask]:
    """Copy the chapter's checklist (or the default one) onto the event, with due dates."""
    event_day = event.starts_at.astimezone(ZoneInfo(event.time_zone)).date()
    tasks = [
        EventTask(event=event, area=area, title=title, due_on=event_day - timedelta(days=days))
        for area, title, days in checklist_for(chapter=event.chapter)
    ]
    return EventTask.objects.bulk_create(tasks)


@transaction.atomic
def task_save(*, event: Event, task: EventTask | None = None, **fields: object) -> EventTask:
    return save_validated(task or EventTask(event=event), fields)
