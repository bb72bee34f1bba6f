"""The issue's cross-process proof with the real publish: an organiser publishes the grid
through app process A; a board's stream on process B hears of it within a second.

Reuses the two-server fixture of tests/live (PostgreSQL and Redis, each server in its own
process group, readiness by polling /healthz).
"""

from __future__ import annotations

import asyncio
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.conf import settings
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.urls import reverse

from oneteam.timetable.models import ScheduleVersion
from oneteam.timetable.services.versions import version_create
from tests.live.conftest import run
from tests.live.sse_client import SseConnection
from tests.live.test_two_processes import (  # noqa: F401  (fixture)
    HOST,
    _needs_postgresql_and_redis,
    servers,
)
from tests.timetable.conftest import GOOD_LAYOUT as GOOD
from tests.timetable.conftest import placements_for as _placements

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    # Serialized rollback: the members it makes need the disciplines a data migration made,
    # which an earlier transactional test on this worker may have flushed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # the 302 after publishing is the answer
        return None


def _cookies_for(user) -> tuple[str, str]:
    """A signed-in organiser's cookies (session saved in the shared database) and CSRF token."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    csrf = _get_new_csrf_string()
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={csrf}"
    return cookie, csrf


def _post(url: str, cookie: str, csrf: str) -> int:
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode({"csrfmiddlewaretoken": csrf}).encode(),
        headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as answer:
        return answer.code


def test_publish_on_process_a_reaches_a_board_on_process_b_within_a_second(
    servers,  # noqa: F811
    grid_world,
    organiser,
):
    a, b = servers
    w = grid_world
    warm_up, version = (
        version_create(
            event=w.event, placements=_placements(w, layout), origin=ScheduleVersion.Origin.ADJUSTED
        )
        for layout in (GOOD, dict(GOOD, E=("attic", "one")))
    )

    def publish_url(number: int) -> str:
        path = reverse("timetable:publish", kwargs={"event_slug": w.event.slug, "number": number})
        return f"http://{HOST}:{a.port}{path}"

    cookie, csrf = _cookies_for(organiser)

    async def publish_and_hear(messages, number: int) -> tuple[float, str, int]:
        started = time.monotonic()
        status = await asyncio.to_thread(_post, publish_url(number), cookie, csrf)
        while True:
            message = await asyncio.wait_for(anext(messages), 5)
            if message.event == "schedule-published":
                return time.monotonic() - started, message.data, status

    async def scenario() -> tuple[float, str, int]:
        stream = await SseConnection.open(HOST, b.port, f"/live/event-{w.event.slug}/stream")
        assert stream.status == 200
        messages = stream.messages(control=True)
        try:
            first = await asyncio.wait_for(anext(messages), 5)
            assert first.event == ":retry"
            # Process A's first publish pays for imports, connections and templates: it is
            # not delivery time. The second is timed from sending the request.
            await publish_and_hear(messages, warm_up.number)
            return await publish_and_hear(messages, version.number)
        finally:
            await stream.close()

    latency, data, status = run(scenario(), timeout=30)

    assert status == 302
    assert data == f'{{"version":{version.number}}}'
    assert latency < 1.0
    version.refresh_from_db()
    assert version.is_current
