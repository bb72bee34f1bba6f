"""GET /live/<channel>/stream through the real ASGI application, on both backends.

These tests commit (transaction=True): the ASGI handler runs the view's queries on its own
worker thread, with its own database connection, as it does under uvicorn.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from django.test import Client

from oneteam.events.models import Event
from oneteam.live.broker import last_event_id, publish
from oneteam.members.models import Discipline
from tests.live.conftest import AsgiStream, run

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _disciplines() -> None:
    # Committing tests flush the tables, the migration's disciplines with them.
    for slug in ("policy", "data", "delivery", "design"):
        Discipline.objects.get_or_create(slug=slug, defaults={"name": slug.title()})


def _path(event: Event, query: str = "") -> str:
    return f"/live/event-{event.slug}/stream" + (f"?{query}" if query else "")


def _session_cookie(user) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    return {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}


async def _publish(channel: str, event_type: str, data: object, audience: str = "public") -> None:
    # As a sync view would: from a worker thread.
    await asyncio.to_thread(publish, channel, event_type, data, audience=audience)


def test_stream_speaks_the_event_stream_wire_format(app_broker, event):
    async def scenario() -> None:
        async with AsgiStream(_path(event)) as stream:
            assert stream.status == 200
            assert stream.response_headers["content-type"] == "text/event-stream"
            assert stream.response_headers["cache-control"] == "no-cache"
            assert stream.response_headers["x-accel-buffering"] == "no"
            retry = await stream.frame()
            assert retry.startswith("retry: ")
            assert 2000 <= int(retry.removeprefix("retry: ")) < 4000
            await _publish(f"event-{event.slug}", "session-moved", {"session": 4, "room": "A"})
            assert await stream.frame() == (
                'id: 1\nevent: session-moved\ndata: {"session":4,"room":"A"}'
            )

    run(scenario())


def test_stream_replays_missed_events_after_the_last_event_id_header(app_broker, event):
    channel = f"event-{event.slug}"
    for n in range(4):
        publish(channel, "changed", {"n": n})

    async def scenario() -> list[str]:
        async with AsgiStream(_path(event), headers={"Last-Event-ID": "2"}) as stream:
            await stream.frame()  # retry
            return [await stream.frame(), await stream.frame()]

    assert run(scenario()) == [
        'id: 3\nevent: changed\ndata: {"n":2}',
        'id: 4\nevent: changed\ndata: {"n":3}',
    ]


def test_stream_takes_the_last_event_id_from_the_query_when_there_is_no_header(app_broker, event):
    channel = f"event-{event.slug}"
    for n in range(3):
        publish(channel, "changed", {"n": n})

    async def scenario(path: str, headers: dict[str, str]) -> str:
        async with AsgiStream(path, headers=headers) as stream:
            await stream.frame()
            return await stream.frame()

    from_query = run(scenario(_path(event, "last_event_id=1"), {}))
    header_wins = run(scenario(_path(event, "last_event_id=1"), {"Last-Event-ID": "2"}))

    assert from_query.startswith("id: 2\n")
    assert header_wins.startswith("id: 3\n")


def test_stream_sends_reset_when_the_missed_events_are_gone(app_broker, event):
    channel = f"event-{event.slug}"
    for n in range(9):  # the test broker keeps 5
        publish(channel, "changed", {"n": n})

    async def scenario() -> tuple[str, bool]:
        async with AsgiStream(_path(event, "last_event_id=1")) as stream:
            await stream.frame()
            reset = await stream.frame()
            await stream.body()
            return reset, stream.finished

    assert run(scenario()) == ("id: 9\nevent: reset\ndata: {}", True)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", ["everyone", "end"]),
        ("member", ["everyone", "members", "alice only", "end"]),
        ("other_member", ["everyone", "members", "end"]),
        ("organiser", ["everyone", "members", "london organisers", "end"]),
        ("moderator", ["everyone", "members", "moderators", "end"]),
    ],
)
def test_stream_sends_each_viewer_only_the_audiences_it_holds(
    memory_app_broker, request, event, member, chapter, persona, expected
):
    headers = {} if persona == "anonymous" else _session_cookie(request.getfixturevalue(persona))
    channel = f"event-{event.slug}"

    async def scenario() -> list[str]:
        async with AsgiStream(_path(event), headers=headers) as stream:
            await stream.frame()
            await _publish(channel, "note", "everyone")
            await _publish(channel, "note", "members", "members")
            await _publish(channel, "note", "alice only", f"user:{member.pk}")
            await _publish(channel, "note", "london organisers", f"organisers:{chapter.pk}")
            await _publish(channel, "note", "other chapter", f"organisers:{chapter.pk + 1}")
            await _publish(channel, "note", "moderators", "moderators")
            await _publish(channel, "note", "end")
            seen: list[str] = []
            while not seen or seen[-1] != "end":
                seen.append((await stream.frame()).rsplit("data: ", 1)[1].strip('"'))
            return seen

    assert run(scenario()) == expected


@pytest.mark.parametrize(
    "channel",
    ["event-no-such-event", "event-draft-event", "nope-london-unconference", "event-", "Event-x"],
)
def test_stream_answers_404_for_channels_that_cannot_be_read(memory_app_broker, event, channel):
    Event.objects.filter(pk=event.pk).update(slug="draft-event", status=Event.Status.DRAFT)

    async def scenario() -> int | None:
        async with AsgiStream(f"/live/{channel}/stream") as stream:
            await stream.body()
            return stream.status

    assert run(scenario()) == 404


def test_stream_sends_a_heartbeat_comment_when_idle(memory_app_broker, event, settings):
    settings.LIVE_HEARTBEAT_SECONDS = 0.05

    async def scenario() -> list[str]:
        async with AsgiStream(_path(event)) as stream:
            await stream.frame()
            return [await stream.frame(), await stream.frame()]

    assert run(scenario()) == [": keepalive", ": keepalive"]


def test_stream_ends_after_its_lifetime_so_the_client_reconnects(
    memory_app_broker, event, settings
):
    settings.LIVE_STREAM_MAX_SECONDS = 0.1

    async def scenario() -> bool:
        async with AsgiStream(_path(event)) as stream:
            await stream.body()
            return stream.finished

    assert run(scenario()) is True


def test_client_that_applies_events_to_the_page_state_matches_a_fresh_page(app_broker, event):
    """The Zulip invariant: page state at render + the events after its id == a fresh render.

    A page renders its state and the channel's last id together; events published between the
    render and the stream's connection must still reach the client.
    """
    channel = f"event-{event.slug}"
    published: dict[str, str] = {}

    def change(key: str, value: str) -> None:
        published[key] = value
        publish(channel, "set", {"key": key, "value": value})

    change("room-a", "Open data")
    change("room-b", "Policy labs")
    page_state, page_last_id = dict(published), last_event_id(channel)
    change("room-a", "Service design")  # after the render, before the stream connects

    async def scenario() -> dict[str, str]:
        state = dict(page_state)
        async with AsgiStream(_path(event, f"last_event_id={page_last_id}")) as stream:
            await stream.frame()
            await asyncio.to_thread(change, "room-c", "Data ethics")
            await asyncio.to_thread(change, "room-b", "Lean Coffee")
            for _ in range(3):
                data = (await stream.frame()).rsplit("data: ", 1)[1]
                update = json.loads(data)
                state[update["key"]] = update["value"]
        return state

    assert run(scenario()) == published


@pytest.mark.parametrize(("seconds", "after_unpublishing"), [(60, 200), (0, 404)])
def test_stream_remembers_for_anonymous_viewers_that_a_channel_is_open(
    memory_app_broker, event, settings, seconds, after_unpublishing
):
    """After a restart thousands of public boards reconnect: one check serves them all."""
    settings.LIVE_CHANNEL_CHECK_SECONDS = seconds

    async def status() -> int | None:
        async with AsgiStream(_path(event)) as stream:
            return stream.status

    first = run(status())
    Event.objects.filter(pk=event.pk).update(status=Event.Status.DRAFT)
    second = run(status())

    assert (first, second) == (200, after_unpublishing)
