"""The author of an anonymous post never leaks: every surface that shows a thread with anonymous
posts is rendered, as every kind of viewer, and searched for the author's name, email, profile
address and id. A new surface belongs in SURFACES (or in the admin sweep, which is automatic)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.contrib import admin
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oneteam.community import notifications, services
from oneteam.community.models import Post, Report
from tests.community.helpers import accept_conduct, make_space, make_thread, reply
from tests.conftest import make_member

pytestmark = pytest.mark.django_db

SECRET_ID = 987654


@pytest.fixture
def author(db):
    return make_member(
        "zed.secret@example.org", name="Zed Whistleblower", handle="zed-secret", id=SECRET_ID
    )


def traces(user) -> list[str]:
    handle = user.profile.handle
    return [
        user.profile.display_name,
        user.email,
        handle,
        reverse("members:profile", kwargs={"handle": handle}),
        str(user.pk),
    ]


@pytest.fixture
def scene(author, member, other_member, moderator, organiser, admin_user):
    """A thread opened anonymously by Zed, with anonymous and named replies, reactions, a report
    of his post, a hidden anonymous reply, a pending reveal request and an edit: every state a
    page could show."""
    space = make_space()
    thread = make_thread(
        space, author, anonymous=True, title="Off the record", body="Our data is wrong"
    )
    reply(thread, member, "Same in my team, @charlie")
    hidden = reply(thread, author, "A reply I regret", anonymous=True)
    reply(thread, other_member, "Got your back", anonymous=True)
    opening = thread.posts.get(is_opening=True)
    accept_conduct(member, other_member, organiser, moderator)
    services.reaction_set(post=opening, user=member, kind="me_too", reacted=True)
    services.reaction_set(post=opening, user=author, kind="thanks", reacted=True)
    services.report_create(reporter=member, post=opening, reason="Check this please")
    services.post_hide(post=hidden, moderator=moderator, reason="Off topic")
    services.reveal_request(post=opening, moderator=moderator, reason="Possible threat")
    services.post_edit(post=opening, user=author, body="Our data is wrong, I checked")
    return {"space": space, "thread": thread, "opening": opening}


def _viewer_pages(scene) -> list[str]:
    thread, opening = scene["thread"], scene["opening"]
    return [
        reverse("community:home"),
        reverse("community:space", kwargs={"slug": scene["space"].slug}),
        reverse("community:thread", kwargs={"pk": thread.pk}),
        reverse("community:report_post", kwargs={"pk": opening.pk}),
        reverse("community:post_history", kwargs={"pk": opening.pk}),
        reverse("community:search") + "?q=data+wrong",
        reverse("community:search") + "?q=Zed+Whistleblower",
        reverse("community:search") + "?q=zed-secret",
    ]


def _moderator_pages(scene) -> list[str]:
    return [
        reverse("community:moderation"),
        reverse("community:moderate_post", kwargs={"pk": scene["opening"].pk}),
    ]


def _admin_pages(scene) -> list[str]:
    """Every list and every object page of every community model the admin registers."""
    urls = []
    for model in admin.site._registry:
        if model._meta.app_label != "community":
            continue
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        for pk in model.objects.values_list("pk", flat=True):
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[pk]))
    # Searching the admin lists for the author finds nothing either.
    urls.append(reverse("admin:community_post_changelist") + "?q=zed")
    return urls


def _fragments(scene, viewer) -> list[Callable[[Client], str]]:
    opening = scene["opening"]

    def react(client: Client) -> str:
        response = client.post(
            reverse("community:react", kwargs={"pk": opening.pk}),
            {"kind": "got_your_back"},
            headers={"HX-Request": "true"},
        )
        return response.content.decode()

    return [react]


def _assert_clean(output: str, secrets: list[str], where: str) -> None:
    found = [secret for secret in secrets if secret in output]
    assert found == [], f"{where} shows {found}"


def test_no_surface_names_the_anonymous_author(
    scene, author, member, other_member, organiser, moderator, admin_user
):
    secrets = traces(author)
    viewers = {
        "member": member,
        "other": other_member,
        "organiser": organiser,
        "moderator": moderator,
    }
    for label, viewer in viewers.items():
        client = Client()
        client.force_login(viewer)
        pages = _viewer_pages(scene)
        if label == "moderator":
            pages += _moderator_pages(scene)
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, (label, url)
            output = response.content.decode()
            typed = response.wsgi_request.GET.get("q")
            if typed and typed != "data wrong":
                # Searching for the author by name or address finds nothing; the page may
                # repeat what the viewer typed, which is theirs, not a leak.
                assert "0 posts found" in output, (label, url)
                output = output.replace(typed, "")
            if typed == "data wrong":
                assert "Anonymous 1" in output, (label, "search should find the post")
            _assert_clean(output, secrets, f"{url} as {label}")
        for fragment in _fragments(scene, viewer):
            _assert_clean(fragment(client), secrets, f"fragment as {label}")
    staff = Client()
    staff.force_login(admin_user)
    for url in _admin_pages(scene):
        response = staff.get(url)
        assert response.status_code == 200, url
        _assert_clean(response.content.decode(), secrets, f"admin {url}")


def test_no_email_to_anyone_else_names_the_anonymous_author(
    scene,
    author,
    member,
    other_member,
    organiser,
    moderator,
    settings,
    django_capture_on_commit_callbacks,
):
    """Reply and mention emails (sent by the background task), the daily digest, and the
    moderators' emails: none of them, to anyone but the author, carries a trace of him."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    thread = scene["thread"]
    services.follow_set(thread=thread, user=organiser, following=True)
    services.notification_settings_set(user=member, email_replies=True, daily_digest=True)
    services.notification_settings_set(user=organiser, email_replies=True, daily_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, author, "Quietly, @charlie and @alice", anonymous=True)
        reply(thread, member, "Another reply")
        services.post_hide(post=scene["opening"], moderator=moderator, reason="Too much")
    with django_capture_on_commit_callbacks(execute=True):
        notifications.digests_send(now=timezone.now() + timedelta(minutes=1))
    secrets = traces(author)
    recipients = [message.to for message in mail.outbox]
    assert [other_member.email] in recipients  # the mention went out
    assert [organiser.email] in recipients  # the follower was told
    for message in mail.outbox:
        if message.to == [author.email]:
            continue
        _assert_clean(message.subject + message.body, secrets, f"email to {message.to}")


def test_the_author_own_view_marks_the_post_without_exposing_ids(scene, author):
    client = Client()
    client.force_login(author)
    page = client.get(
        reverse("community:thread", kwargs={"pk": scene["thread"].pk})
    ).content.decode()
    assert page.count("Your anonymous post") == 2  # the opening post and the hidden reply
    _assert_clean(page, [author.email, str(author.pk), "/members/zed-secret/"], "own view")


def test_the_traces_would_be_found_if_they_leaked(scene, author, member):
    """The search is not vacuous: a named post by the same member shows every trace."""
    reply(scene["thread"], author, "Under my own name")
    client = Client()
    client.force_login(member)
    page = client.get(
        reverse("community:thread", kwargs={"pk": scene["thread"].pk})
    ).content.decode()
    assert author.profile.display_name in page
    assert reverse("members:profile", kwargs={"handle": "zed-secret"}) in page
    assert Post.objects.filter(author=author).count() == 1
    assert Report.objects.count() == 1
