"""The time-zone list on the event form: places people recognise, plus UTC; no aliases or
artefacts of the time-zone database."""

from __future__ import annotations

import pytest
from django.urls import reverse

from oneteam.events.forms import EventForm, event_time_zones
from oneteam.events.models import Event

EVENT = {
    "title": "One Team Wales",
    "format": "unconference",
    "starts_at": "2030-06-01T09:30",
    "ends_at": "2030-06-01T17:00",
    "capacity": "120",
    "default_privacy": "open",
}


def test_event_time_zones_are_area_city_names_and_utc():
    zones = event_time_zones()

    assert {"UTC", "Europe/London", "America/Argentina/Buenos_Aires", "Pacific/Auckland"} <= set(
        zones
    )
    assert [z for z in zones if "/" not in z] == ["UTC"]
    assert zones == sorted(zones)


@pytest.mark.parametrize(
    "name", ["Factory", "localtime", "posixrules", "Etc/UTC", "Etc/GMT+5", "GMT", "US/Eastern"]
)
def test_event_time_zones_leave_out_non_geographic_names(name):
    assert name not in event_time_zones()


@pytest.mark.django_db
def test_event_create_with_factory_time_zone_is_refused_and_nothing_is_stored(
    client, organiser, chapter
):
    client.force_login(organiser)

    response = client.post(
        reverse("chapters:event_create", kwargs={"slug": chapter.slug}),
        EVENT | {"time_zone": "Factory"},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["time_zone"]
    assert Event.objects.count() == 0


@pytest.mark.django_db
def test_event_form_keeps_a_stored_zone_that_is_no_longer_offered(event):
    event.time_zone = "Etc/GMT-2"

    choices = [value for value, _label in EventForm(instance=event).fields["time_zone"].choices]

    assert choices[0] == "Etc/GMT-2"
    assert choices[1:] == event_time_zones()
