"""Actions: committing, signed done/drop links, and reminders sent exactly once."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from oneteam.outcomes import services
from oneteam.outcomes.models import Action
from oneteam.outcomes.tokens import make_action_token

pytestmark = pytest.mark.django_db


def _actions_url(event) -> str:
    return reverse("outcomes:actions", kwargs={"event_slug": event.slug})


def _link(action: Action, verb: str) -> str:
    token = make_action_token(action.pk, verb)
    return reverse("outcomes:action_link", kwargs={"event_slug": action.event.slug, "token": token})


def test_an_attendee_commits_to_an_action_linked_to_a_session(
    client, past_event, attendee, session
):
    client.force_login(attendee)
    due = timezone.localdate() + timedelta(days=10)

    response = client.post(
        _actions_url(past_event),
        {
            "text": "share the notes with my team",
            "due_on": due.isoformat(),
            "session": session.pk,
            "is_public": "false",
        },
    )

    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.owner, action.session, action.due_on, action.is_public) == (
        attendee,
        session,
        due,
        False,
    )


def test_an_action_due_in_the_past_is_refused_and_nothing_is_stored(client, past_event, attendee):
    client.force_login(attendee)
    yesterday = timezone.localdate() - timedelta(days=1)

    response = client.post(
        _actions_url(past_event),
        {"text": "write it up", "due_on": yesterday.isoformat(), "is_public": "true"},
    )

    assert response.status_code == 400
    assert f"The due date {yesterday.strftime('%-d %B %Y')} has passed" in response.content.decode()
    assert response.context["form"].data["text"] == "write it up"
    assert not Action.objects.exists()


def test_someone_not_registered_cannot_commit_to_an_action(client, past_event, member):
    client.force_login(member)

    response = client.post(
        _actions_url(past_event), {"text": "x", "is_public": "true"}, follow=True
    )

    assert "Only people registered for One Team London can commit to its actions." in (
        response.content.decode()
    )
    assert not Action.objects.exists()


def test_the_done_link_get_asks_and_changes_nothing(client, past_event, attendee):
    action = Action.objects.create(event=past_event, owner=attendee, text="call Sam")

    response = client.get(_link(action, "done"))

    assert response.status_code == 200
    assert "Mark your action as done?" in response.content.decode()
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN


@pytest.mark.parametrize(("verb", "status"), [("done", "done"), ("drop", "dropped")])
def test_the_link_post_closes_the_action(client, past_event, attendee, verb, status):
    action = Action.objects.create(event=past_event, owner=attendee, text="call Sam")

    response = client.post(_link(action, verb))

    assert response.status_code == 200
    action.refresh_from_db()
    assert action.status == status
    assert action.closed_at is not None


def test_an_expired_link_is_refused_with_a_clear_message(client, past_event, attendee, monkeypatch):
    action = Action.objects.create(event=past_event, owner=attendee, text="call Sam")
    url = _link(action, "done")
    later = timezone.now().timestamp() + 61 * 24 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)

    response = client.post(url)

    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN


def test_a_tampered_link_is_refused(client, past_event, attendee):
    action = Action.objects.create(event=past_event, owner=attendee, text="call Sam")
    token = make_action_token(action.pk, "done")
    forged = signing.TimestampSigner(salt="elsewhere").sign_object([action.pk, "done"])
    url = reverse("outcomes:action_link", kwargs={"event_slug": past_event.slug, "token": forged})

    response = client.post(url)

    assert token != forged
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()


def _due(event, owner, count: int) -> list[Action]:
    today = timezone.localdate()
    return [
        Action.objects.create(event=event, owner=owner, text=f"action {i}", due_on=today)
        for i in range(count)
    ]


def test_a_reminder_goes_on_the_due_date_with_done_and_drop_links(past_event, attendee):
    _due(past_event, attendee, 1)

    sent = services.send_due_reminders()

    assert sent == 1
    (message,) = mail.outbox
    assert message.to == ["nadia.notes@example.org"]
    assert "I will action 0" in message.body
    assert f"/outcomes/{past_event.slug}/actions/" in message.body
    assert message.body.count("http://") + message.body.count("https://") == 3


def test_no_reminder_before_the_due_date(past_event, attendee):
    Action.objects.create(
        event=past_event, owner=attendee, text="later", due_on=timezone.localdate() + timedelta(1)
    )

    assert services.send_due_reminders() == 0


def test_without_a_due_date_the_reminder_goes_four_weeks_after_the_event(past_event, attendee):
    Action.objects.create(event=past_event, owner=attendee, text="someday")

    before = services.send_due_reminders(now=past_event.ends_at + timedelta(days=27))
    after = services.send_due_reminders(now=past_event.ends_at + timedelta(days=28, seconds=1))

    assert (before, after) == (0, 1)


def test_reminders_are_never_sent_twice(past_event, attendee):
    _due(past_event, attendee, 3)

    first, second = services.send_due_reminders(), services.send_due_reminders()

    assert (first, second, len(mail.outbox)) == (3, 0, 3)


def test_closed_actions_get_no_reminder(past_event, attendee):
    (action,) = _due(past_event, attendee, 1)
    services.action_close(action_pk=action.pk, status=Action.Status.DONE)

    assert services.send_due_reminders() == 0


class WorkerKilled(BaseException):
    """What a killed worker looks like from inside: no `except Exception` catches it."""


def test_a_worker_killed_mid_batch_never_sends_a_reminder_twice(past_event, attendee, monkeypatch):
    """The worker dies right after the third email left; the next run sends the rest once."""
    actions = _due(past_event, attendee, 6)
    from django.core.mail.backends.locmem import EmailBackend

    original = EmailBackend.send_messages
    delivered = 0

    def send_then_die(self, messages):
        nonlocal delivered
        count = original(self, messages)
        delivered += count
        if delivered == 3:
            raise WorkerKilled
        return count

    monkeypatch.setattr(EmailBackend, "send_messages", send_then_die)
    with pytest.raises(WorkerKilled):
        services.send_due_reminders()
    monkeypatch.setattr(EmailBackend, "send_messages", original)

    services.send_due_reminders()
    services.send_due_reminders()

    bodies = [message.body for message in mail.outbox]
    for action in actions:
        assert sum(f"I will {action.text}”" in body for body in bodies) == 1, action.text
    assert Action.objects.filter(reminder_sent_at__isnull=True).count() == 0


def test_a_mail_server_failure_releases_the_claim_so_the_next_run_retries(
    past_event, attendee, monkeypatch
):
    _due(past_event, attendee, 1)
    from django.core.mail.backends.locmem import EmailBackend

    original = EmailBackend.send_messages

    def refuse(self, messages):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    assert services.send_due_reminders() == 0
    monkeypatch.setattr(EmailBackend, "send_messages", original)

    assert services.send_due_reminders() == 1
    assert len(mail.outbox) == 1


def test_the_reminder_task_runs_the_batch(past_event, attendee, settings):
    from oneteam.outcomes.tasks import send_action_reminders

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    _due(past_event, attendee, 2)

    result = send_action_reminders.enqueue()

    assert result.return_value == 2
    assert len(mail.outbox) == 2


def test_the_command_sends_due_reminders_now(past_event, attendee):
    from django.core.management import call_command

    _due(past_event, attendee, 1)

    call_command("send_action_reminders", "--now", stdout=io.StringIO())

    assert len(mail.outbox) == 1


def test_the_command_queues_the_batch_for_the_worker(past_event, attendee):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    _due(past_event, attendee, 1)

    call_command("send_action_reminders", stdout=io.StringIO())

    assert mail.outbox == []
    assert DBTaskResult.objects.filter(task_path__endswith="send_action_reminders").count() == 1


def test_action_links_are_redacted_from_logs(past_event, attendee):
    from oneteam.core.redaction import redact

    action = Action.objects.create(event=past_event, owner=attendee, text="x")
    token = make_action_token(action.pk, "done")

    assert token not in redact(f"GET {_link(action, 'done')} HTTP/1.1")
