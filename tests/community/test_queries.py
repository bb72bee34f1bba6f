"""N+1 guards and keyset pagination for the thread page and the space listing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oneteam.community import services
from oneteam.community.models import Post, Thread
from oneteam.community.selectors import POSTS_PER_PAGE, THREADS_PER_PAGE
from tests.community.helpers import accept_conduct, make_thread, reply
from tests.conftest import make_member

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    client.get(url)  # the session's first request does one-off work of its own
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _thread_with(space, members, replies: int) -> Thread:
    thread = make_thread(space, members[0], anonymous=True)
    for number in range(replies):
        author = members[number % len(members)]
        post = reply(thread, author, f"Reply {number}", anonymous=number % 2 == 0)
        services.reaction_set(post=post, user=members[0], kind="thanks", reacted=True)
    return thread


@pytest.fixture
def people(member, other_member, organiser):
    extra = [make_member(f"p{n}@example.org", name=f"Person {n}") for n in range(3)]
    everyone = [member, other_member, organiser, *extra]
    accept_conduct(*everyone)
    return everyone


def test_thread_page_queries_do_not_grow_with_replies(client, space, people, member):
    client.force_login(member)
    one = _thread_with(space, people, 1)
    three = _thread_with(space, people, 3)
    many = _thread_with(space, people, 12)
    counts = [
        _queries(client, reverse("community:thread", kwargs={"pk": t.pk}))
        for t in (one, three, many)
    ]
    assert counts[0] == counts[1] == counts[2], counts


def test_space_listing_queries_do_not_grow_with_threads(client, space, people, member):
    client.force_login(member)
    url = reverse("community:space", kwargs={"slug": space.slug})
    make_thread(space, people[1])
    one = _queries(client, url)
    for n in range(4):
        make_thread(space, people[n % len(people)], title=f"Thread {n}", anonymous=n % 2 == 0)
    assert _queries(client, url) == one


def test_thread_pages_follow_on_by_keyset(client, space, people, member):
    thread = make_thread(space, member)
    Post.objects.bulk_create(
        Post(thread=thread, author=member, body=f"Bulk {n}") for n in range(POSTS_PER_PAGE + 5)
    )
    client.force_login(member)
    url = reverse("community:thread", kwargs={"pk": thread.pk})
    first = client.get(url).content.decode()
    last_on_first = Post.objects.filter(thread=thread).order_by("id")[POSTS_PER_PAGE - 1]
    assert f"?after={last_on_first.pk}" in first
    second = client.get(f"{url}?after={last_on_first.pk}").content.decode()
    assert f"Bulk {POSTS_PER_PAGE + 4}" in second
    assert f"Bulk {POSTS_PER_PAGE - 5}" not in second
    assert "?after=" not in second


def test_space_listing_pages_by_keyset_newest_first(client, space, member):
    accept_conduct(member)
    threads = [make_thread(space, member, title=f"T{n:02d}") for n in range(THREADS_PER_PAGE + 2)]
    client.force_login(member)
    url = reverse("community:space", kwargs={"slug": space.slug})
    first = client.get(url)
    page = first.context["page"]
    assert [t.title for t in page.threads][:2] == [threads[-1].title, threads[-2].title]
    second = client.get(f"{url}?before={page.next_cursor}").context["page"]
    assert [t.title for t in second.threads] == ["T01", "T00"]
    assert second.next_cursor is None


def test_a_broken_cursor_shows_the_first_page(client, space, member):
    make_thread(space, member)
    client.force_login(member)
    url = reverse("community:space", kwargs={"slug": space.slug})
    assert client.get(f"{url}?before=nonsense_x").status_code == 200
    assert client.get(reverse("community:thread", kwargs={"pk": 1}) + "?after=-3").status_code in (
        200,
        404,
    )


def test_a_500_reply_thread_costs_the_queries_of_a_short_one(client, space, people, member):
    short = _thread_with(space, people, 1)
    long = make_thread(space, people[1], title="Long")
    Post.objects.bulk_create(
        Post(thread=long, author=people[n % len(people)], body=f"Reply {n}") for n in range(500)
    )
    client.force_login(member)
    assert _queries(client, reverse("community:thread", kwargs={"pk": long.pk})) == _queries(
        client, reverse("community:thread", kwargs={"pk": short.pk})
    )
