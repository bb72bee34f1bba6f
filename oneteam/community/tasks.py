"""Background jobs of the community, run by the tasks worker (`oneteam db_worker`)."""

from __future__ import annotations

from django.tasks import task

from oneteam.community.notifications import digests_send, post_notify


@task()
def notify_new_post(post_id: int) -> int:
    """Email the thread's followers and the members the post mentions."""
    return post_notify(post_id=post_id)


@task()
def send_daily_digests() -> int:
    """Send each member who asked for it the digest of the last day's posts they follow."""
    return digests_send()
