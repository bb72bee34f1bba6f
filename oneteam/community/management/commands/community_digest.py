"""`oneteam community_digest`: run daily from cron; queues the community's daily digest."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from oneteam.community.tasks import send_daily_digests


class Command(BaseCommand):
    help = "Queue the daily digest email for members who asked for it (the worker sends it)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_daily_digests.enqueue()
        self.stdout.write(f"Daily digest queued ({result.id}).")
