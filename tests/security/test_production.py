"""Production settings pass Django's deployment checks and send the security headers."""

from __future__ import annotations

import subprocess

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.security.subprocess_settings import (
    ONETEAM,
    REPO,
    production_env,
    run_oneteam,
    settings_in,
)

SECURITY_SETTINGS = (
    "DEBUG",
    "ALLOWED_HOSTS",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "CSRF_COOKIE_NAME",
)


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> dict:
    return settings_in(production_env(tmp_path_factory.mktemp("var")), *SECURITY_SETTINGS)


def test_production_settings_pass_the_deploy_check_at_warning_level(tmp_path):
    result = run_oneteam(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_without_smtp_fails_the_deploy_check(tmp_path):
    env = production_env(tmp_path)
    del env["SMTP_HOST"]

    result = run_oneteam(env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode != 0
    assert "mail.E001" in result.stderr


def _without_smtp(tmp_path) -> dict[str, str]:
    env = production_env(tmp_path)
    del env["SMTP_HOST"]
    return env


@pytest.mark.parametrize("command", [("check",), ("migrate", "--noinput")])
def test_production_without_smtp_refuses_to_run_commands(tmp_path, command):
    result = run_oneteam(_without_smtp(tmp_path), *command)

    assert result.returncode == 1
    assert "(oneteam.E001) ONETEAM_ENV is production but SMTP_HOST is not set" in result.stderr


def test_production_without_smtp_refuses_to_serve(tmp_path):
    # The server imports the application before it listens; were it to start, the timeout fails
    # the test.
    uvicorn = ONETEAM.with_name("uvicorn")
    result = subprocess.run(
        [str(uvicorn), "oneteam.asgi:application", "--host", "127.0.0.1", "--port", "0"],
        env=_without_smtp(tmp_path),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    assert "ImproperlyConfigured: One Team will not start until these are fixed:" in result.stderr
    assert "(oneteam.E001)" in result.stderr


def test_production_with_smtp_passes_the_plain_check(tmp_path):
    result = run_oneteam(production_env(tmp_path), "check")

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_turns_on_transport_security(production):
    assert production["DEBUG"] is False
    assert production["SECURE_HSTS_SECONDS"] == 31_536_000
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_SSL_REDIRECT"] is True


def test_production_cookies_are_secure_httponly_and_samesite(production):
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_HTTPONLY"] is True
    assert production["CSRF_COOKIE_SAMESITE"] == "Lax"


@pytest.fixture
def https_client(production):
    with override_settings(**production):
        yield Client(HTTP_HOST="example.org")


@pytest.mark.django_db
def test_https_response_carries_every_security_header(https_client):
    response = https_client.get(reverse("account_login"), secure=True)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_content_security_policy_allows_only_nonced_scripts(https_client):
    response = https_client.get(reverse("account_login"), secure=True)

    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    nonce = directives["script-src"].split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()
    assert "'unsafe-inline'" not in directives["style-src"]


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(https_client):
    response = https_client.get(reverse("account_login"))

    assert response.status_code == 301
    assert response["Location"] == "https://example.org" + reverse("account_login")


@pytest.mark.django_db
def test_production_cookies_are_sent_with_secure_httponly_samesite(https_client, member):
    https_client.get(reverse("account_login"), secure=True)
    https_client.post(reverse("account_login"), {"login": member.email}, secure=True)

    for name in ("__Host-sessionid", "__Host-csrftoken"):
        cookie = https_client.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name
        assert cookie["path"] == "/", name
