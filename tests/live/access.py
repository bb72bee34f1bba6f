from tests.access import route

ROUTES = [
    # A published event's live channel is public; what each viewer receives is filtered by
    # audience (tests/live/test_stream.py), not by who may connect.
    route(
        "live:stream",
        kwargs=lambda w: {"channel": f"event-{w.event.slug}"},
        anonymous=200,
        member=200,
        organiser=200,
        moderator=200,
    ),
]
