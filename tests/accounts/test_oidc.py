"""OpenID Connect sign-in is configured by environment variables alone."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.security.subprocess_settings import settings_in

OIDC_ENV = {
    "OIDC_CLIENT_ID": "oneteam-client",
    "OIDC_CLIENT_SECRET": "s3cret-from-the-idp",
    "OIDC_SERVER_URL": "https://login.department.example",
    "OIDC_PROVIDER_ID": "dept",
    "OIDC_PROVIDER_NAME": "Department SSO",
}


def _environment(tmp_path, **extra: str) -> dict[str, str]:
    import os

    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "ONETEAM_VAR_DIR": str(tmp_path)}
    env["DJANGO_SETTINGS_MODULE"] = "oneteam.settings"
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def providers_with_oidc(tmp_path_factory) -> dict:
    env = _environment(tmp_path_factory.mktemp("var"), **OIDC_ENV)
    return settings_in(env, "SOCIALACCOUNT_PROVIDERS")["SOCIALACCOUNT_PROVIDERS"]


def test_oidc_variables_configure_the_provider(providers_with_oidc):
    app = providers_with_oidc["openid_connect"]["APPS"][0]

    assert app == {
        "provider_id": "dept",
        "name": "Department SSO",
        "client_id": "oneteam-client",
        "secret": "s3cret-from-the-idp",
        "settings": {"server_url": "https://login.department.example"},
    }
    assert providers_with_oidc["openid_connect"]["OAUTH_PKCE_ENABLED"] is True


def test_without_oidc_variables_no_provider_is_configured(tmp_path):
    providers = settings_in(_environment(tmp_path), "SOCIALACCOUNT_PROVIDERS")

    assert providers == {"SOCIALACCOUNT_PROVIDERS": {}}


@pytest.mark.django_db
def test_sign_in_page_offers_the_configured_provider_as_a_post_button(providers_with_oidc):
    with override_settings(SOCIALACCOUNT_PROVIDERS=providers_with_oidc):
        html = Client().get(reverse("account_login")).content.decode()
        login_url = reverse("openid_connect_login", kwargs={"provider_id": "dept"})

    assert "Sign in with Department SSO" in html
    assert f'<form method="post" action="{login_url}?process=login">' in html


@pytest.mark.django_db
def test_sign_in_page_without_a_provider_has_no_provider_button():
    html = Client().get(reverse("account_login")).content.decode()

    assert "Or sign in through your organisation" not in html
    assert "/accounts/oidc/" not in html


@pytest.mark.django_db
def test_provider_login_on_get_asks_before_leaving_for_the_provider(providers_with_oidc):
    with override_settings(SOCIALACCOUNT_PROVIDERS=providers_with_oidc):
        response = Client().get(reverse("openid_connect_login", kwargs={"provider_id": "dept"}))

    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
