"""Error pages: in the site's layout, saying what happened and what to do next; the 500 page
renders without the database."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oneteam.core import errors

pytestmark = pytest.mark.urls("tests.core.error_urls")


def _in_layout(body: str) -> bool:
    return all(marker in body for marker in ("govuk-template__body", "govuk-footer", "One Team"))


@pytest.mark.django_db
def test_page_not_found_is_404_in_the_layout_with_sign_in_advice(client):
    response = client.get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert _in_layout(body)
    assert "govuk-service-navigation" in body  # the full layout, navigation included
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in body
    assert f'href="{reverse("account_login")}?next=/no-such-page/"' in body


@pytest.mark.django_db
def test_page_not_found_for_a_member_points_to_the_organisers(client, member):
    client.force_login(member)
    body = client.get("/no-such-page/").content.decode()
    assert "organisers if you think you should see it" in body
    assert "?next=" not in body


@pytest.mark.django_db
def test_permission_denied_is_403_in_the_layout(client):
    response = client.get("/test-errors/403/")
    body = response.content.decode()
    assert response.status_code == 403
    assert _in_layout(body)
    assert "You cannot do this" in body


@pytest.mark.django_db
def test_bad_request_is_400_in_the_layout(client):
    response = client.get("/test-errors/400/")
    body = response.content.decode()
    assert response.status_code == 400
    assert _in_layout(body)
    assert "Something was wrong with that request" in body


@pytest.mark.django_db
def test_form_without_csrf_token_gets_the_styled_refusal(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(reverse("account_logout"))
    body = response.content.decode()
    assert response.status_code == 403
    assert _in_layout(body)
    assert "Your form was not sent" in body
    assert "reload the page" in body


def _database_unavailable(*args: object, **kwargs: object) -> None:
    raise OperationalError("the database is unavailable")


@pytest.mark.django_db
def test_server_error_page_renders_with_the_database_unavailable(client, member, monkeypatch):
    client.force_login(member)  # a signed-in member: the page must not look the user up
    client.raise_request_exception = False
    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", _database_unavailable)

    response = client.get("/test-errors/500/")

    body = response.content.decode()
    assert response.status_code == 500
    assert _in_layout(body)
    assert "Sorry, there is a problem with the service" in body
    assert "may not have been saved" in body


@pytest.mark.django_db
def test_server_error_page_makes_no_query():
    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as queries:
        response = errors.server_error(request)
    assert response.status_code == 500
    assert len(queries) == 0


@pytest.mark.django_db
def test_request_for_an_unknown_host_gets_the_styled_400(client):
    response = client.get("/", headers={"host": "oneteam.evil.example"})
    assert response.status_code == 400
    assert _in_layout(response.content.decode())
