"""The public streams' ASGI route (`oneteam.live.public`) against the Django view it stands for.

`PublicStreams(_not_django)` proves a request was answered by the route itself; the Django
application (`oneteam.asgi.django_application`) gives the answers it must match.
"""

from __future__ import annotations

import asyncio
import re
import threading
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.handlers.asgi import ASGIHandler
from django.test import Client

from oneteam.asgi import application, django_application
from oneteam.events.models import Event
from oneteam.live import channels, public, public_routing
from oneteam.live.audiences import audiences_for, may_see
from oneteam.live.broker import publish
from oneteam.live.brokers.base import LiveEvent, Replay
from oneteam.live.public import PublicStreams
from oneteam.live.public_stream import Outbox, _SharedReads
from oneteam.members.models import Discipline
from tests.live.conftest import AsgiStream, run

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _disciplines() -> None:
    # Committing tests flush the tables, the migration's disciplines with them.
    for slug in ("policy", "data", "delivery", "design"):
        Discipline.objects.get_or_create(slug=slug, defaults={"name": slug.title()})


async def _not_django(scope: dict[str, Any], receive: Any, send: Any) -> None:
    raise AssertionError(f"handed to Django: {scope['method']} {scope['path']}")


async def _teapot(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Stands for Django in routing tests: an answer nothing else gives."""
    await send({"type": "http.response.start", "status": 418, "headers": []})
    await send({"type": "http.response.body", "body": b"django"})


public_only = PublicStreams(_not_django)


def _path(event: Event, query: str = "") -> str:
    return f"/live/event-{event.slug}/stream" + (f"?{query}" if query else "")


def _session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def _frames_without_retry(frames: list[str]) -> list[str]:
    # The retry delay is jittered per stream; everything else must be the same bytes.
    return [frame for frame in frames if not frame.startswith("retry: ")]


async def _first_frames(app: Any, path: str, count: int, headers: dict[str, str]) -> list[str]:
    async with AsgiStream(path, headers=headers, app=app) as stream:
        assert stream.status == 200
        return [await stream.frame() for _ in range(count)]


def test_public_route_streams_an_anonymous_get_of_an_open_channel(memory_app_broker, event):
    async def scenario() -> tuple[int | None, str]:
        async with AsgiStream(_path(event), app=PublicStreams(_teapot)) as stream:
            return stream.status, await stream.frame()

    status, first = run(scenario())

    assert status == 200
    assert first.startswith("retry: ")


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("GET", "/live/event-london-unconference/stream", {"Cookie": "sessionid=anything"}),
        ("HEAD", "/live/event-london-unconference/stream", {}),
        ("POST", "/live/event-london-unconference/stream", {}),
        ("GET", "/live/event-london-unconference/stream", {"Host": "evil.example"}),
        # Django would replace a malformed CSRF cookie: its Set-Cookie must go out.
        ("GET", "/live/event-london-unconference/stream", {"Cookie": "csrftoken=abc"}),
        ("GET", "/live/event-no-such-event/stream", {}),
        ("GET", "/live/event-draft-event/stream", {}),
        ("GET", "/live/nope-london-unconference/stream", {}),
        ("GET", "/live/Event-x/stream", {}),
        ("GET", "/live/event-london-unconference/stream/", {}),
        ("GET", "/events/london-unconference/stream", {}),
    ],
)
def test_public_route_hands_django_whatever_it_does_not_serve(
    memory_app_broker, event, small_event, method, path, headers
):
    Event.objects.filter(pk=small_event.pk).update(slug="draft-event", status=Event.Status.DRAFT)

    app = PublicStreams(_teapot)

    async def scenario() -> tuple[int | None, bytes]:
        async with AsgiStream(path, headers=headers, method=method, app=app) as stream:
            return stream.status, await stream.body()

    assert run(scenario()) == (418, b"django")


@pytest.mark.parametrize("check", ["open_to_anonymous", "channel_in", "stream_headers"])
def test_public_route_hands_django_a_request_whose_checks_fail(
    memory_app_broker, event, monkeypatch, caplog, check
):
    def broken(*args: Any) -> Any:
        raise RuntimeError("database is down")

    monkeypatch.setattr(public, check, broken)

    async def scenario() -> tuple[int | None, bytes]:
        async with AsgiStream(_path(event), app=PublicStreams(_teapot)) as stream:
            return stream.status, await stream.body()

    assert run(scenario()) == (418, b"django")
    [record] = [r for r in caplog.records if r.name == "oneteam.live.public"]
    assert record.exc_info is not None
    assert "database is down" in str(record.exc_info[1])


def test_public_route_hands_plain_http_to_django_when_https_is_required(
    memory_app_broker, event, settings
):
    settings.SECURE_SSL_REDIRECT = True

    async def scenario() -> int | None:
        async with AsgiStream(_path(event), app=PublicStreams(_teapot)) as stream:
            return stream.status

    assert run(scenario()) == 418


@pytest.mark.parametrize(
    "channel",
    ["event-no-such-event", "event-draft-event", "nope-london-unconference", "event-", "Event-x"],
)
def test_public_route_answers_unreadable_channels_exactly_as_the_django_view(
    memory_app_broker, event, small_event, channel
):
    Event.objects.filter(pk=small_event.pk).update(slug="draft-event", status=Event.Status.DRAFT)

    async def answer(app: Any) -> tuple[int | None, dict[str, str], bytes]:
        async with AsgiStream(f"/live/{channel}/stream", app=app) as stream:
            return stream.status, stream.response_headers, await stream.body()

    through_the_app = _without_nonces(run(answer(application)))
    from_django = _without_nonces(run(answer(django_application)))

    assert through_the_app == from_django
    assert through_the_app[0] == 404


def _without_nonces(
    answer: tuple[int | None, dict[str, str], bytes],
) -> tuple[int | None, dict[str, str], bytes]:
    """The answer with each CSP nonce (new on every response, in the header and the page's
    script tags) replaced by one placeholder, so two answers compare on everything else."""
    status, headers, body = answer
    nonce = re.compile(r"nonce-[\w-]+|nonce=\"[\w-]+\"")
    headers = {name: nonce.sub("nonce", value) for name, value in headers.items()}
    return status, headers, nonce.sub("nonce", body.decode()).encode()


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Accept-Language": "cy"},
        {"Accept-Language": "fr, en-GB;q=0.8"},
        {"Cookie": "django_language=cy; csrftoken=" + "a" * 32},
        {"X-Forwarded-Proto": "https"},
    ],
)
def test_public_route_sends_the_headers_the_django_view_sends(
    memory_app_broker, event, settings, headers
):
    # HSTS goes only on HTTPS responses: make it on, and this request HTTPS behind a proxy.
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    async def response_headers(app: Any) -> dict[str, str]:
        async with AsgiStream(_path(event), headers=headers, app=app) as stream:
            await stream.frame()
            return stream.response_headers

    public = run(response_headers(public_only))
    # A fresh handler: Django's middleware reads these settings when it is loaded.
    django = run(response_headers(ASGIHandler()))

    assert public == django
    assert public["content-type"] == "text/event-stream"
    assert ("strict-transport-security" in public) is ("X-Forwarded-Proto" in headers)


def _publish_every_audience(channel: str, member_id: int, chapter_id: int, label: str) -> None:
    publish(channel, "note", f"{label} members", audience="members")
    publish(channel, "note", f"{label} alice", audience=f"user:{member_id}")
    publish(channel, "note", f"{label} organisers", audience=f"organisers:{chapter_id}")
    publish(channel, "note", f"{label} moderators", audience="moderators")
    publish(channel, "note", f"{label} everyone")


def test_public_route_sends_an_anonymous_viewer_only_public_events(
    app_broker, event, member, chapter
):
    channel = f"event-{event.slug}"
    _publish_every_audience(channel, member.pk, chapter.pk, "missed")  # ids 1-5

    async def scenario() -> list[str]:
        async with AsgiStream(_path(event, "last_event_id=0"), app=public_only) as stream:
            seen = [await stream.frame(), await stream.frame()]
            await asyncio.to_thread(_publish_every_audience, channel, member.pk, chapter.pk, "live")
            await asyncio.to_thread(publish, channel, "note", "end")
            seen += [await stream.frame(), await stream.frame()]
            return seen

    frames = run(scenario())

    assert _frames_without_retry(frames) == [
        'id: 5\nevent: note\ndata: "missed everyone"',
        'id: 10\nevent: note\ndata: "live everyone"',
        'id: 11\nevent: note\ndata: "end"',
    ]


@pytest.mark.parametrize("last_event_id", ["2", "4"])
def test_public_route_replays_after_last_event_id_as_the_django_view_does(
    app_broker, event, member, chapter, last_event_id
):
    channel = f"event-{event.slug}"
    publish(channel, "changed", {"n": 1})
    _publish_every_audience(channel, member.pk, chapter.pk, "mixed")  # ids 2-6
    publish(channel, "changed", {"n": 7})
    headers = {"Last-Event-ID": last_event_id}

    public = run(_first_frames(public_only, _path(event), 3, headers))
    django = run(_first_frames(django_application, _path(event), 3, headers))

    assert public[0].startswith("retry: ")
    assert _frames_without_retry(public) == _frames_without_retry(django)
    assert _frames_without_retry(public) == [
        'id: 6\nevent: note\ndata: "mixed everyone"',
        'id: 7\nevent: changed\ndata: {"n":7}',
    ]


def test_public_route_sends_reset_as_the_django_view_does(app_broker, event):
    channel = f"event-{event.slug}"
    for n in range(9):  # the test broker keeps 5
        publish(channel, "changed", {"n": n})

    async def answer(app: Any) -> tuple[list[str], bool]:
        async with AsgiStream(_path(event, "last_event_id=1"), app=app) as stream:
            frames = [await stream.frame(), await stream.frame()]
            await stream.body()
            return _frames_without_retry(frames), stream.finished

    assert run(answer(public_only)) == run(answer(django_application))
    assert run(answer(public_only)) == (["id: 9\nevent: reset\ndata: {}"], True)


def test_public_route_sends_heartbeats_and_ends_at_its_lifetime(memory_app_broker, event, settings):
    settings.LIVE_HEARTBEAT_SECONDS = 0.05
    settings.LIVE_STREAM_MAX_SECONDS = 0.3

    async def scenario() -> tuple[list[str], bool]:
        async with AsgiStream(_path(event), app=public_only) as stream:
            frames = [await stream.frame(), await stream.frame(), await stream.frame()]
            await stream.body()
            return frames[1:], stream.finished

    assert run(scenario()) == ([": keepalive", ": keepalive"], True)


def test_public_route_lets_go_of_the_channel_when_the_client_leaves(memory_app_broker, event):
    async def scenario() -> int:
        async with AsgiStream(_path(event), app=public_only) as stream:
            await stream.frame()
        # The app has returned (AsgiStream waits for it): its subscription must be gone too.
        return len(memory_app_broker._hubs)

    assert run(scenario()) == 0


def test_public_route_shares_one_channel_check_among_a_crowd_arriving_at_once(
    memory_app_broker, event, monkeypatch
):
    checked = []
    lock = threading.Lock()
    real_check = channels._CHECKS["event"]

    def counting_check(key: str, viewer: object) -> bool:
        with lock:
            checked.append(key)
        return real_check(key, viewer)

    monkeypatch.setitem(channels._CHECKS, "event", counting_check)

    async def scenario() -> list[int | None]:
        streams = [AsgiStream(_path(event), app=public_only) for _ in range(20)]
        await asyncio.gather(*(stream.__aenter__() for stream in streams))
        statuses = [stream.status for stream in streams]
        await asyncio.gather(*(stream.__aexit__(None, None, None) for stream in streams))
        return statuses

    assert run(scenario()) == [200] * 20
    assert checked == [event.slug]


def _count_event_checks(monkeypatch) -> list[str]:
    checked: list[str] = []
    lock = threading.Lock()
    real_check = channels._CHECKS["event"]

    def counting_check(key: str, viewer: object) -> bool:
        with lock:
            checked.append(key)
        return real_check(key, viewer)

    monkeypatch.setitem(channels._CHECKS, "event", counting_check)
    return checked


def test_public_route_checks_a_closed_channel_once_then_leaves_it_to_django(
    memory_app_broker, monkeypatch
):
    checked = _count_event_checks(monkeypatch)
    path = "/live/event-no-such-event/stream"

    statuses = [run(_status(application, path, {})) for _ in range(3)]

    assert statuses == [404] * 3
    # The route's check and Django's the first time; Django's alone while "closed" is fresh.
    assert checked == ["no-such-event"] * 4


def test_a_channel_opened_since_the_route_found_it_closed_is_streamed_by_django(
    memory_app_broker, small_event
):
    Event.objects.filter(pk=small_event.pk).update(status=Event.Status.DRAFT)
    path = _path(small_event)
    assert run(_status(application, path, {})) == 404

    Event.objects.filter(pk=small_event.pk).update(status=Event.Status.PUBLISHED)

    async def scenario() -> tuple[int | None, str]:
        # Still remembered as closed here: the route declines and Django serves the stream.
        async with AsgiStream(path, app=PublicStreams(django_application)) as stream:
            return stream.status, await stream.frame()

    status, first = run(scenario())
    assert status == 200
    assert first.startswith("retry: ")
    assert run(_status(PublicStreams(_teapot), path, {})) == 418


def _event(event_id: int, audience: str = "public") -> LiveEvent:
    return LiveEvent(
        id=event_id, channel="event-x", type="note", data="{}", audience=audience, at=0.0
    )


def test_outbox_ends_a_stream_that_stops_reading_rather_than_grow():
    outbox = Outbox("event-x", limit=3, heartbeat_seconds=15, starts_at=0, ends_at=600)

    for event_id in range(1, 5):
        outbox.deliver(_event(event_id))

    assert [event.id for event in outbox.pending] == [1, 2, 3]
    assert outbox.done is True


def test_outbox_drops_events_for_other_audiences_on_delivery():
    outbox = Outbox("event-x", limit=10, heartbeat_seconds=15, starts_at=0, ends_at=600)

    for audience in ("members", "user:1", "organisers:1", "moderators", "public"):
        outbox.deliver(_event(1, audience))

    assert [event.audience for event in outbox.pending] == ["public"]


@pytest.mark.parametrize("audience", ["public", "members", "moderators", "organisers:1", "user:1"])
def test_outbox_keeps_what_the_shared_rule_lets_an_anonymous_viewer_see(audience):
    anonymous = audiences_for(AnonymousUser())
    outbox = Outbox("event-x", limit=10, heartbeat_seconds=15, starts_at=0, ends_at=600)

    outbox.deliver(_event(1, audience))

    assert bool(outbox.pending) is may_see(anonymous, audience)


def test_public_route_does_not_remember_long_junk_paths():
    public_routing._cached_channel.cache_clear()
    junk = "/live/" + "x" * public_routing.LONGEST_CACHED_PATH + "/stream"

    assert public_routing.channel_in(junk) == "x" * public_routing.LONGEST_CACHED_PATH
    assert public_routing._cached_channel.cache_info().currsize == 0
    # A short path is still remembered, so a crowd resolves it once.
    assert public_routing.channel_in("/live/event-x/stream") == "event-x"
    assert public_routing._cached_channel.cache_info().currsize == 1


def test_public_route_remembers_a_bounded_number_of_paths():
    public_routing._cached_channel.cache_clear()
    limit = public_routing._cached_channel.cache_info().maxsize

    for number in range(limit + 100):
        public_routing.channel_in(f"/live/junk-{number}/stream")

    assert public_routing._cached_channel.cache_info().currsize == limit


def test_public_route_forgets_paths_when_settings_change(settings):
    public_routing.channel_in("/live/event-x/stream")

    settings.LIVE_CHANNEL_CHECK_SECONDS = 1.0

    assert public_routing._cached_channel.cache_info().currsize == 0


def test_signed_in_members_streams_go_through_django(memory_app_broker, event, member):
    cookie = {"Cookie": _session_cookie(member)}
    channel = f"event-{event.slug}"

    async def scenario() -> tuple[int | None, list[str]]:
        async with AsgiStream(_path(event), headers=cookie, app=application) as stream:
            await stream.frame()
            await asyncio.to_thread(publish, channel, "note", "members", audience="members")
            return stream.status, [await stream.frame()]

    assert run(scenario()) == (200, ['id: 1\nevent: note\ndata: "members"'])
    # And the public route itself would not take it.
    assert run(_status(PublicStreams(_teapot), _path(event), cookie)) == 418


async def _status(app: Any, path: str, headers: dict[str, str]) -> int | None:
    async with AsgiStream(path, headers=headers, app=app) as stream:
        await stream.body()
        return stream.status


class _SlowBroker:
    """Counts replays, and holds each until released: to see which streams share one."""

    def __init__(self) -> None:
        self.reads = 0
        self.release = asyncio.Event()

    async def replay(self, channel: str, *, after: int) -> Replay:
        self.reads += 1
        await self.release.wait()
        return Replay([], False, after)


def test_shared_reads_serve_every_stream_subscribed_before_the_read_started():
    reads = _SharedReads()
    broker = _SlowBroker()

    async def scenario() -> tuple[int, list[Replay]]:
        tickets = [reads.ticket() for _ in range(3)]  # three streams subscribe, then all ask
        asks = [
            asyncio.ensure_future(reads.replay(broker, "event-x", 7, ticket)) for ticket in tickets
        ]
        await asyncio.sleep(0.01)
        broker.release.set()
        replays = await asyncio.gather(*asks)
        return broker.reads, replays

    count, replays = run(scenario())

    assert count == 1
    assert [replay.last_id for replay in replays] == [7, 7, 7]


def test_shared_reads_never_serve_a_stream_subscribed_after_the_read_started():
    reads = _SharedReads()
    broker = _SlowBroker()

    async def scenario() -> int:
        early = asyncio.ensure_future(reads.replay(broker, "event-x", 7, reads.ticket()))
        await asyncio.sleep(0.01)  # the read has started: it may miss what comes next
        late = asyncio.ensure_future(reads.replay(broker, "event-x", 7, reads.ticket()))
        await asyncio.sleep(0.01)
        broker.release.set()
        await asyncio.gather(early, late)
        return broker.reads

    assert run(scenario()) == 2


def test_public_route_replays_once_for_a_crowd_reconnecting_with_the_same_id(
    app_broker, event, monkeypatch
):
    channel = f"event-{event.slug}"
    for n in range(3):
        publish(channel, "changed", {"n": n})
    replays = []
    real_replay = app_broker.replay

    async def counting_replay(channel: str, *, after: int) -> Replay:
        replays.append(after)
        return await real_replay(channel, after=after)

    monkeypatch.setattr(app_broker, "replay", counting_replay)

    async def scenario() -> list[list[str]]:
        streams = [
            AsgiStream(_path(event), headers={"Last-Event-ID": "1"}, app=public_only)
            for _ in range(20)
        ]
        await asyncio.gather(*(stream.__aenter__() for stream in streams))
        frames = [[await stream.frame() for _ in range(3)][1:] for stream in streams]
        await asyncio.gather(*(stream.__aexit__(None, None, None) for stream in streams))
        return frames

    frames = run(scenario())

    assert (
        frames
        == [['id: 2\nevent: changed\ndata: {"n":1}', 'id: 3\nevent: changed\ndata: {"n":2}']] * 20
    )
    assert replays == [1]
