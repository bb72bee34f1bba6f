"""`oneteam live_publish CHANNEL TYPE JSON [--audience A]`: publish one live event by hand.

For operators (an announcement to a board) and for checking a deployment's fan-out: run it on
one host and watch the stream on another.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oneteam.live.audiences import PUBLIC, AudienceError
from oneteam.live.broker import publish
from oneteam.live.channels import ChannelError


class Command(BaseCommand):
    help = "Publish one live event to a channel (e.g. event-<slug>) and print its id."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("channel")
        parser.add_argument("type")
        parser.add_argument("data", help="the payload, as JSON")
        parser.add_argument("--audience", default=PUBLIC)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = json.loads(options["data"])
            event = publish(options["channel"], options["type"], data, audience=options["audience"])
        except (json.JSONDecodeError, ChannelError, AudienceError, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(event.id))
