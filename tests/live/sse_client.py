"""A small asyncio Server-Sent Events client (HTTP/1.1, chunked), with no dependencies.

Used by the cross-process test and the live benchmark, and handy for watching a channel:

    python -m tests.live.sse_client http://127.0.0.1:8000/live/event-demo/stream
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Message:
    id: str | None
    event: str
    data: str


@dataclass
class SseConnection:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    status: int
    headers: dict[str, str]
    last_event_id: str | None = None
    retry_ms: int | None = None
    comments: int = 0
    _pending: list[str] = field(default_factory=list)

    @classmethod
    async def open(
        cls,
        host: str,
        port: int,
        path: str,
        *,
        last_event_id: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> SseConnection:
        reader, writer = await asyncio.open_connection(host, port, limit=2**20)
        lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Accept: text/event-stream"]
        if last_event_id is not None:
            lines.append(f"Last-Event-ID: {last_event_id}")
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        response_headers = {}
        for line in header_lines:
            if ":" in line:
                name, value = line.split(":", 1)
                response_headers[name.strip().lower()] = value.strip()
        status = int(status_line.split()[1])
        return cls(reader, writer, status, response_headers, last_event_id=last_event_id)

    async def _chunks(self) -> AsyncIterator[bytes]:
        if self.headers.get("transfer-encoding", "").lower() != "chunked":
            while chunk := await self.reader.read(65536):
                yield chunk
            return
        while True:
            size_line = await self.reader.readuntil(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            if size == 0:
                return
            chunk = await self.reader.readexactly(size + 2)
            yield chunk[:-2]

    async def messages(self, *, control: bool = False) -> AsyncIterator[Message]:
        """Each dispatched event, as the EventSource algorithm would dispatch it.

        With `control`, also ``:retry`` (data: the delay in ms) and ``:comment`` pseudo-events,
        whose names no real event can take: a stream's first ``:retry`` says it is subscribed.
        """
        buffer = ""
        event, event_id = "", None
        data: list[str] = []
        async for chunk in self._chunks():
            buffer += chunk.decode()
            *lines, buffer = buffer.replace("\r\n", "\n").split("\n")
            for line in lines:
                if line == "":
                    if event_id is not None:
                        self.last_event_id = event_id
                    if data:
                        yield Message(event_id, event or "message", "\n".join(data))
                    event, data, event_id = "", [], None
                elif line.startswith(":"):
                    self.comments += 1
                    if control:
                        yield Message(None, ":comment", line[1:].strip())
                else:
                    name, _, value = line.partition(":")
                    value = value.removeprefix(" ")
                    if name == "data":
                        data.append(value)
                    elif name == "event":
                        event = value
                    elif name == "id":
                        event_id = value
                    elif name == "retry" and value.isdigit():
                        self.retry_ms = int(value)
                        if control:
                            yield Message(None, ":retry", value)

    async def close(self) -> None:
        self.writer.close()
        with contextlib.suppress(ConnectionError, OSError):
            await self.writer.wait_closed()


async def _watch(url: str) -> None:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    connection = await SseConnection.open(parts.hostname or "127.0.0.1", parts.port or 80, path)
    print(f"HTTP {connection.status}", file=sys.stderr)
    async for message in connection.messages():
        print(f"{message.id} {message.event} {message.data}", flush=True)


if __name__ == "__main__":
    asyncio.run(_watch(sys.argv[1]))
