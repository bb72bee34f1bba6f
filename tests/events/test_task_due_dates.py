"""Organising tasks: seeded due dates never fall before the event was created, and the task list
marks what is overdue."""

from __future__ import annotations

import re
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oneteam.events.models import Event, EventTask
from oneteam.events.services.organising import tasks_seed_from_checklist

pytestmark = pytest.mark.django_db


def _today(event: Event) -> date:
    return timezone.localdate(timezone=ZoneInfo(event.time_zone))


def test_tasks_seeded_ten_days_before_the_event_are_due_no_earlier_than_today(event):
    event.starts_at = timezone.now() + timedelta(days=10)
    event.ends_at = event.starts_at + timedelta(hours=8)
    event.save()
    event_day = event.starts_at.astimezone(ZoneInfo(event.time_zone)).date()

    tasks = {task.area: task.due_on for task in tasks_seed_from_checklist(event=event)}

    # Venue (56 days), access (42), comms (28) and volunteers (21) would be overdue already.
    assert tasks == {
        "venue": _today(event),
        "access": _today(event),
        "comms": _today(event),
        "volunteers": _today(event),
        "catering": event_day - timedelta(days=10),
        "pitching": event_day - timedelta(days=1),
    }


def test_tasks_seeded_for_an_event_already_past_are_due_on_its_day(event):
    event.starts_at = timezone.now() - timedelta(days=3)
    event.ends_at = event.starts_at + timedelta(hours=8)
    event.save()
    event_day = event.starts_at.astimezone(ZoneInfo(event.time_zone)).date()

    due = {task.due_on for task in tasks_seed_from_checklist(event=event)}

    assert due == {event_day}


def _task_headings(client: Client, event: Event) -> dict[str, str]:
    body = client.get(reverse("events:tasks", kwargs={"slug": event.slug})).content.decode()
    headings = re.findall(r'<h2 class="govuk-heading-s">(.*?)</h2>', body, flags=re.S)
    return {h.split("<")[0].strip(): " ".join(re.sub(r"<[^>]+>", " ", h).split()) for h in headings}


def test_task_list_marks_unfinished_tasks_past_their_due_date_overdue(client, organiser, event):
    today = _today(event)
    for title, due_on, status in [
        ("Book the venue", today - timedelta(days=1), EventTask.Status.TODO),
        ("Order catering", today - timedelta(days=5), EventTask.Status.DOING),
        ("Recruit volunteers", today - timedelta(days=1), EventTask.Status.DONE),
        ("Announce the event", today, EventTask.Status.TODO),
        ("Print badges", None, EventTask.Status.TODO),
    ]:
        EventTask.objects.create(event=event, title=title, due_on=due_on, status=status)
    client.force_login(organiser)

    headings = _task_headings(client, event)

    assert {title for title, text in headings.items() if "Overdue" in text} == {
        "Book the venue",
        "Order catering",
    }
    assert headings["Book the venue"] == "Book the venue To do Overdue"
