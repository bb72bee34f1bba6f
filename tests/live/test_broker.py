"""Both broker backends: ids, replay, reset, fan-out across threads, overflow, validation."""

from __future__ import annotations

import asyncio

import pytest

from oneteam.live.audiences import AudienceError
from oneteam.live.brokers.base import LiveEvent, SubscriptionLost, plan_replay
from oneteam.live.channels import ChannelError
from tests.live.conftest import run


def _ids(events: list[LiveEvent]) -> list[int]:
    return [event.id for event in events]


def test_publish_ids_increase_per_channel(broker):
    first = [broker.publish("event-a", "changed", {"n": n}).id for n in range(3)]
    other = broker.publish("event-b", "changed", {}).id

    assert first == [1, 2, 3]
    assert other == 1
    assert broker.last_id("event-a") == 3
    assert broker.last_id("event-unused") == 0


def test_replay_after_last_event_id_returns_the_missed_events(broker):
    for n in range(4):
        broker.publish("event-a", "changed", {"n": n}, audience="members")

    replay = run(broker.replay("event-a", after=1))

    assert replay.reset is False
    assert _ids(replay.events) == [2, 3, 4]
    assert [event.data for event in replay.events] == ['{"n":1}', '{"n":2}', '{"n":3}']
    assert {event.audience for event in replay.events} == {"members"}
    assert replay.last_id == 4


def test_replay_when_up_to_date_is_empty(broker):
    broker.publish("event-a", "changed", {})

    replay = run(broker.replay("event-a", after=1))

    assert (replay.events, replay.reset, replay.last_id) == ([], False, 1)


def test_replay_beyond_the_log_resets(broker):
    for n in range(8):  # the log keeps the last 5: ids 4..8
        broker.publish("event-a", "changed", {"n": n})

    too_old = run(broker.replay("event-a", after=2))
    just_kept = run(broker.replay("event-a", after=3))

    assert (too_old.reset, too_old.events, too_old.last_id) == (True, [], 8)
    assert _ids(just_kept.events) == [4, 5, 6, 7, 8]


def test_replay_of_an_id_the_broker_never_issued_resets(broker):
    broker.publish("event-a", "changed", {})

    replay = run(broker.replay("event-a", after=40))

    assert (replay.reset, replay.last_id) == (True, 1)


def _event(event_id: int, at: float) -> LiveEvent:
    return LiveEvent(id=event_id, channel="event-a", type="t", data="{}", audience="public", at=at)


def test_plan_replay_resets_when_a_missed_event_is_older_than_the_ttl():
    retained = [_event(1, at=100.0), _event(2, at=150.0)]

    expired = plan_replay(after=0, current=2, retained=retained, now=200.0, ttl=60)
    fresh = plan_replay(after=1, current=2, retained=retained, now=200.0, ttl=60)

    assert expired.reset is True
    assert (fresh.reset, _ids(fresh.events)) == (False, [2])


def test_subscriber_receives_events_published_from_another_thread(broker):
    async def scenario() -> list[tuple[int, str, str]]:
        async with broker.subscribe("event-a") as subscription:
            # Sync views publish from worker threads, not from the event loop.
            for n in range(3):
                await asyncio.to_thread(broker.publish, "event-a", "moved", {"n": n})
            await asyncio.to_thread(broker.publish, "event-b", "moved", {"elsewhere": True})
            received = [await subscription.get(timeout=2) for _ in range(3)]
            extra = await subscription.get(timeout=0.2)
        assert extra is None
        return [(event.id, event.type, event.data) for event in received if event]

    assert run(scenario()) == [
        (1, "moved", '{"n":0}'),
        (2, "moved", '{"n":1}'),
        (3, "moved", '{"n":2}'),
    ]


def test_subscriber_times_out_with_none_when_nothing_is_published(broker):
    async def scenario() -> object:
        async with broker.subscribe("event-a") as subscription:
            return await subscription.get(timeout=0.05)

    assert run(scenario()) is None


def test_subscriber_that_falls_behind_is_dropped(broker):
    async def scenario() -> None:
        async with broker.subscribe("event-a") as subscription:
            for n in range(broker.queue_limit + 1):
                await asyncio.to_thread(broker.publish, "event-a", "moved", {"n": n})
            await asyncio.sleep(0.2)
            with pytest.raises(SubscriptionLost):
                for _ in range(broker.queue_limit + 1):
                    await subscription.get(timeout=2)

    run(scenario())


def test_two_subscribers_on_one_loop_each_receive_every_event(broker):
    async def scenario() -> list[int]:
        async with broker.subscribe("event-a") as one, broker.subscribe("event-a") as two:
            await asyncio.to_thread(broker.publish, "event-a", "moved", {})
            first, second = await one.get(timeout=2), await two.get(timeout=2)
        return [first.id, second.id]

    assert run(scenario()) == [1, 1]


@pytest.mark.parametrize(
    ("channel", "event_type", "audience", "error"),
    [
        ("nope-x", "moved", "public", ChannelError),
        ("event-", "moved", "public", ChannelError),
        ("event-a\nb", "moved", "public", ChannelError),
        ("event-a", "reset", "public", ValueError),
        ("event-a", "two words", "public", ValueError),
        ("event-a", "moved", "organisers", AudienceError),
        ("event-a", "moved", "user:0", AudienceError),
        ("event-a", "moved", "everyone", AudienceError),
    ],
)
def test_publish_rejects_bad_arguments_loudly(broker, channel, event_type, audience, error):
    with pytest.raises(error):
        broker.publish(channel, event_type, {}, audience=audience)

    assert broker.last_id("event-a") == 0


def test_publish_rejects_data_that_is_not_json(broker):
    with pytest.raises(TypeError):
        broker.publish("event-a", "moved", {"what": object()})


def test_subscription_ticks_on_its_own_cadence_between_events(broker):
    async def scenario() -> list[object]:
        async with broker.subscribe("event-a") as subscription:
            subscription.start_ticks(0.05)
            await asyncio.to_thread(broker.publish, "event-a", "moved", {})
            # On a loaded machine a tick may come before the event does: skip those (bounded).
            for _ in range(40):
                first = await asyncio.wait_for(subscription.next(), 2)
                if first is not None:
                    break
            second = await asyncio.wait_for(subscription.next(), 2)
        return [first.id if first else first, second]

    assert run(scenario()) == [1, None]
