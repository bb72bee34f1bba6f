"""The site runs in production mode the way docs/deploy.md runs it, and serves pages.

Settings come from environment variables only; `oneteam collectstatic` fills a temporary
STATIC_ROOT, `oneteam migrate` a temporary SQLite database, and uvicorn serves the ASGI
application as a subprocess in its own process group. Requests come "from the proxy": to the
allowed host, marked HTTPS by X-Forwarded-Proto.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.security.subprocess_settings import (
    ONETEAM,
    REPO,
    production_env,
    run_oneteam,
    run_python,
)

UVICORN = ONETEAM.with_name("uvicorn")
HOST = "example.org"
READY_WITHIN = 60.0


@dataclass(frozen=True)
class Server:
    base: str
    log: Path
    event_slug: str


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _lower(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {name.lower(): value for name, value in headers}


def _get(base: str, path: str) -> Reply:
    request = urllib.request.Request(
        base + path, headers={"Host": HOST, "X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Reply(response.status, _lower(response.headers.items()), response.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, _lower(error.headers.items()), error.read())


def _check(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stdout + result.stderr


def _wait_until_ready(process: subprocess.Popen[bytes], base: str, log: Path) -> None:
    deadline = time.monotonic() + READY_WITHIN
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{log.read_text()}")
        try:
            _get(base, "/")
            return
        except OSError:  # not listening yet
            time.sleep(0.2)
    pytest.fail(f"the server did not answer within {READY_WITHIN:.0f} s:\n{log.read_text()}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    # The server was started in a session of its own, so its group id is its PID.
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    var = tmp_path_factory.mktemp("production")
    env = production_env(var, DATABASE_URL=f"sqlite:///{var / 'oneteam.sqlite3'}")
    _check(run_oneteam(env, "collectstatic", "--noinput"))
    _check(run_oneteam(env, "migrate", "--noinput"))
    _check(run_oneteam(env, "demo"))
    slug = run_python(
        env,
        "from oneteam.events.models import Event\n"
        "print(Event.objects.filter(status=Event.Status.PUBLISHED).values_list('slug', flat=True)"
        ".first())",
    )

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = var / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(UVICORN), "oneteam.asgi:application", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            cwd=REPO,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_until_ready(process, base, log)
        yield Server(base=base, log=log, event_slug=slug)
    finally:
        _stop(process)


def test_production_home_page_answers_200(server):
    reply = _get(server.base, "/")

    assert reply.status == 200, reply.body.decode(errors="replace")
    assert reply.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"


def test_production_event_page_answers_200(server):
    reply = _get(server.base, f"/events/{server.event_slug}/")

    assert reply.status == 200, reply.body.decode(errors="replace")


def test_production_serves_the_hashed_stylesheet_the_pages_link(server):
    html = _get(server.base, "/").body.decode()
    stylesheet = re.search(r'href="(/static/oneteam/oneteam\.[0-9a-f]{12}\.css)"', html)
    assert stylesheet, "the page links no hashed stylesheet"

    reply = _get(server.base, stylesheet.group(1))

    assert reply.status == 200
    assert reply.headers["content-type"].startswith("text/css")
    assert b"govuk-crest" not in reply.body


def test_production_server_log_never_shows_a_feed_token(server):
    token = "k3ep-this-0ut-of-the-log"
    _get(server.base, f"/agenda/{token}.ics?token={token}")

    log = server.log.read_text()
    assert "/agenda/[token].ics" in log
    assert token not in log
