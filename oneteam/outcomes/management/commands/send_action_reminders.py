"""`oneteam send_action_reminders`: queue the reminder batch (daily, from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from oneteam.outcomes.services import send_due_reminders
from oneteam.outcomes.tasks import send_action_reminders


class Command(BaseCommand):
    help = "Send the action reminders that are due; each is sent once, however often this runs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="send in this process rather than queue a task"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            sent = send_due_reminders()
            self.stdout.write(f"Sent {sent} reminder(s).")
            return
        send_action_reminders.enqueue()
        self.stdout.write("Queued the reminder batch for the worker.")
