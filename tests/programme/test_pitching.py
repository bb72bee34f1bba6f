from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from oneteam.events.models import Slot
from oneteam.programme.models import Session
from oneteam.programme.services import PitchDetails, session_pitch, session_update
from tests.conftest import make_member
from tests.programme.conftest import make_session, set_programme

pytestmark = pytest.mark.django_db


def _pitch_url(event) -> str:
    return reverse("programme:pitch_create", kwargs={"event_slug": event.slug})


def _form(**overrides) -> dict:
    data = {
        "title": "Service design in policy teams",
        "description": "Bring **examples**.",
        "format": "discussion",
        "language": "en",
        "privacy": "open",
        "hosts": "",
    }
    return data | overrides


def test_pitch_by_attendee_makes_them_host_with_co_host(client, event, attendee, second_attendee):
    client.force_login(attendee)

    response = client.post(_pitch_url(event), _form(hosts="charlie, @charlie"))

    session = Session.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "programme:session_detail", kwargs={"event_slug": event.slug, "pk": session.pk}
    )
    assert set(session.hosts.all()) == {attendee, second_attendee}
    assert session.pitched_by == attendee
    assert session.title == "Service design in policy teams"


def test_pitch_privacy_defaults_to_the_events(client, event, attendee):
    event.default_privacy = "chatham_house"
    event.save()
    client.force_login(attendee)

    response = client.get(_pitch_url(event))

    assert response.context["form"]["privacy"].initial == "chatham_house"


def test_pitch_with_empty_title_is_refused_naming_the_field(client, event, attendee):
    client.force_login(attendee)

    response = client.post(_pitch_url(event), _form(title="   "))

    assert response.status_code == 200
    assert response.context["form"].errors["title"] == ["Enter a title for the session"]
    assert b'href="#id_title"' in response.content
    assert Session.objects.count() == 0


def test_pitch_with_over_long_title_is_refused(client, event, attendee):
    client.force_login(attendee)

    response = client.post(_pitch_url(event), _form(title="x" * 121))

    assert response.context["form"].errors["title"] == ["Title must be 120 characters or fewer"]
    assert Session.objects.count() == 0


def test_pitch_keeps_what_was_typed_when_refused(client, event, attendee):
    client.force_login(attendee)

    response = client.post(_pitch_url(event), _form(title="", description="Keep me"))

    assert b"Keep me" in response.content


def test_pitch_with_unregistered_co_host_is_refused_naming_them(client, event, attendee):
    make_member("bob@example.org", name="Bob Unregistered", handle="bob")
    client.force_login(attendee)

    response = client.post(_pitch_url(event), _form(hosts="bob, nobody"))

    assert response.context["form"].errors["hosts"] == [
        "Not registered for this event: bob, nobody"
    ]
    assert Session.objects.count() == 0


def test_pitch_after_pitching_closed_is_refused(client, event, attendee):
    set_programme(event, pitching_open=False)
    client.force_login(attendee)

    response = client.post(_pitch_url(event), _form())

    assert response.status_code == 403
    assert b"Pitching has closed" in response.content
    assert Session.objects.count() == 0


def test_pitch_by_member_without_a_place_is_forbidden(client, event, member):
    client.force_login(member)

    response = client.post(_pitch_url(event), _form())

    assert response.status_code == 403
    assert Session.objects.count() == 0


def test_proxy_pitch_by_organiser_names_other_hosts(client, event, organiser, attendee):
    set_programme(event, pitching_open=False)
    client.force_login(organiser)

    response = client.post(_pitch_url(event), _form(hosts="alice"))

    session = Session.objects.get()
    assert response.status_code == 302
    assert list(session.hosts.all()) == [attendee]
    assert session.pitched_by == organiser


def test_proxy_pitch_without_hosts_is_refused(client, event, organiser):
    client.force_login(organiser)

    response = client.post(_pitch_url(event), _form(hosts=""))

    assert response.context["form"].errors["hosts"] == ["Enter at least one host"]


def test_pitch_records_unavailable_slots_and_step_free(client, event, attendee):
    slot = Slot.objects.create(
        event=event, starts_at=event.starts_at, ends_at=event.ends_at, label="Morning"
    )
    client.force_login(attendee)

    client.post(_pitch_url(event), _form(unavailable_slots=[slot.pk], needs_step_free="on"))

    session = Session.objects.get()
    assert list(session.unavailable_slots.all()) == [slot]
    assert session.needs_step_free is True


def test_edit_by_host_changes_the_pitch(client, event, pitch, second_attendee):
    client.force_login(second_attendee)
    url = reverse("programme:session_edit", kwargs={"event_slug": event.slug, "pk": pitch.pk})

    response = client.post(url, _form(title="Open policy, revisited", hosts="charlie"))

    pitch.refresh_from_db()
    assert response.status_code == 302
    assert pitch.title == "Open policy, revisited"


def test_edit_by_host_saves_every_field_hosts_and_slots(
    client, event, pitch, attendee, second_attendee
):
    slot = Slot.objects.create(
        event=event, starts_at=event.starts_at, ends_at=event.ends_at, label="Morning"
    )
    client.force_login(second_attendee)
    url = reverse("programme:session_edit", kwargs={"event_slug": event.slug, "pk": pitch.pk})
    form = _form(
        title="Open policy, revisited",
        description="Now with *notes*",
        format="workshop",
        language="cy",
        privacy="open",
        needs_step_free="on",
        unavailable_slots=[slot.pk],
        hosts="charlie, alice",
    )

    client.post(url, form)

    pitch.refresh_from_db()
    saved = (pitch.title, pitch.description, pitch.format, pitch.language, pitch.needs_step_free)
    assert saved == ("Open policy, revisited", "Now with *notes*", "workshop", "cy", True)
    assert sorted(h.pk for h in pitch.hosts.all()) == sorted([attendee.pk, second_attendee.pk])
    assert list(pitch.unavailable_slots.all()) == [slot]


def test_session_update_of_a_withdrawn_pitch_is_refused(pitch, second_attendee):
    pitch.status = Session.Status.WITHDRAWN
    pitch.save()
    details = PitchDetails(hosts=[second_attendee], title="Back again")

    with pytest.raises(ValidationError):
        session_update(session=pitch, details=details)

    pitch.refresh_from_db()
    assert pitch.title == "Open policy making"


def test_session_pitch_by_attendee_for_others_only_is_refused(event, attendee, second_attendee):
    details = PitchDetails(hosts=[second_attendee], title="Not mine to host")

    with pytest.raises(ValidationError) as refused:
        session_pitch(event=event, pitched_by=attendee, details=details)

    assert refused.value.message_dict == {
        "hosts": ["You must be one of the hosts of your own pitch"]
    }
    assert Session.objects.count() == 0


def test_edit_by_someone_else_is_not_found(client, event, pitch, attendee):
    client.force_login(attendee)
    url = reverse("programme:session_edit", kwargs={"event_slug": event.slug, "pk": pitch.pk})

    response = client.post(url, _form(title="Hijacked", hosts="alice"))

    pitch.refresh_from_db()
    assert response.status_code == 404
    assert pitch.title == "Open policy making"


def test_withdraw_by_host_removes_it_from_the_list(client, event, pitch, second_attendee):
    other = make_session(event, second_attendee, title="Still here")
    client.force_login(second_attendee)
    url = reverse("programme:session_withdraw", kwargs={"event_slug": event.slug, "pk": pitch.pk})

    client.post(url)

    pitch.refresh_from_db()
    listing = client.get(reverse("programme:session_list", kwargs={"event_slug": event.slug}))
    assert pitch.status == Session.Status.WITHDRAWN
    assert list(listing.context["sessions"]) == [other]


def test_withdraw_page_on_get_changes_nothing(client, event, pitch, second_attendee):
    client.force_login(second_attendee)
    url = reverse("programme:session_withdraw", kwargs={"event_slug": event.slug, "pk": pitch.pk})

    client.get(url)

    pitch.refresh_from_db()
    assert pitch.status == Session.Status.PITCHED


def test_session_page_renders_description_markdown_without_scripts(client, event, pitch, attendee):
    pitch.description = "Bring **examples**.\n\n<script>alert(1)</script> [x](javascript:alert(1))"
    pitch.save()
    client.force_login(attendee)

    response = client.get(
        reverse("programme:session_detail", kwargs={"event_slug": event.slug, "pk": pitch.pk})
    )

    html = response.content.decode()
    assert "<strong>examples</strong>" in html
    assert "<script>alert" not in html
    assert 'href="javascript:' not in html


def test_session_update_keeps_the_privacy_it_had(pitch, second_attendee):
    # Privacy changes only on the notes' page, which asks to confirm once notes exist.
    pitch.privacy = "chatham_house"
    pitch.save()
    details = PitchDetails(hosts=[second_attendee], title="Open policy making", privacy="open")

    session_update(session=pitch, details=details)

    pitch.refresh_from_db()
    assert pitch.privacy == "chatham_house"
