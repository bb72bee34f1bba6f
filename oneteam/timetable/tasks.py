"""Background jobs of the grid, run by the tasks worker (`oneteam db_worker`)."""

from __future__ import annotations

from django.tasks import task

from oneteam.timetable.services.builds import build_run


@task()
def run_build(build_id: int) -> str:
    """Solve one queued schedule build; the outcome is recorded on the `ScheduleBuild` row."""
    build = build_run(build_id=build_id)
    return build.status if build is not None else "missing"
