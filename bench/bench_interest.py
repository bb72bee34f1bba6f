"""Interest-toggle benchmark: `python bench/bench_interest.py [--quick]` (run by `make bench`).

200 concurrent clients (threads with keep-alive HTTP sessions, each a signed-in attendee)
post "I'm interested" / "remove my interest" as htmx requests to a real server (uvicorn,
2 workers) backed by PostgreSQL, for a fixed time. Reports throughput and latency
percentiles, then checks that the database holds exactly the interests the clients believe
they hold. Needs PostgreSQL (BENCH_DATABASE_URL, default
postgresql://postgres@127.0.0.1:5432/oneteam_bench; the database is recreated).

Django runs each ASGI request's sync code in a thread of its own, so every request in flight
holds its own database connection. The server therefore admits at most MAX_IN_FLIGHT
requests per worker and queues the rest (as a reverse proxy or pool would), keeping within
PostgreSQL's default 100 connections; queueing time is part of the measured latency.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/oneteam_bench"
CLIENTS = 200
SESSIONS = 40
WORKERS = 2
MAX_IN_FLIGHT = 24
CSRF = "b" * 32  # a fixed CSRF secret shared by cookie and form, as a browser would hold


def application_with_admission_limit():
    """The ASGI app behind a semaphore: at most MAX_IN_FLIGHT requests run at once."""
    from oneteam.asgi import application

    gate = asyncio.Semaphore(MAX_IN_FLIGHT)

    async def app(scope, receive, send):
        if scope["type"] != "http":
            return await application(scope, receive, send)
        async with gate:
            return await application(scope, receive, send)

    return app


def recreate_database(url: str) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def seed() -> tuple[str, list[int], list[str]]:
    """An event, CLIENTS confirmed attendees with signed-in sessions, SESSIONS pitches."""
    from datetime import timedelta

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from oneteam.accounts.middleware import SEEN_KEY, STARTED_KEY
    from oneteam.accounts.models import User
    from oneteam.chapters.models import Chapter
    from oneteam.events.models import Event, Registration
    from oneteam.programme.models import Session

    chapter = Chapter.objects.create(slug="bench", name="Bench")
    starts = timezone.now() + timedelta(days=1)
    event = Event.objects.create(
        chapter=chapter,
        slug="bench-unconference",
        title="Bench",
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        status=Event.Status.PUBLISHED,
        capacity=CLIENTS,
    )
    users = User.objects.bulk_create([User(email=f"bench{i}@example.org") for i in range(CLIENTS)])
    Registration.objects.bulk_create(
        [Registration(event=event, user=u, status=Registration.Status.CONFIRMED) for u in users]
    )
    sessions = Session.objects.bulk_create(
        [Session(event=event, title=f"Session {i}") for i in range(SESSIONS)]
    )
    cookies = []
    now = int(time.time())
    for user in users:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store[STARTED_KEY] = now
        store[SEEN_KEY] = now
        store.create()
        cookies.append(store.session_key)
    return event.slug, [s.pk for s in sessions], cookies


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 60) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise SystemExit(f"the server at {url} did not answer within {timeout} s")


def client(base, slug, session_pks, cookie, seconds, seed_value, out, held):
    """One attendee tapping interest on and off; records (latency, status) per request."""
    import requests

    rng = random.Random(seed_value)
    http = requests.Session()
    http.cookies.set("sessionid", cookie)
    http.cookies.set("csrftoken", CSRF)
    mine: set[int] = set()
    headers = {"HX-Request": "true", "Referer": base + "/"}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pk = rng.choice(session_pks)
        wanted = pk not in mine
        data = {"interested": "true" if wanted else "false", "csrfmiddlewaretoken": CSRF}
        started = time.perf_counter()
        response = http.post(
            f"{base}/programme/{slug}/sessions/{pk}/interest/",
            data=data,
            headers=headers,
            allow_redirects=False,
            timeout=60,
        )
        # A refusal still answers 200 to htmx (the card shows the error): count it as failed.
        refused = "govuk-error-message" in response.text
        status = 422 if refused and response.status_code == 200 else response.status_code
        out.append((time.perf_counter() - started, status))
        if status == 200:
            (mine.add if wanted else mine.discard)(pk)
    held.update((cookie, pk) for pk in mine)


def server_cpu_seconds(server_pid: int) -> float:
    """User + system CPU of the server and its worker processes, from /proc (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    pids = [server_pid]
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children")
    if children.exists():
        pids += [int(pid) for pid in children.read_text().split()]
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)
    return total / tick


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def write_docs(lines: list[str]) -> None:
    """Replace the section's figures; a hand-written "### History" at its end is kept."""
    begin, end, history = "<!-- interest:begin -->", "<!-- interest:end -->", "### History"
    text = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
    kept: list[str] = []
    if begin in text and end in text:
        section = text[text.index(begin) : text.index(end)]
        if history in section:
            kept = ["", section[section.index(history) :].rstrip("\n")]
    body = "\n".join([begin, "## Interest toggles under load", "", *lines, *kept, end])
    if begin in text and end in text:
        text = text[: text.index(begin)] + body + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    DOCS.write_text(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5-second run, no docs")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite docs/benchmarks.md")
    args = parser.parse_args()
    seconds = 5.0 if args.quick else args.seconds
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    env = {**os.environ, "DATABASE_URL": url, "DB_CONN_MAX_AGE": "0", "LOG_LEVEL": "WARNING"}
    env.pop("REDIS_URL", None)
    os.environ.update(env)
    try:
        recreate_database(url)
    except Exception as error:
        print(f"SKIPPED: PostgreSQL at {url} is not reachable ({error})")
        return 0
    subprocess.run([sys.executable, "-m", "oneteam", "migrate", "-v", "0"], env=env, check=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oneteam.settings")
    import django

    django.setup()
    slug, session_pks, cookies = seed()
    cookies = cookies[: args.clients]
    from django.db import connections

    connections.close_all()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "uvicorn", "--factory", "--app-dir", str(ROOT / "bench")]
    command += ["--port", str(port), "--workers", str(WORKERS), "--log-level", "warning"]
    command += ["--no-access-log", "bench_interest:application_with_admission_limit"]
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    try:
        wait_for(f"{base}/healthz")
        results: list[tuple[float, int]] = []
        held: set[tuple[str, int]] = set()
        threads = [
            threading.Thread(
                target=client, args=(base, slug, session_pks, cookie, seconds, i, results, held)
            )
            for i, cookie in enumerate(cookies)
        ]
        cpu_before = server_cpu_seconds(server.pid)
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        cpu_per_request = (server_cpu_seconds(server.pid) - cpu_before) / max(1, len(results))
    finally:
        server.terminate()
        server.wait(timeout=30)

    from oneteam.programme.models import Interest

    stored = Interest.objects.count()
    latencies = [latency for latency, status in results if status == 200]
    failures = len(results) - len(latencies)
    load = os.getloadavg()
    lines = [
        f"{len(cookies)} concurrent clients, {SESSIONS} sessions, {seconds:.0f} s, uvicorn with "
        f"{WORKERS} workers (at most {MAX_IN_FLIGHT} requests in flight each), PostgreSQL.",
        "",
        "| requests | failed | throughput | p50 | p95 | p99 | max |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {len(results)} | {failures} | {len(latencies) / elapsed:.0f} req/s "
        f"| {statistics.median(latencies) * 1000:.0f} ms "
        f"| {percentile(latencies, 0.95) * 1000:.0f} ms "
        f"| {percentile(latencies, 0.99) * 1000:.0f} ms | {max(latencies) * 1000:.0f} ms |",
        "",
        f"Server CPU per request: {cpu_per_request * 1000:.1f} ms (uvicorn and Django, "
        "PostgreSQL not included) — far less inflated than the latencies by other work on the "
        f"machine: {WORKERS} dedicated cores would serve about "
        f"{WORKERS / max(cpu_per_request, 1e-9):.0f} toggles a second.",
        "",
        f"Integrity: the clients believe they hold {len(held)} interests; the database holds "
        f"{stored}{' (match)' if stored == len(held) else ' (MISMATCH)'}.",
        f"Load average at the end of this run: {load[0]:.1f} (1 min) on {os.cpu_count()} cores "
        "— the clients run on the same machine, and other work slows every figure above.",
    ]
    print("\n".join(lines))
    if not args.quick and not args.no_docs:
        write_docs(lines)
    return 0 if stored == len(held) and failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
