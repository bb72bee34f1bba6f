"""Naming hosts: by email, name or profile address, and someone without an account by name."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from oneteam.members.models import Profile
from oneteam.programme.models import Session
from oneteam.programme.services import PitchDetails, session_pitch
from tests.conftest import make_member
from tests.programme.conftest import confirm, make_session

pytestmark = pytest.mark.django_db


def _pitch_url(event) -> str:
    return reverse("programme:pitch_create", kwargs={"event_slug": event.slug})


def _form(**overrides) -> dict:
    data = {
        "title": "Open policy",
        "description": "",
        "format": "discussion",
        "language": "en",
        "privacy": "open",
        "hosts": "",
    }
    return data | overrides


def _messages(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


def test_proxy_pitch_by_a_registered_members_email_in_any_case(client, event, organiser, attendee):
    client.force_login(organiser)

    response = client.post(_pitch_url(event), _form(hosts="  ALICE@Example.org "))

    assert response.status_code == 302
    assert list(Session.objects.get().hosts.all()) == [attendee]


def test_proxy_pitch_by_a_unique_display_name_in_any_case(client, event, organiser, attendee):
    client.force_login(organiser)

    client.post(_pitch_url(event), _form(hosts="alice  policy"))

    assert list(Session.objects.get().hosts.all()) == [attendee]


def test_proxy_pitch_by_a_name_two_attendees_share_asks_for_the_email(
    client, event, organiser, attendee
):
    confirm(event, make_member("alice2@example.org", name="Alice Policy", handle="alice-2"))
    client.force_login(organiser)

    response = client.post(_pitch_url(event), _form(hosts="Alice Policy"))

    assert response.context["form"].errors["hosts"] == [
        "More than one attendee is called Alice Policy: enter their email address instead"
    ]
    assert Session.objects.count() == 0


def test_proxy_pitch_for_someone_without_an_account_stores_their_name(
    client, event, organiser, attendee
):
    client.force_login(organiser)

    response = client.post(_pitch_url(event), _form(hosts="Sam Walker, alice@example.org"))

    session = Session.objects.get()
    assert list(session.hosts.all()) == [attendee]
    assert session.guest_host_name == "Sam Walker"
    assert _messages(response) == ["“Open policy” pitched for Alice Policy, Sam Walker"]
    detail = client.get(response["Location"])
    assert "Alice Policy, Sam Walker" in detail.content.decode()


def test_proxy_pitch_with_an_unregistered_email_is_refused_not_taken_as_a_name(
    client, event, organiser
):
    make_member("bob@example.org", name="Bob Unregistered", handle="bob")
    client.force_login(organiser)

    response = client.post(_pitch_url(event), _form(hosts="bob@example.org"))

    assert response.context["form"].errors["hosts"] == [
        "Not registered for this event: bob@example.org"
    ]
    assert Session.objects.count() == 0


def test_proxy_pitch_for_a_registered_member_without_a_name_is_refused(client, event, organiser):
    nameless = make_member("nn@example.org", name="", handle="nn")
    confirm(event, nameless)
    client.force_login(organiser)

    response = client.post(_pitch_url(event), _form(hosts="nn@example.org"))

    assert response.context["form"].errors["hosts"] == [
        "nn@example.org has not given a name to show yet: ask them to add one to their "
        "profile, or enter the name they go by instead"
    ]
    assert Session.objects.count() == 0


def test_service_refuses_a_newly_named_host_without_a_name(event, organiser):
    nameless = make_member("nn@example.org", name="", handle="nn")
    confirm(event, nameless)
    details = PitchDetails(hosts=[nameless], title="Nameless")

    with pytest.raises(ValidationError) as refused:
        session_pitch(event=event, pitched_by=organiser, details=details)

    assert refused.value.message_dict == {
        "hosts": ["Every host needs a name others can see: ask them to add one"]
    }
    assert Session.objects.count() == 0


def test_service_refuses_a_host_without_an_account_from_an_attendee(event, attendee):
    details = PitchDetails(hosts=[attendee], guest_host_name="Sam Walker", title="Mine")

    with pytest.raises(ValidationError) as refused:
        session_pitch(event=event, pitched_by=attendee, details=details)

    assert refused.value.message_dict == {
        "hosts": ["Only organisers can pitch for someone without an account"]
    }
    assert Session.objects.count() == 0


def test_attendee_cannot_name_a_co_host_without_an_account(client, event, attendee):
    client.force_login(attendee)

    response = client.post(_pitch_url(event), _form(hosts="Sam Walker"))

    assert response.context["form"].errors["hosts"] == ["Not registered for this event: Sam Walker"]
    assert Session.objects.count() == 0


def test_attendee_names_a_co_host_by_name(client, event, attendee, second_attendee):
    client.force_login(attendee)

    response = client.post(_pitch_url(event), _form(hosts="Charlie Data"))

    assert set(Session.objects.get().hosts.all()) == {attendee, second_attendee}
    assert _messages(response) == ["You pitched “Open policy” with Charlie Data"]


def test_attendee_pitching_alone_is_told_they_pitched(client, event, attendee):
    client.force_login(attendee)

    response = client.post(_pitch_url(event), _form())

    assert _messages(response) == ["You pitched “Open policy”"]


def test_old_space_separated_profile_addresses_still_work(
    client, event, organiser, attendee, second_attendee
):
    client.force_login(organiser)

    client.post(_pitch_url(event), _form(hosts="alice @charlie"))

    assert set(Session.objects.get().hosts.all()) == {attendee, second_attendee}
    assert Session.objects.get().guest_host_name == ""


def test_organiser_host_field_suggests_registered_attendees(
    client, event, organiser, attendee, second_attendee
):
    make_member("bob@example.org", name="Bob Unregistered")
    client.force_login(organiser)

    response = client.get(_pitch_url(event))

    html = response.content.decode()
    assert 'list="id_hosts-suggestions"' in html
    assert (
        '<datalist id="id_hosts-suggestions"><option value="Alice Policy">alice@example.org'
        '</option><option value="Charlie Data">charlie@example.org</option></datalist>'
    ) in html


def test_attendee_host_field_suggests_nobody(client, event, attendee, second_attendee):
    client.force_login(attendee)

    response = client.get(_pitch_url(event))

    assert b"<datalist" not in response.content
    assert b"charlie@example.org" not in response.content


def test_nameless_attendee_is_asked_their_name_and_it_goes_on_their_profile(client, event):
    nameless = make_member("nn@example.org", name="", handle="nn")
    confirm(event, nameless)
    client.force_login(nameless)

    asked = client.get(_pitch_url(event))
    response = client.post(_pitch_url(event), _form(display_name="  Nia Name "))

    assert "display_name" in asked.context["form"].fields
    assert response.status_code == 302
    assert Profile.objects.get(user=nameless).display_name == "Nia Name"
    assert list(Session.objects.get().hosts.all()) == [nameless]


def test_refused_pitch_keeps_no_name(client, event):
    nameless = make_member("nn@example.org", name="", handle="nn")
    confirm(event, nameless)
    client.force_login(nameless)

    client.post(_pitch_url(event), _form(display_name="Nia Name", hosts="nobody-here"))
    missing = client.post(_pitch_url(event), _form(display_name=""))

    assert Profile.objects.get(user=nameless).display_name == ""
    assert missing.context["form"].errors["display_name"] == ["Enter your name"]
    assert Session.objects.count() == 0


def test_named_attendee_is_not_asked_their_name(client, event, attendee):
    client.force_login(attendee)

    response = client.get(_pitch_url(event))

    assert "display_name" not in response.context["form"].fields


def test_host_editing_keeps_the_host_without_an_account(client, event, second_attendee):
    session = make_session(event, second_attendee, title="Shared", guest_host_name="Sam Walker")
    client.force_login(second_attendee)
    url = reverse("programme:session_edit", kwargs={"event_slug": event.slug, "pk": session.pk})

    shown = client.get(url)
    response = client.post(url, _form(title="Shared, again", hosts="charlie, Sam Walker"))

    session.refresh_from_db()
    assert shown.context["form"]["hosts"].initial == "charlie, Sam Walker"
    assert response.status_code == 302
    assert (session.title, session.guest_host_name) == ("Shared, again", "Sam Walker")


def test_over_long_name_of_a_host_without_an_account_is_refused(client, event, organiser):
    client.force_login(organiser)

    response = client.post(_pitch_url(event), _form(hosts="S" * 81))

    assert response.context["form"].errors["hosts"] == [
        "Names of hosts must be 80 characters or fewer"
    ]
    assert Session.objects.count() == 0


def test_service_refusal_after_the_name_rolls_the_name_back(event):
    nameless = make_member("nn@example.org", name="", handle="nn")
    confirm(event, nameless)
    details = PitchDetails(hosts=[nameless], title="   ")

    with pytest.raises(ValidationError):
        session_pitch(event=event, pitched_by=nameless, details=details, pitcher_name="Nia Name")

    assert Profile.objects.get(user=nameless).display_name == ""
    assert Session.objects.count() == 0


def test_service_pitch_with_the_pitchers_name_shows_them_by_it(event):
    nameless = make_member("nn@example.org", name="", handle="nn")
    confirm(event, nameless)
    details = PitchDetails(hosts=[nameless], title="Named now")

    session = session_pitch(
        event=event, pitched_by=nameless, details=details, pitcher_name="Nia Name"
    )

    assert Session.objects.get(pk=session.pk).host_names == ["Nia Name"]


def test_attendee_cannot_look_up_a_co_host_by_email(client, event, attendee, second_attendee):
    client.force_login(attendee)

    response = client.post(_pitch_url(event), _form(hosts="charlie@example.org"))

    assert response.context["form"].errors["hosts"] == [
        "Name co-hosts by their name or profile address, not their email address"
    ]
    assert Session.objects.count() == 0
