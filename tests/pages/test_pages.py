import re

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_home_shows_service_name_and_sign_in_link_anonymous(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "One Team" in body
    assert reverse("account_login") in body


@pytest.mark.django_db
def test_home_lists_published_upcoming_event_with_link(client, event):
    response = client.get(reverse("home"))
    body = response.content.decode()
    assert event.title in body
    assert f'href="{reverse("events:detail", args=[event.slug])}"' in body


@pytest.mark.django_db
def test_home_hides_draft_event(client, event):
    event.status = event.Status.DRAFT
    event.save()
    response = client.get(reverse("home"))
    assert event.title not in response.content.decode()


@pytest.mark.django_db
def test_healthz_answers_ok(client):
    response = client.get(reverse("healthz"))
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["code_of_conduct", "privacy", "accessibility"])
def test_footer_page_is_linked_from_every_page(client, name):
    response = client.get(reverse("home"))
    assert f'href="{reverse(name)}"' in response.content.decode()
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "current"),
    [
        ("members:profile_edit", "Your profile"),
        ("members:directory", "Members"),
        ("home", "Home"),
    ],
)
def test_the_navigation_marks_exactly_one_item_current(client, member, name, current):
    client.force_login(member)

    page = client.get(reverse(name)).content.decode()

    marked = re.findall(r'aria-current="page">\s*(?:<[^>]+>\s*)*([^<]+?)\s*<', page)
    assert marked == [current]
