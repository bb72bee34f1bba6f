from tests.events.conftest import draft_event  # noqa: F401 - shared fixture
