"""The programme's data migrations keep what existing events do."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("programme", "0003_session_guest_host_name")]
AFTER = [("programme", "0004_interest_open")]


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True)
def test_interest_stays_closed_where_the_schedule_was_published_and_open_elsewhere(
    event, small_event
):
    try:
        executor = _migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps.get_model("programme", "EventProgramme")
        old.objects.create(event_id=event.pk, schedule_published=True)
        old.objects.create(event_id=small_event.pk, schedule_published=False)

        executor = _migrate(AFTER)

        new = executor.loader.project_state(AFTER).apps.get_model("programme", "EventProgramme")
        found = dict(new.objects.values_list("event_id", "interest_open"))
    finally:
        # Back to the newest schema (later migrations included) for the tests that follow.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    assert found == {event.pk: False, small_event.pk: True}
