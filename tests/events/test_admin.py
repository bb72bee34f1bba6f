import pytest
from django.urls import reverse

from oneteam.events.models import Registration
from tests.events.conftest import register

pytestmark = pytest.mark.django_db


def test_admin_cancel_action_promotes_the_waitlist(
    client, admin_user, small_event, member, other_member, organiser
):
    first = register(small_event, member)
    register(small_event, other_member)
    waiting = register(small_event, organiser)
    client.force_login(admin_user)

    client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "cancel_registrations", "_selected_action": [first.pk]},
    )

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


@pytest.mark.parametrize(
    "name", ["admin:events_event_changelist", "admin:chapters_chapter_changelist"]
)
def test_admin_changelist_opens_for_staff(client, admin_user, event, name):
    client.force_login(admin_user)

    assert client.get(reverse(name)).status_code == 200
