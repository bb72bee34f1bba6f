from __future__ import annotations

import pytest

from oneteam.community.models import Space
from tests.community.helpers import accept_conduct, make_space


@pytest.fixture
def space(db) -> Space:
    return make_space()


@pytest.fixture
def signed_in(client, member):
    accept_conduct(member)
    client.force_login(member)
    return client


def snapshot() -> dict[str, int]:
    """Row counts of every community table: 'nothing stored changes' is checked against it."""
    from django.apps import apps

    return {
        model.__name__: model.objects.count()
        for model in apps.get_app_config("community").get_models()
    }
