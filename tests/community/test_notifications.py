"""Following, unread markers, reply and mention emails (background tasks), the daily digest."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from oneteam.community import notifications, services
from oneteam.community.models import NotificationSettings, Post, ThreadFollow
from tests.community.helpers import make_thread, reply

pytestmark = pytest.mark.django_db

IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def immediately(settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE_TASKS

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            result = action()
        # the task itself sends its emails on commit too
        return result

    return run


def test_posting_under_ones_name_follows_the_thread(space, member):
    thread = make_thread(space, member)
    assert ThreadFollow.objects.filter(thread=thread, user=member).exists()


def test_posting_anonymously_leaves_no_follow_or_read_marker(space, member):
    from oneteam.community.models import ThreadRead

    make_thread(space, member, anonymous=True)
    assert ThreadFollow.objects.count() == 0
    assert ThreadRead.objects.count() == 0


def test_followers_get_an_email_about_a_reply(space, member, other_member, immediately):
    thread = make_thread(space, member)
    immediately(lambda: reply(thread, other_member, "Here is how we did it"))
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert mail.outbox[0].subject.endswith("New reply from Charlie Data in “Getting data shared”")
    assert "Here is how we did it" in mail.outbox[0].body


def test_reply_email_names_an_anonymous_author_by_pseudonym(
    space, member, other_member, immediately
):
    thread = make_thread(space, member)
    immediately(lambda: reply(thread, other_member, "Quietly", anonymous=True))
    message = mail.outbox[0]
    assert "Anonymous 1" in message.subject
    assert "Charlie" not in message.subject + message.body


def test_chatham_house_reply_email_shows_no_name(space, member, other_member, immediately):
    thread = make_thread(space, member, chatham_house=True)
    immediately(lambda: reply(thread, other_member, "Under the rule"))
    assert "A participant" in mail.outbox[0].subject
    assert "Charlie" not in mail.outbox[0].subject + mail.outbox[0].body


def test_mentioned_member_is_emailed(space, member, other_member, immediately):
    thread = make_thread(space, member)
    immediately(lambda: reply(thread, member, "What do you think, @charlie?"))
    assert [m.to for m in mail.outbox] == [[other_member.email]]
    assert "Alice Policy mentioned you" in mail.outbox[0].subject


def test_members_who_turned_emails_off_get_none(space, member, other_member, immediately):
    services.notification_settings_set(user=member, email_replies=False, daily_digest=False)
    thread = make_thread(space, member)
    immediately(lambda: reply(thread, other_member))
    assert mail.outbox == []


def test_a_follower_blocked_by_the_replier_is_not_emailed(space, member, other_member, immediately):
    thread = make_thread(space, member)
    services.block_set(blocker=other_member, blocked=member, blocking=True)
    immediately(lambda: reply(thread, other_member, "Hello"))
    assert mail.outbox == []


def test_follow_and_unfollow_through_the_page(signed_in, space, other_member):
    thread = make_thread(space, other_member)
    url = reverse("community:follow", kwargs={"pk": thread.pk})
    signed_in.post(url, {"following": "true"})
    signed_in.post(url, {"following": "true"})
    assert ThreadFollow.objects.filter(thread=thread).count() == 2
    signed_in.post(url, {"following": "false"})
    assert ThreadFollow.objects.filter(thread=thread).count() == 1


def test_unread_markers_on_the_space_and_the_thread(signed_in, space, member, other_member):
    thread = make_thread(space, other_member)
    listing = reverse("community:space", kwargs={"slug": space.slug})
    thread_url = reverse("community:thread", kwargs={"pk": thread.pk})
    assert ">New</strong>" in signed_in.get(listing).content.decode()
    signed_in.get(thread_url)
    assert "govuk-tag--yellow" not in signed_in.get(listing).content.decode()
    later = reply(thread, other_member, "A later reply")
    assert "Unread replies" in signed_in.get(listing).content.decode()
    page = signed_in.get(thread_url).content.decode()
    assert page.count(">New</strong>") == 1
    assert page.index("A later reply") > page.index(">New</strong>")
    assert Post.objects.filter(pk=later.pk).exists()


def test_settings_page_saves_the_digest_choice(signed_in, member):
    signed_in.post(reverse("community:settings"), {"email_replies": "on", "daily_digest": "on"})
    found = NotificationSettings.objects.get(user=member)
    assert (found.email_replies, found.daily_digest) == (True, True)


def test_daily_digest_goes_only_to_members_who_asked(
    space, member, other_member, organiser, django_capture_on_commit_callbacks
):
    thread = make_thread(space, member)
    services.follow_set(thread=thread, user=organiser, following=True)
    reply(thread, other_member, "Digest me", anonymous=True)
    services.notification_settings_set(user=member, email_replies=True, daily_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        sent = notifications.digests_send(now=timezone.now() + timedelta(minutes=1))
    assert sent == 1
    assert [m.to for m in mail.outbox] == [[member.email]]
    body = mail.outbox[0].body
    assert "Anonymous 1: Digest me" in body
    assert "Charlie" not in body


def test_digest_skips_a_quiet_day(space, member, django_capture_on_commit_callbacks):
    make_thread(space, member)
    services.notification_settings_set(user=member, email_replies=True, daily_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        sent = notifications.digests_send(now=timezone.now() + timedelta(days=2))
    assert (sent, mail.outbox) == (0, [])


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_digest_task_runs_through_the_queue(space, member):
    from oneteam.community.tasks import send_daily_digests

    result = send_daily_digests.enqueue()
    assert result.return_value == 0


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_digest_command_queues_the_digest(space, member, capsys):
    from django.core.management import call_command

    call_command("community_digest")
    assert "Daily digest queued" in capsys.readouterr().out
