"""Settings read from the environment, checked in a fresh interpreter (settings load once)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _setting(name: str, tmp_path: Path, **environ: str) -> str:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SITE_URL", "PORT", "ONETEAM_ENV", "ALLOWED_HOSTS"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="oneteam.settings",
        ONETEAM_VAR_DIR=str(tmp_path),
        SECRET_KEY="settings-test-key",
        **environ,
    )
    code = f"from django.conf import settings; print(settings.{name})"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_site_url_follows_port_in_development(tmp_path):
    assert _setting("SITE_URL", tmp_path, PORT="8100") == "http://127.0.0.1:8100"


def test_site_url_defaults_to_port_8000(tmp_path):
    assert _setting("SITE_URL", tmp_path) == "http://127.0.0.1:8000"


def test_site_url_set_explicitly_wins_over_port(tmp_path):
    site = _setting("SITE_URL", tmp_path, PORT="8100", SITE_URL="https://oneteam.example.org/")
    assert site == "https://oneteam.example.org"


@pytest.mark.parametrize("port", ["eighty", "0"])
def test_site_url_refuses_a_port_that_is_not_one(tmp_path, port):
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="oneteam.settings",
        ONETEAM_VAR_DIR=str(tmp_path),
        SECRET_KEY="settings-test-key",
        PORT=port,
    )
    done = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; settings.SITE_URL"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "PORT must be" in done.stderr
