"""Background jobs of outcomes, run by the tasks worker (`oneteam db_worker`)."""

from __future__ import annotations

from django.tasks import task

from oneteam.outcomes.services import send_due_reminders


@task()
def send_action_reminders() -> int:
    """Send the reminders that are due (each exactly once; see services.actions)."""
    return send_due_reminders()
