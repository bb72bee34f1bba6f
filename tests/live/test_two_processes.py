"""Two uvicorn processes sharing PostgreSQL and Redis: a publish through A reaches a stream on B.

Each server runs in its own process group (killed by its PID's group, never by name); readiness
is a poll of /healthz. The servers use the test's own database, so the test commits its data.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from oneteam.events.models import Event
from tests.live.conftest import run
from tests.live.sse_client import SseConnection

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]
ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"


@pytest.fixture(autouse=True)
def _needs_postgresql_and_redis() -> None:
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip("needs PostgreSQL and Redis: set DATABASE_URL and REDIS_URL")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgresql://{auth}@{db['HOST'] or HOST}:{db['PORT'] or 5432}/{db['NAME']}"


class Server:
    def __init__(self, port: int, env: dict[str, str], log: Path) -> None:
        self.port = port
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "uvicorn", "oneteam.asgi:application"),
                    *("--host", HOST, "--port", str(port), "--timeout-graceful-shutdown", "1"),
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so killpg reaches only it
            )

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()}")
            try:
                with urllib.request.urlopen(f"http://{HOST}:{self.port}/healthz", timeout=2):
                    return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        raise TimeoutError(f"server on {self.port} not ready: {self.log.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@pytest.fixture
def servers() -> Iterator[tuple[Server, Server]]:
    prefix = f"test-live:{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "LIVE_REDIS_PREFIX": prefix,
        "DB_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    with tempfile.TemporaryDirectory() as logs:
        a = Server(
            _free_port(),
            {**env, "DJANGO_SETTINGS_MODULE": "tests.live.two_process_settings"},
            Path(logs) / "a.log",
        )
        b = Server(
            _free_port(),
            {**env, "DJANGO_SETTINGS_MODULE": "oneteam.settings"},
            Path(logs) / "b.log",
        )
        try:
            a.wait_ready()
            b.wait_ready()
            yield a, b
        finally:
            a.stop()
            b.stop()
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    client.close()


def _post(url: str, payload: object) -> int:
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST")
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status


def test_publish_through_process_a_reaches_a_stream_on_process_b_within_a_second(servers, event):
    a, b = servers
    warm_up = Event.objects.create(
        chapter=event.chapter,
        slug="warm-up",
        title="Warm-up",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        status=Event.Status.PUBLISHED,
    )
    publish_url = f"http://{HOST}:{a.port}/test-only/publish"

    async def scenario() -> tuple[float, str]:
        stream = await SseConnection.open(HOST, b.port, f"/live/event-{event.slug}/stream")
        assert stream.status == 200
        messages = stream.messages(control=True)
        try:
            # The stream's first frame (retry:) is sent once B is subscribed.
            first = await asyncio.wait_for(anext(messages), 5)
            assert first.event == ":retry"
            # A's first request pays for imports and connections; that is not delivery time.
            await asyncio.to_thread(_post, f"{publish_url}/{warm_up.slug}", {"warm": True})
            started = time.monotonic()
            status = await asyncio.to_thread(_post, f"{publish_url}/{event.slug}", {"card": 7})
            assert status == 200
            message = await asyncio.wait_for(anext(messages), 5)
            return time.monotonic() - started, f"{message.id} {message.event} {message.data}"
        finally:
            await stream.close()

    latency, received = run(scenario())

    assert received == '1 board-changed {"card":7}'
    assert latency < 1.0


def _connections_to(database: str) -> int:
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"] or HOST,
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        row = admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [database]
        ).fetchone()
    return int(row[0]) if row else 0


def test_open_streams_hold_no_database_connection(servers, event):
    _, b = servers
    database = connection.settings_dict["NAME"]

    async def scenario() -> tuple[int, int]:
        before = await asyncio.to_thread(_connections_to, database)
        streams = [
            await SseConnection.open(HOST, b.port, f"/live/event-{event.slug}/stream")
            for _ in range(5)
        ]
        try:
            for stream in streams:
                first = await asyncio.wait_for(anext(stream.messages(control=True)), 5)
                assert first.event == ":retry"
            await asyncio.sleep(0.3)
            return before, await asyncio.to_thread(_connections_to, database)
        finally:
            for stream in streams:
                await stream.close()

    before, during = run(scenario(), timeout=30)

    # Each stream queried the database to check the channel, then let its connection go.
    assert during <= before
