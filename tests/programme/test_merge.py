from __future__ import annotations

import pytest
from django.urls import reverse

from oneteam.events.models import Slot
from oneteam.programme.models import Interest, Session
from tests.conftest import make_member
from tests.programme.conftest import confirm, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def duplicate(event, attendee) -> Session:
    """Alice pitched the same idea as Charlie, in other words."""
    return make_session(event, attendee, title="Open policy-making", needs_step_free=True)


def _merge(client, event, duplicate, into):
    url = reverse("programme:merge", kwargs={"event_slug": event.slug})
    return client.post(url, {"duplicate": duplicate.pk, "into": into.pk})


def test_merge_combines_hosts_and_keeps_every_interest_once(
    client, event, organiser, attendee, second_attendee, pitch, duplicate
):
    dana = make_member("dana@example.org", name="Dana Digital", handle="dana")
    confirm(event, dana)
    Interest.objects.create(session=pitch, user=attendee)
    Interest.objects.create(session=duplicate, user=attendee)  # interested in both
    Interest.objects.create(session=duplicate, user=dana)
    client.force_login(organiser)

    response = _merge(client, event, duplicate, pitch)

    duplicate.refresh_from_db()
    pitch.refresh_from_db()
    assert response.status_code == 302
    assert set(pitch.hosts.all()) == {attendee, second_attendee}
    assert set(pitch.interests.values_list("user", flat=True)) == {attendee.pk, dana.pk}
    assert duplicate.interests.count() == 0
    assert pitch.needs_step_free is True
    assert (duplicate.status, duplicate.merged_into) == (Session.Status.MERGED, pitch)


def test_merge_combines_unavailable_slots(client, event, organiser, pitch, duplicate):
    slot = Slot.objects.create(event=event, starts_at=event.starts_at, ends_at=event.ends_at)
    duplicate.unavailable_slots.add(slot)
    client.force_login(organiser)

    _merge(client, event, duplicate, pitch)

    assert list(pitch.unavailable_slots.all()) == [slot]


def test_merged_session_link_redirects_to_the_kept_one(
    client, event, organiser, attendee, pitch, duplicate
):
    client.force_login(organiser)
    _merge(client, event, duplicate, pitch)
    client.force_login(attendee)

    response = client.get(
        reverse("programme:session_detail", kwargs={"event_slug": event.slug, "pk": duplicate.pk})
    )

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "programme:session_detail", kwargs={"event_slug": event.slug, "pk": pitch.pk}
    )


def test_merge_into_itself_is_refused(client, event, organiser, pitch):
    client.force_login(organiser)

    response = _merge(client, event, pitch, pitch)

    assert response.context["form"].errors["into"] == ["Choose a different session to merge into"]
    assert Session.objects.get(pk=pitch.pk).status == Session.Status.PITCHED


def test_merge_of_withdrawn_session_is_refused(client, event, organiser, pitch, duplicate):
    duplicate.status = Session.Status.WITHDRAWN
    duplicate.save()
    client.force_login(organiser)

    response = _merge(client, event, duplicate, pitch)

    assert "duplicate" in response.context["form"].errors
    assert Session.objects.get(pk=duplicate.pk).merged_into is None


def test_merge_by_a_host_who_is_not_organiser_is_not_found(
    client, event, second_attendee, pitch, duplicate
):
    client.force_login(second_attendee)

    response = _merge(client, event, duplicate, pitch)

    assert response.status_code == 404
    assert Session.objects.get(pk=duplicate.pk).status == Session.Status.PITCHED
