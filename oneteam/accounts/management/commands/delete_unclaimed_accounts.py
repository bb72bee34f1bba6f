"""`oneteam delete_unclaimed_accounts`: run daily (with `oneteam clearsessions`) from cron."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from oneteam.accounts.services import users_delete_unclaimed


class Command(BaseCommand):
    help = "Delete accounts whose sign-in code was never entered (older than --hours)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hours", type=int, default=24, help="minimum age (default 24)")

    def handle(self, *args: Any, hours: int, **options: Any) -> None:
        deleted = users_delete_unclaimed(older_than=timedelta(hours=hours))
        self.stdout.write(f"Deleted {deleted} unclaimed account(s).")
