from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oneteam.introductions.models import Introduced, OptIn, Round
from oneteam.introductions.services.optins import share_email_set
from tests.conftest import make_member
from tests.introductions.access import introduction
from tests.introductions.conftest import join


class _World:
    def __init__(self, member, other_member, chapter) -> None:
        self.member, self.other_member, self.chapter = member, other_member, chapter


@pytest.fixture
def world(member, other_member, chapter) -> _World:
    return _World(member, other_member, chapter)


def _page(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("introductions:mine"))
    assert response.status_code == 200
    return response.content.decode()


def test_my_introductions_show_the_other_persons_summary_and_prompts(client, world):
    world.other_member.profile.ask_me_about = "Open data standards"
    world.other_member.profile.save()
    introduction(world)

    page = _page(client, world.member)

    assert "Charlie Data" in page
    assert "Open data standards" in page
    assert "Department for Examples" in page
    assert "London" in page
    assert "What are you working on?" in page
    assert "charlie@example.org" not in page


def test_an_email_address_shows_only_when_both_share(client, world):
    made = introduction(world)
    alice = Introduced.objects.get(introduction=made, user=world.member)
    charlie = Introduced.objects.get(introduction=made, user=world.other_member)

    share_email_set(introduced=charlie, share=True)
    assert "charlie@example.org" not in _page(client, world.member)

    client.post(reverse("introductions:share_email", args=[made.pk]), {"share": "yes"})
    alice.refresh_from_db()
    assert alice.share_email is True
    assert "charlie@example.org" in _page(client, world.member)

    client.post(reverse("introductions:share_email", args=[made.pk]), {"share": "no"})
    assert "charlie@example.org" not in _page(client, world.member)


def test_answering_in_the_app_records_the_outcome(client, world):
    made = introduction(world)
    client.force_login(world.member)

    response = client.post(reverse("introductions:answer", args=[made.pk]), {"outcome": "not_yet"})

    assert response.status_code == 302
    assert Introduced.objects.get(introduction=made, user=world.member).outcome == "not_yet"


def test_someone_else_cannot_answer_for_an_introduction(client, world, moderator):
    made = introduction(world)
    client.force_login(moderator)

    response = client.post(reverse("introductions:answer", args=[made.pk]), {"outcome": "met"})

    assert response.status_code == 404
    assert not Introduced.objects.filter(outcome="met").exists()


def test_my_introductions_take_the_same_queries_for_one_or_three(client, member, chapter):
    def add_introductions(count: int) -> None:
        for i in range(count):
            other = make_member(
                f"q{Introduced.objects.count()}-{i}@example.org", name=f"Q{i}", discipline="data"
            )
            introduction_world = _World(member, other, chapter)
            # introduction() reuses the member's first introduction; make each one fresh.
            round_ = Round.objects.create(chapter=chapter, status=Round.Status.DONE)
            made = round_.introductions.create(prompts=["a", "b", "c"])
            for user in (introduction_world.member, other):
                Introduced.objects.create(introduction=made, user=user, chapter=chapter)

    client.force_login(member)
    add_introductions(1)
    client.get(reverse("introductions:mine"))  # the first request also renews the session
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("introductions:mine"))
    add_introductions(2)
    with CaptureQueriesContext(connection) as three:
        response = client.get(reverse("introductions:mine"))

    assert response.content.decode().count("Three things you could talk about") == 3
    assert len(three) == len(one), [q["sql"] for q in three.captured_queries]
    assert len(one) <= 6


def test_opting_in_without_a_discipline_links_to_the_profile(client, member):
    member.profile.discipline = None
    member.profile.save()
    client.force_login(member)

    page = client.get(reverse("introductions:preferences")).content.decode()
    response = client.post(
        reverse("introductions:preferences"),
        {"scope": "community", "meeting": "online", "frequency": "every_round"},
    )

    assert reverse("members:profile_edit") in page
    assert response.status_code == 200
    assert "Add your discipline to your profile before you opt in" in response.content.decode()
    assert OptIn.objects.count() == 0


def test_opting_in_and_out_through_the_page(client, member, chapter):
    join(member, chapter)
    client.force_login(member)
    url = reverse("introductions:preferences")

    response = client.post(url, {"scope": "london", "meeting": "in_person", "frequency": "monthly"})
    assert response.status_code == 302
    assert list(OptIn.objects.values_list("chapter__slug", "meeting", "frequency")) == [
        ("london", "in_person", "monthly")
    ]

    client.post(reverse("introductions:opt_out"), {"scope": "london"})
    assert OptIn.objects.count() == 0


def test_only_followed_chapters_are_offered(client, member, chapter):
    client.force_login(member)

    response = client.post(
        reverse("introductions:preferences"),
        {"scope": "london", "meeting": "online", "frequency": "monthly"},
    )

    assert response.status_code == 200
    assert OptIn.objects.count() == 0


def test_opening_a_round_twice_says_so(client, organiser, world):
    for user in (world.member, world.other_member):
        join(user, world.chapter)
        OptIn.objects.create(user=user, chapter=world.chapter)
    client.force_login(organiser)
    url = reverse("introductions:round_open")

    first = client.post(url, {"scope": "london"})
    second = client.post(url, {"scope": "london"})

    assert first.status_code == 302
    assert second.status_code == 200
    assert "A round for London is already under way" in second.content.decode()
    assert Round.objects.count() == 1


def test_a_chapter_organiser_cannot_open_a_community_round(client, organiser):
    client.force_login(organiser)

    response = client.post(reverse("introductions:round_open"), {"scope": "community"})

    assert response.status_code == 404
    assert Round.objects.count() == 0


def test_staff_open_community_rounds(client, admin_user, world):
    OptIn.objects.create(user=world.member, chapter=None)
    OptIn.objects.create(user=world.other_member, chapter=None)
    client.force_login(admin_user)

    response = client.post(reverse("introductions:round_open"), {"scope": "community"})

    assert response.status_code == 302
    assert Round.objects.get().chapter is None


def test_the_round_page_shows_the_met_rate(client, organiser, world):
    made = introduction(world)
    Introduced.objects.filter(introduction=made, user=world.member).update(outcome="met")
    client.force_login(organiser)

    page = client.get(reverse("introductions:round", args=[made.round_id])).content.decode()
    listing = client.get(reverse("introductions:rounds")).content.decode()

    assert "100% (1 of 1 introductions met)" in page
    assert "100%" in listing
