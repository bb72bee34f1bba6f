"""Registration throughput: `python bench/bench_registration.py` (run by `make bench`).

300 concurrent clients (threads, each with its own PostgreSQL connection) register at once for
an event with 100 places, through the same service the web view calls
(`oneteam.events.services.registrations.registration_create`). The script creates its own
database (`oneteam_bench_registration` on the server named by PG_URL, default
postgresql://postgres@127.0.0.1:5432/), migrates it, and drops it afterwards.

PostgreSQL's default max_connections is 100, so like a connection pool in production at most
`--connections` clients (default 40) hold a connection at the same moment; all 300 start
together and queue for one. Two rounds: with the emails (ticket with a QR code, sent after
commit, to a throwaway file mailbox) and without them (database work only).
Prints a table; `--write-docs` also records it in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DOCS = ROOT / "docs" / "benchmarks.md"
BENCH_DB = "oneteam_bench_registration"


def _server_url(database: str) -> str:
    base = os.environ.get("PG_URL", "postgresql://postgres@127.0.0.1:5432/")
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, ""))


def _recreate_database() -> None:
    with psycopg.connect(_server_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{BENCH_DB}"')


def _drop_database() -> None:
    with psycopg.connect(_server_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')


def _setup_django(var_dir: str) -> None:
    os.environ["DATABASE_URL"] = _server_url(BENCH_DB)
    os.environ["ONETEAM_VAR_DIR"] = var_dir
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oneteam.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _round(label: str, *, clients: int, places: int, connections: int, emails: bool) -> dict:
    from datetime import timedelta

    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone
    from django.utils.text import slugify

    from oneteam.accounts.models import User
    from oneteam.chapters.models import Chapter
    from oneteam.events import emails as event_emails
    from oneteam.events.models import Event, Registration
    from oneteam.events.services import registrations

    unusable = make_password(None)
    chapter, _ = Chapter.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    starts = timezone.now() + timedelta(days=30)
    event = Event.objects.create(
        chapter=chapter,
        slug=slugify(f"bench-{label}"),
        title="Bench",
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        status=Event.Status.PUBLISHED,
        capacity=places,
    )
    users = User.objects.bulk_create(
        [User(email=f"{label}-{n}@bench.example", password=unusable) for n in range(clients)]
    )
    original = event_emails.send_registration_received
    if not emails:
        event_emails.send_registration_received = lambda registration: None
    barrier = threading.Barrier(clients + 1)
    gate = threading.BoundedSemaphore(connections)
    latencies: list[float] = []
    errors: list[BaseException] = []

    def client(user: User) -> None:
        barrier.wait()
        started = time.perf_counter()
        with gate:
            try:
                registrations.registration_create(
                    event=event, user=user, accepts_code_of_conduct=True
                )
            except BaseException as error:
                errors.append(error)
            finally:
                connection.close()
        latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=client, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    event_emails.send_registration_received = original

    statuses = Registration.objects.filter(event=event)
    confirmed = statuses.filter(status=Registration.Status.CONFIRMED).count()
    waitlisted = statuses.filter(status=Registration.Status.WAITLISTED).count()
    latencies.sort()
    return {
        "label": label,
        "elapsed": elapsed,
        "throughput": clients / elapsed,
        "p50": statistics.median(latencies),
        "p95": latencies[int(0.95 * (len(latencies) - 1))],
        "confirmed": confirmed,
        "waitlisted": waitlisted,
        "errors": len(errors),
        "correct": not errors and confirmed == places and waitlisted == clients - places,
        "first_error": repr(errors[0]) if errors else "",
    }


def _table(results: list[dict], args: argparse.Namespace) -> str:
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    lines = [
        "## Registration",
        "",
        f"Generated by `python bench/bench_registration.py` (`make bench`): {args.clients} "
        f"concurrent clients, {args.places} places, PostgreSQL, at most {args.connections} "
        f"connections at once. Machine: {os.cpu_count()} cores, shared; load average "
        f"{load} at the end.",
        "",
        "| round | registrations/s | wall time | p50 latency | p95 latency | confirmed | "
        "waitlisted | errors | correct |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        lines.append(
            f"| {r['label']} | **{r['throughput']:.0f}** | {r['elapsed']:.2f} s | "
            f"{r['p50'] * 1000:.0f} ms | {r['p95'] * 1000:.0f} ms | {r['confirmed']} | "
            f"{r['waitlisted']} | {r['errors']} | {'✔' if r['correct'] else '✘'} |"
        )
    return "\n".join(lines) + "\n"


def _write_docs(table: str) -> None:
    begin, end = "<!-- registration:begin -->", "<!-- registration:end -->"
    text = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
    section = f"{begin}\n{table}{end}"
    if begin in text and end in text:
        text = text[: text.index(begin)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    DOCS.write_text(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--places", type=int, default=100)
    parser.add_argument("--connections", type=int, default=40)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    try:
        _recreate_database()
    except psycopg.OperationalError as error:
        if os.environ.get("CI") == "true":
            raise
        print(f"SKIPPED: PostgreSQL cannot be reached ({error}); set PG_URL.", file=sys.stderr)
        return 0
    try:
        with tempfile.TemporaryDirectory(prefix="oneteam-bench-") as var_dir:
            _setup_django(var_dir)
            results = [
                _round(name, clients=args.clients, places=args.places,
                       connections=args.connections, emails=emails)
                for name, emails in (("with emails", True), ("database only", False))
            ]  # fmt: skip
            from django.db import connections

            connections.close_all()
    finally:
        _drop_database()
    table = _table(results, args)
    print(table)
    for result in results:
        if result["first_error"]:
            print(f"{result['label']}: first error: {result['first_error']}", file=sys.stderr)
    if args.write_docs:
        _write_docs(table)
    return 0 if all(r["correct"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
