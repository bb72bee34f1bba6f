"""Nobody appears as "User 66": every page that shows a person names them, or says "A member".

The world is the timetable's small un-conference with two nameless hosts: Bea's profile has
an empty name, Dan has no profile at all. Each page that shows hosts or attendees is rendered
for them and searched for an id standing in for a name.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from oneteam.accounts.models import User
from oneteam.members.models import Profile
from oneteam.programme.models import Interest
from oneteam.timetable.views import board as board_views
from tests.programme.conftest import set_programme
from tests.timetable.conftest import GOOD_LAYOUT, GridWorld, fixture_grid_world, publish_layout

pytestmark = pytest.mark.django_db
USER_ID = re.compile(r"User \d+")
# Imported for pytest to find; named so that the import does not shadow it.
grid_world = fixture_grid_world


@pytest.fixture
def nameless(grid_world: GridWorld) -> GridWorld:
    """Bea's profile lost its name; Dan never made a profile. Sam Walker, without an account,
    co-hosts "Open policy". Eve marked Dan's session too, so her agenda shows both."""
    Profile.objects.filter(user=grid_world.people["bea"]).update(display_name="")
    Profile.objects.filter(user=grid_world.people["dan"]).delete()
    grid_world.people["bea"] = User.objects.get(pk=grid_world.people["bea"].pk)
    grid_world.people["dan"] = User.objects.get(pk=grid_world.people["dan"].pk)
    Interest.objects.create(session=grid_world.sessions["E"], user=grid_world.people["eve"])
    grid_world.sessions["A"].guest_host_name = "Sam Walker"
    grid_world.sessions["A"].save(update_fields=["guest_host_name"])
    publish_layout(grid_world, GOOD_LAYOUT)
    return grid_world


def _page(client, name: str, user, **kwargs) -> str:
    client.force_login(user)
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200, name
    return response.content.decode()


def test_user_str_without_a_name_is_a_member(nameless):
    assert str(nameless.people["bea"]) == "A member"
    assert str(nameless.people["dan"]) == "A member"
    assert str(nameless.people["eve"]) == "Eve Economist"


def test_programme_pages_never_show_an_id_for_a_nameless_host(client, nameless, organiser):
    event = nameless.event
    set_programme(event, current_pitch=nameless.sessions["E"])
    slug = {"event_slug": event.slug}
    pages = {
        "detail D": _page(
            client, "programme:session_detail", organiser, pk=nameless.sessions["D"].pk, **slug
        ),
        "detail E": _page(
            client, "programme:session_detail", organiser, pk=nameless.sessions["E"].pk, **slug
        ),
        "list": _page(client, "programme:session_list", organiser, **slug),
        "queue": _page(client, "programme:queue", organiser, **slug),
        "projector": _page(client, "programme:projector", organiser, **slug),
    }

    assert {page: USER_ID.findall(html) for page, html in pages.items()} == {
        page: [] for page in pages
    }
    assert {page: "A member" in html for page, html in pages.items()} == dict.fromkeys(pages, True)
    assert "Charlie Data, Sam Walker" in pages["list"]


def test_timetable_pages_never_show_an_id_for_a_nameless_host(client, nameless, monkeypatch):
    event = nameless.event
    # Stand in the 13:00 slot, where Bea's "Digital leaders" runs.
    moment = nameless.slots["one"].starts_at + timedelta(minutes=10)
    monkeypatch.setattr(board_views, "clock", lambda: moment)
    eve = nameless.people["eve"]
    slug = {"event_slug": event.slug}
    pages = {
        "board": _page(client, "timetable:board", eve, **slug),
        "now": _page(client, "timetable:now", eve, **slug),
        "agenda": _page(client, "timetable:agenda", eve, **slug),
        "grid": _page(client, "timetable:grid", eve, **slug),
    }

    assert {page: USER_ID.findall(html) for page, html in pages.items()} == {
        page: [] for page in pages
    }
    assert {page: "A member" in html for page, html in pages.items()} == dict.fromkeys(pages, True)
    # The board shows what is left of the day; the grid and Eve's agenda show "Open policy".
    assert "Charlie Data, Sam Walker" in pages["grid"]
    assert "Charlie Data, Sam Walker" in pages["agenda"]


def test_attendee_pages_name_nameless_people_and_show_organisers_their_email(
    client, nameless, organiser
):
    event = nameless.event
    client.force_login(organiser)
    listing = client.get(reverse("events:attendees", kwargs={"slug": event.slug}))
    check_in = client.get(reverse("events:check_in", kwargs={"slug": event.slug}), {"q": "DAN@"})
    exported = client.get(reverse("events:attendees_csv", kwargs={"slug": event.slug}))

    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    by_email = {row[-1]: row[0] for row in rows[1:]}
    assert rows[0][-1] == "Email"
    assert by_email["bea@example.org"] == "A member"
    assert by_email["dan@example.org"] == "A member"
    assert by_email["eve@example.org"] == "Eve Economist"
    for response in (listing, check_in):
        html = response.content.decode()
        assert USER_ID.findall(html) == []
        assert "A member" in html
    assert "dan@example.org" in listing.content.decode()
    assert [r.user for r in check_in.context["results"]] == [nameless.people["dan"]]


def _events_by_title(document: dict) -> dict[str, dict]:
    days = document["schedule"]["conference"]["days"]
    return {
        talk["title"]: talk for day in days for talks in day["rooms"].values() for talk in talks
    }


def test_schedule_export_names_the_host_without_an_account(client, nameless):
    client.force_login(nameless.people["eve"])

    response = client.get(
        reverse("timetable:schedule_json", kwargs={"event_slug": nameless.event.slug})
    )

    talks = _events_by_title(response.json())
    assert [p["name"] for p in talks["Open policy"]["persons"]] == ["Charlie Data", "Sam Walker"]
    # Nameless members are left out of the export rather than shown as an id.
    assert talks["Digital leaders"]["persons"] == []
    assert USER_ID.findall(response.content.decode()) == []
