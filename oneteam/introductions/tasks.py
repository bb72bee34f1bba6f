"""Background jobs of introductions, run by the tasks worker (`oneteam db_worker`)."""

from __future__ import annotations

from django.tasks import task

from oneteam.introductions.services.follow_ups import follow_ups_send_due
from oneteam.introductions.services.rounds import round_run


@task()
def run_round(round_id: int) -> str:
    """Pair one queued round; the outcome is recorded on the `Round` row."""
    round_ = round_run(round_id=round_id)
    return round_.status if round_ is not None else "missing"


@task()
def send_due_follow_ups() -> int:
    """Email "did you meet?" to everyone introduced two weeks ago or more, once."""
    return follow_ups_send_due()
