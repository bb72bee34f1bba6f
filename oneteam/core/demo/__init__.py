"""The demo community: `load_demo()` for the `oneteam demo` command, tests and browser tests.

Everything loaded is marked as demo content (is_demo on chapters, events and profiles; email
addresses at data.DEMO_DOMAIN) and pages show a "Demo" tag for it.
"""

from oneteam.core.demo.data import DEMO_DOMAIN, MEMBER, MODERATOR, ORGANISER
from oneteam.core.demo.digest import demo_digest
from oneteam.core.demo.loader import (
    DemoAlreadyLoaded,
    DemoSummary,
    demo_event_day,
    demo_exists,
    load_demo,
)

__all__ = [
    "DEMO_DOMAIN",
    "MEMBER",
    "MODERATOR",
    "ORGANISER",
    "DemoAlreadyLoaded",
    "DemoSummary",
    "demo_digest",
    "demo_event_day",
    "demo_exists",
    "load_demo",
]
