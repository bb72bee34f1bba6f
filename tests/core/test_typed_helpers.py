"""The small typed helpers views and forms lean on: each refuses what it cannot vouch for."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from oneteam.accounts.auth import signed_in_user
from oneteam.accounts.models import User
from oneteam.core.fields import max_length
from oneteam.core.forms import typed_field
from oneteam.programme.models import Session


def test_signed_in_user_returns_the_member(member: User) -> None:
    request = RequestFactory().get("/")
    request.user = member

    assert signed_in_user(request) == member


def test_signed_in_user_refuses_an_anonymous_visitor() -> None:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    with pytest.raises(PermissionDenied):
        signed_in_user(request)


class _Form(forms.Form):
    count = forms.IntegerField()
    name = forms.CharField()


def test_typed_field_returns_the_field_of_that_kind() -> None:
    form = _Form()

    field = typed_field(form, "count", forms.IntegerField)
    field.min_value = 1

    assert form.fields["count"].min_value == 1


def test_typed_field_refuses_a_field_of_another_kind() -> None:
    with pytest.raises(TypeError, match="name is a CharField; expected IntegerField"):
        typed_field(_Form(), "name", forms.IntegerField)


def test_max_length_reads_the_declared_limit() -> None:
    assert max_length(Session, "title") == Session._meta.get_field("title").max_length


def test_max_length_refuses_a_field_without_one() -> None:
    with pytest.raises(TypeError, match=r"Session\.created_at declares no max_length"):
        max_length(Session, "created_at")
