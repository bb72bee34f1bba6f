"""Brokers for both backends, and a driver that speaks ASGI to the real application."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Coroutine, Iterator
from typing import Any

import pytest
import redis
from django.conf import settings as django_settings

from oneteam.live import channels
from oneteam.live.brokers.base import Broker
from oneteam.live.brokers.factory import get_broker, reset_broker
from oneteam.live.brokers.memory import MemoryBroker
from oneteam.live.brokers.redis import RedisBroker

SMALL = {"replay_events": 5, "replay_seconds": 60, "queue_limit": 50}


def run[T](coro: Coroutine[Any, Any, T], timeout: float = 10) -> T:
    """Run a coroutine on a fresh event loop, as a request would on uvicorn's."""

    async def bounded() -> T:
        async with asyncio.timeout(timeout):
            return await coro

    return asyncio.run(bounded())


def _forget_redis_keys(url: str, prefix: str) -> None:
    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    client.close()


@pytest.fixture
def redis_url() -> str:
    url = django_settings.REDIS_URL
    if not url:
        pytest.skip("needs Redis: set REDIS_URL")
    return url


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def broker(request) -> Iterator[Broker]:
    """A small broker (5 events of replay), once per backend."""
    if request.param == "memory":
        yield MemoryBroker(**SMALL)
        return
    url = request.getfixturevalue("redis_url")
    prefix = f"test-live:{uuid.uuid4().hex}"
    yield RedisBroker(url=url, prefix=prefix, **SMALL)
    _forget_redis_keys(url, prefix)


def _install_broker(request, settings, kind: str) -> Iterator[Broker]:
    prefix = f"test-live:{uuid.uuid4().hex}"
    settings.LIVE_REDIS_PREFIX = prefix
    settings.LIVE_REPLAY_EVENTS = 5
    settings.REDIS_URL = request.getfixturevalue("redis_url") if kind == "redis" else ""
    reset_broker()
    channels.open_for_anyone.clear()
    yield get_broker()
    reset_broker()
    channels.open_for_anyone.clear()
    if kind == "redis":
        _forget_redis_keys(settings.REDIS_URL, prefix)


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def app_broker(request, settings) -> Iterator[Broker]:
    """The broker the application itself uses (`get_broker()`), once per backend."""
    yield from _install_broker(request, settings, request.param)


@pytest.fixture
def memory_app_broker(request, settings) -> Iterator[Broker]:
    """The application's broker, in-process: for behaviour the backends do not change."""
    yield from _install_broker(request, settings, "memory")


class AsgiStream:
    """One GET to the ASGI application, read frame by frame; disconnects like a browser tab."""

    def __init__(
        self,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        method: str = "GET",
        app: Any = None,
    ) -> None:
        """`app`: the ASGI application to ask, by default `oneteam.asgi.application`."""
        self.path, _, query = path.partition("?")
        self.method = method
        self.app = app
        self.query = query
        self.headers = headers or {}
        self.status: int | None = None
        self.response_headers: dict[str, str] = {}
        self._messages: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._disconnect = asyncio.Event()
        self._buffer = b""
        self._task: asyncio.Task[None] | None = None
        self.finished = False

    async def __aenter__(self) -> AsgiStream:
        from oneteam.asgi import application

        app = self.app or application
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": self.method,
            "scheme": "http",
            "path": self.path,
            "raw_path": self.path.encode(),
            "query_string": self.query.encode(),
            "root_path": "",
            "headers": [(b"host", b"127.0.0.1")]
            + [(k.lower().encode(), v.encode()) for k, v in self.headers.items()],
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 80),
        }
        sent_request = False

        async def receive() -> dict[str, Any]:
            nonlocal sent_request
            if not sent_request:
                sent_request = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await self._disconnect.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            await self._messages.put(message)

        self._task = asyncio.create_task(app(scope, receive, send))
        start = await asyncio.wait_for(self._messages.get(), 5)
        assert start["type"] == "http.response.start"
        self.status = start["status"]
        self.response_headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
        return self

    async def frame(self, timeout: float = 2.0) -> str:
        """The next SSE frame (text up to a blank line), comments included."""
        while b"\n\n" not in self._buffer:
            message = await asyncio.wait_for(self._messages.get(), timeout)
            self._buffer += message.get("body", b"")
            if not message.get("more_body", False):
                self.finished = True
                if b"\n\n" not in self._buffer:
                    raise EOFError(self._buffer)
        frame, self._buffer = self._buffer.split(b"\n\n", 1)
        return frame.decode()

    async def body(self) -> bytes:
        """The whole body of a response that ends (a 404, say)."""
        while not self.finished:
            message = await asyncio.wait_for(self._messages.get(), 5)
            self._buffer += message.get("body", b"")
            self.finished = not message.get("more_body", False)
        return self._buffer

    async def __aexit__(self, *exc_info: object) -> None:
        self._disconnect.set()
        assert self._task is not None
        await asyncio.wait_for(self._task, 5)
