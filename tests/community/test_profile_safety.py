"""Report and Block on a member's profile page: offered to other members, never on one's own."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from oneteam.community.models import Block, Report
from oneteam.members.models import Profile

pytestmark = pytest.mark.django_db


def _profile_page(client, user) -> str:
    url = reverse("members:profile", kwargs={"handle": user.profile.handle})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_another_members_profile_offers_report_and_block(client, member, other_member):
    client.force_login(member)

    page = _profile_page(client, other_member)

    report = reverse("community:report_member", kwargs={"handle": "charlie"})
    block = reverse("community:block", kwargs={"handle": "charlie"})
    assert f'href="{report}"' in page
    assert "Report Charlie Data" in page
    assert f'action="{block}"' in page
    assert "Block Charlie Data" in page


def test_own_profile_offers_neither(client, member):
    client.force_login(member)

    page = _profile_page(client, member)

    assert reverse("community:report_member", kwargs={"handle": "alice"}) not in page
    assert reverse("community:block", kwargs={"handle": "alice"}) not in page
    assert "If something is wrong" not in page


def test_public_profile_offers_neither_to_someone_signed_out(client, other_member):
    Profile.objects.filter(user=other_member).update(visibility=Profile.Visibility.PUBLIC)

    page = _profile_page(client, other_member)

    assert "Charlie Data" in page
    assert reverse("community:report_member", kwargs={"handle": "charlie"}) not in page
    assert reverse("community:block", kwargs={"handle": "charlie"}) not in page


def test_block_form_on_the_profile_blocks_without_javascript(client, member, other_member):
    client.force_login(member)
    page = _profile_page(client, other_member)
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', page, re.S)
    assert form is not None
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form[2]))

    response = client.post(form[1], fields, follow=True)

    assert Block.objects.filter(blocker=member, blocked=other_member).exists()
    assert "You blocked Charlie Data" in response.content.decode()


def test_report_link_on_the_profile_leads_to_a_report_that_reaches_the_moderators(
    client, member, other_member
):
    client.force_login(member)
    page = _profile_page(client, other_member)
    link = re.search(r'href="([^"]+/report/)"', page)
    assert link is not None

    assert client.get(link[1]).status_code == 200
    client.post(link[1], {"reason": "Rude to me at the meetup"})

    report = Report.objects.get()
    assert (report.reporter, report.reported_user, report.reason) == (
        member,
        other_member,
        "Rude to me at the meetup",
    )
