from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from oneteam.introductions.models import OptIn
from oneteam.introductions.services.optins import opt_in_set, opt_out
from tests.introductions.conftest import join


def test_opting_in_twice_updates_the_choices(member, chapter):
    join(member, chapter)
    opt_in_set(user=member, chapter=chapter, meeting="online", frequency="every_round")
    opt_in_set(user=member, chapter=chapter, meeting="in_person", frequency="quarterly")

    assert list(OptIn.objects.values_list("chapter__slug", "meeting", "frequency")) == [
        ("london", "in_person", "quarterly")
    ]


def test_community_and_chapter_opt_ins_are_separate(member, chapter):
    join(member, chapter)
    opt_in_set(user=member, chapter=None, meeting="online", frequency="monthly")
    opt_in_set(user=member, chapter=chapter, meeting="online", frequency="every_round")

    assert opt_out(user=member, chapter=None) is True
    assert opt_out(user=member, chapter=None) is False
    assert list(OptIn.objects.values_list("chapter__slug", flat=True)) == ["london"]


def test_opting_in_without_a_discipline_is_refused(member):
    member.profile.discipline = None
    member.profile.save()

    with pytest.raises(ValidationError) as refused:
        opt_in_set(user=member, chapter=None, meeting="online", frequency="every_round")

    assert refused.value.messages == [
        "Add your discipline to your profile before you opt in: introductions bring together "
        "people from different disciplines."
    ]
    assert OptIn.objects.count() == 0


def test_opting_in_to_a_chapter_not_followed_is_refused(member, chapter):
    with pytest.raises(ValidationError) as refused:
        opt_in_set(user=member, chapter=chapter, meeting="online", frequency="every_round")

    assert refused.value.messages == ["Follow London before you opt in to its introductions."]
    assert OptIn.objects.count() == 0


def test_meeting_in_person_community_wide_needs_a_chapter(member):
    with pytest.raises(ValidationError) as refused:
        opt_in_set(user=member, chapter=None, meeting="in_person", frequency="every_round")

    assert refused.value.messages == [
        "To meet in person, follow the chapter where you would like to meet first."
    ]


@pytest.mark.parametrize(("meeting", "frequency"), [("bike", "monthly"), ("online", "daily")])
def test_unknown_choices_are_refused(member, meeting, frequency):
    with pytest.raises(ValidationError):
        opt_in_set(user=member, chapter=None, meeting=meeting, frequency=frequency)
    assert OptIn.objects.count() == 0
