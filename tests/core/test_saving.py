import pytest
from django.core.exceptions import ValidationError

from oneteam.core.saving import save_validated
from oneteam.events.models import Room


def test_save_validated_sets_the_fields_and_saves(event):
    room = save_validated(Room(event=event), {"name": "Lovelace", "capacity": 30})

    assert Room.objects.filter(pk=room.pk).values_list("name", "capacity").get() == (
        "Lovelace",
        30,
    )


def test_save_validated_refuses_a_wrong_value_and_saves_nothing(event):
    room = save_validated(Room(event=event), {"name": "Lovelace", "capacity": 30})

    with pytest.raises(ValidationError) as refused:
        save_validated(room, {"name": "", "capacity": 12})

    assert set(refused.value.message_dict) == {"name"}
    assert Room.objects.filter(pk=room.pk).values_list("name", "capacity").get() == (
        "Lovelace",
        30,
    )
