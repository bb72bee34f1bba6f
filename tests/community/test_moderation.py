"""Reports, the moderation queue, hiding, warning, suspending and banning, with the audit log."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from oneteam.community import services
from oneteam.community.models import AuditEntry, Report, Sanction
from tests.community.conftest import snapshot
from tests.community.helpers import make_space, make_thread, reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(space, other_member):
    return make_thread(space, other_member).posts.get()


def test_member_reports_a_post_and_it_reaches_the_queue(client, post, member, moderator):
    client.force_login(member)
    response = client.post(
        reverse("community:report_post", kwargs={"pk": post.pk}), {"reason": "Personal attack"}
    )
    assert response.status_code == 302
    client.force_login(moderator)
    queue = client.get(reverse("community:moderation")).content.decode()
    assert "Personal attack" in queue
    assert "How do you get a data sharing agreement signed?" in queue


def test_reporting_ones_own_post_is_refused(client, post, other_member):
    client.force_login(other_member)
    before = snapshot()
    response = client.post(
        reverse("community:report_post", kwargs={"pk": post.pk}), {"reason": "Oops"}
    )
    assert "You cannot report your own post" in response.content.decode()
    assert snapshot() == before


def test_reporting_ones_own_anonymous_post_is_refused(space, member):
    anonymous = make_thread(space, member, anonymous=True).posts.get()
    with pytest.raises(ValidationError, match="your own post"):
        services.report_create(reporter=member, post=anonymous, reason="Hmm")
    assert Report.objects.count() == 0


def test_reporting_needs_a_reason(post, member):
    with pytest.raises(ValidationError, match="Give a reason"):
        services.report_create(reporter=member, post=post, reason=" ")


def test_reporting_oneself_is_refused(member):
    with pytest.raises(ValidationError, match="cannot report yourself"):
        services.report_create(reporter=member, member=member, reason="Test")


def test_member_reports_a_member(client, member, other_member, moderator):
    client.force_login(member)
    url = reverse("community:report_member", kwargs={"handle": "charlie"})
    client.post(url, {"reason": "Messages me at night"})
    report = Report.objects.get()
    assert (report.reported_user, report.reason) == (other_member, "Messages me at night")
    client.force_login(moderator)
    assert "Messages me at night" in client.get(reverse("community:moderation")).content.decode()


def test_hide_post_hides_it_records_audit_and_tells_author(
    client, post, member, moderator, other_member, django_capture_on_commit_callbacks
):
    services.report_create(reporter=member, post=post, reason="Rude")
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("community:hide_post", kwargs={"pk": post.pk}), {"hide-reason": "Rude"}
        )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.is_hidden
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.moderator, entry.reason, entry.post) == (
        "hide",
        moderator,
        "Rude",
        post,
    )
    assert Report.objects.get().resolved_by == moderator
    assert [m.to for m in mail.outbox] == [[other_member.email]]
    assert "Rude" in mail.outbox[0].body
    client.force_login(member)
    page = client.get(reverse("community:thread", kwargs={"pk": post.thread_id})).content.decode()
    assert "A moderator hid this post." in page
    assert "data sharing agreement" not in page


def test_hiding_the_author_of_an_anonymous_post_is_told_privately(
    space, member, moderator, django_capture_on_commit_callbacks
):
    anonymous = make_thread(space, member, anonymous=True).posts.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.post_hide(post=anonymous, moderator=moderator, reason="Off topic")
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert AuditEntry.objects.get().member is None


def test_hiding_twice_is_refused(post, moderator):
    services.post_hide(post=post, moderator=moderator, reason="Rude")
    before = snapshot()
    with pytest.raises(ValidationError, match="already hidden"):
        services.post_hide(post=post, moderator=moderator, reason="Rude")
    assert snapshot() == before


def test_members_cannot_hide(client, post, member):
    client.force_login(member)
    response = client.post(
        reverse("community:hide_post", kwargs={"pk": post.pk}), {"hide-reason": "Rude"}
    )
    assert response.status_code == 404
    post.refresh_from_db()
    assert not post.is_hidden


@pytest.mark.parametrize(
    ("kind", "days", "action", "words"),
    [
        ("warning", None, "warn", "warned you"),
        ("suspension", 7, "suspend", "suspended you from posting until"),
        ("ban", None, "ban", "banned you"),
    ],
)
def test_sanctions_are_audited_and_emailed(
    client, member, moderator, django_capture_on_commit_callbacks, kind, days, action, words
):
    client.force_login(moderator)
    data = {"kind": kind, "reason": "Repeated personal attacks"}
    if days:
        data["days"] = days
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("community:moderate_member", kwargs={"handle": "alice"}), data
        )
    assert response.status_code == 302
    sanction = Sanction.objects.get()
    assert (sanction.user, sanction.kind, sanction.moderator) == (member, kind, moderator)
    assert (sanction.until is not None) == (kind == "suspension")
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.member, entry.reason) == (
        action,
        member,
        "Repeated personal attacks",
    )
    assert mail.outbox[0].to == [member.email]
    assert words in mail.outbox[0].body


def test_suspension_needs_a_number_of_days(member, moderator):
    with pytest.raises(ValidationError, match="between 1 and 365 days"):
        services.sanction_create(member=member, moderator=moderator, kind="suspension", reason="R")
    assert Sanction.objects.count() == 0


def test_chapter_moderators_cannot_sanction_members(chapter, member):
    from oneteam.community.models import Moderator
    from tests.conftest import make_member

    local = make_member("lm@example.org", name="Local Mod")
    Moderator.objects.create(user=local, chapter=chapter)
    with pytest.raises(ValidationError, match="Only community moderators"):
        services.sanction_create(member=member, moderator=local, kind="warning", reason="R")


def test_dismissing_a_report_is_audited(client, post, member, moderator):
    report = services.report_create(reporter=member, post=post, reason="Not sure")
    client.force_login(moderator)
    client.post(
        reverse("community:dismiss_report", kwargs={"pk": report.pk}), {"reason": "Within the code"}
    )
    report.refresh_from_db()
    assert report.resolved_by == moderator
    assert AuditEntry.objects.get().action == "dismiss"
    assert "Not sure" not in client.get(reverse("community:moderation")).content.decode()


def test_audit_log_is_read_only_in_the_admin(client, admin_user, post, moderator):
    services.post_hide(post=post, moderator=moderator, reason="Rude")
    client.force_login(admin_user)
    listing = client.get(reverse("admin:community_auditentry_changelist"))
    assert listing.status_code == 200
    assert "Rude" in listing.content.decode()
    entry = AuditEntry.objects.get()
    change = reverse("admin:community_auditentry_change", args=[entry.pk])
    client.post(change, {"reason": "Edited"})
    entry.refresh_from_db()
    assert entry.reason == "Rude"
    assert client.get(reverse("admin:community_auditentry_add")).status_code == 403


def test_moderation_queue_shows_context_before_the_post(client, space, member, moderator):
    thread = make_thread(space, member, body="First message")
    target = reply(thread, member, "The reported reply")
    client.force_login(moderator)
    page = client.get(reverse("community:moderate_post", kwargs={"pk": target.pk})).content.decode()
    assert page.index("First message") < page.index("The reported reply")


def test_chapter_moderator_queue_shows_only_their_chapter(chapter, member, other_member):
    from oneteam.community.models import Moderator, Space
    from oneteam.community.selectors import open_reports
    from tests.conftest import make_member

    local = make_member("lm@example.org", name="Local Mod")
    Moderator.objects.create(user=local, chapter=chapter)
    london = Space.objects.create(slug="ldn", name="London", kind="chapter", chapter=chapter)
    in_london = make_thread(london, other_member).posts.get()
    elsewhere = make_thread(make_space(), other_member).posts.get()
    services.report_create(reporter=member, post=in_london, reason="Local")
    services.report_create(reporter=member, post=elsewhere, reason="Wide")
    assert [r.reason for r in open_reports(moderator=local)] == ["Local"]


def test_chapter_moderator_cannot_dismiss_a_report_outside_their_chapter(
    client, post, member, chapter_moderator
):
    report = services.report_create(reporter=member, post=post, reason="Not sure")
    client.force_login(chapter_moderator)
    before = snapshot()

    response = client.post(
        reverse("community:dismiss_report", kwargs={"pk": report.pk}),
        {"reason": "Within the code"},
        follow=True,
    )

    assert response.status_code == 200
    assert snapshot() == before
    report.refresh_from_db()
    assert report.resolved_at is None


def test_chapter_moderator_moderates_their_own_chapter(
    client, chapter, member, other_member, chapter_moderator
):
    from oneteam.community.models import Space

    london = Space.objects.create(slug="ldn", name="London", kind="chapter", chapter=chapter)
    target = make_thread(london, other_member, body="Rude words").posts.get()
    report = services.report_create(reporter=member, post=target, reason="Rude to me")
    client.force_login(chapter_moderator)

    assert "Rude to me" in client.get(reverse("community:moderation")).content.decode()
    assert (
        client.get(reverse("community:moderate_post", kwargs={"pk": target.pk})).status_code == 200
    )
    dismissed = client.post(
        reverse("community:dismiss_report", kwargs={"pk": report.pk}), {"reason": "Dealt with"}
    )
    hidden = client.post(
        reverse("community:hide_post", kwargs={"pk": target.pk}), {"hide-reason": "Rude"}
    )

    assert (hidden.status_code, dismissed.status_code) == (302, 302)
    target.refresh_from_db()
    report.refresh_from_db()
    assert target.is_hidden
    assert report.resolved_by == chapter_moderator
    assert [entry.action for entry in AuditEntry.objects.order_by("pk")] == ["dismiss", "hide"]
