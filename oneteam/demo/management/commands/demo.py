"""`oneteam demo [--if-empty]`: load the demo community and un-conference."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import formats

from oneteam.accounts.models import User
from oneteam.demo.data import MEMBER, MODERATOR, ORGANISER
from oneteam.demo.loader import DemoAlreadyLoaded, load_demo


class Command(BaseCommand):
    help = (
        "Load a demo chapter, an upcoming un-conference with rooms, slots and pitched sessions, "
        "and 60 demo members. Refuses (exit status 1) if the demo is already loaded; with "
        "--if-empty it loads only into a database with no users and otherwise does nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only if the database has no users at all (for `make run`).",
        )

    def handle(self, *args: Any, if_empty: bool = False, **options: Any) -> None:
        if if_empty and User.objects.exists():
            self.stdout.write("The database already has users, so the demo was not loaded.")
            return
        started = time.perf_counter()
        try:
            summary = load_demo()
        except DemoAlreadyLoaded:
            if if_empty:  # no users, but the demo chapter is still there: leave it be
                self.stdout.write("The demo chapter is already there, so the demo was not loaded.")
                return
            raise CommandError(
                "The demo is already loaded. To start again, delete the database "
                "(var/oneteam.sqlite3 by default), run `oneteam migrate`, then `oneteam demo`."
            ) from None
        when = formats.date_format(summary.event.starts_at, "l j F Y")
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the demo in {time.perf_counter() - started:.1f} s: "
                f"chapter '{summary.chapter.name}', un-conference '{summary.event.title}' on "
                f"{when}, {summary.members} members, {summary.rooms} rooms, {summary.slots} "
                f"slots, {summary.sessions} sessions, {summary.interests} interests."
            )
        )
        self.stdout.write(f"  Demo member:    {MEMBER.email}")
        self.stdout.write(f"  Demo organiser: {ORGANISER.email}")
        self.stdout.write(f"  Demo moderator: {MODERATOR.email}")
