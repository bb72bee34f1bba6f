"""Community benchmark: `python bench/bench_community.py` (run by `make bench`).

Seeds PostgreSQL with 100,000 posts in 5,000 threads (one of them with 500 replies; a tenth of
posts anonymous, with reactions), then renders, in process through Django's test client as a
signed-in member: the 500-reply thread's page, a space listing, and searches for a common
and a rare word. Reports the queries each takes (the thread page is also compared with a
short thread's) and p50/p95 times over repeated runs. Needs PostgreSQL (BENCH_DATABASE_URL,
default postgresql://postgres@127.0.0.1:5432/oneteam_bench_community; it is recreated).
Targets from the issue: thread page and listing p50 < 100 ms, search < 200 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

if TYPE_CHECKING:
    from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/oneteam_bench_community"
POSTS, THREADS, SPACES, MEMBERS, BIG_THREAD = 100_000, 5_000, 5, 200, 500
WORDS = [
    *[
        "data",
        "policy",
        "delivery",
        "design",
        "service",
        "user",
        "research",
        "digital",
        "team",
        "minister",
        "budget",
    ],
    *[
        "procurement",
        "agile",
        "council",
        "department",
        "open",
        "trust",
        "change",
        "reform",
        "local",
        "health",
    ],
]
RARE = "zeugma"


def recreate_database(url: str) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _body(rng: random.Random, number: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(20, 80))
    if number % 5_000 == 0:
        words.append(RARE)
    return " ".join(words).capitalize() + "."


def seed(rng: random.Random) -> dict[str, Any]:
    from datetime import timedelta

    from django.db import connection
    from django.utils import timezone

    from oneteam.accounts.models import User
    from oneteam.community.models import (
        ConductAcceptance,
        Post,
        Pseudonym,
        Reaction,
        Space,
        Thread,
    )
    from oneteam.community.selectors import current_code
    from oneteam.members.models import Discipline, Profile

    policy = Discipline.objects.first()
    users = User.objects.bulk_create([User(email=f"member{n}@example.org") for n in range(MEMBERS)])
    Profile.objects.bulk_create(
        Profile(user=u, handle=f"member-{n}", display_name=f"Member {n}", discipline=policy)
        for n, u in enumerate(users)
    )
    code = current_code()
    ConductAcceptance.objects.bulk_create(ConductAcceptance(user=u, code=code) for u in users)
    spaces = Space.objects.bulk_create(
        Space(slug=f"space-{n}", name=f"Space {n}", kind="community", allow_anonymous=True)
        for n in range(SPACES)
    )
    start = timezone.now() - timedelta(days=365)
    threads = Thread.objects.bulk_create(
        Thread(space=spaces[n % SPACES], title=f"Thread {n}", last_posted_at=start)
        for n in range(THREADS)
    )
    big = threads[0]
    # The big thread gets 1 + 500 posts; the rest share what is left, one opening post each.
    per_thread = {big.pk: BIG_THREAD + 1}
    remaining = POSTS - per_thread[big.pk]
    others = threads[1:]
    for thread in others:
        per_thread[thread.pk] = 1
    for _ in range(remaining - len(others)):
        per_thread[rng.choice(others).pk] += 1
    posts: list[Post] = []
    pseudonyms: list[Pseudonym] = []
    number = 0
    for thread in threads:
        numbers: dict[int, int] = {}
        for index in range(per_thread[thread.pk]):
            number += 1
            author = rng.choice(users)
            when = start + timedelta(seconds=number * 300)
            if rng.random() < 0.1:
                if author.pk not in numbers:
                    numbers[author.pk] = len(numbers) + 1
                    pseudonyms.append(
                        Pseudonym(thread=thread, user=author, number=numbers[author.pk])
                    )
                post = Post(thread=thread, pseudonym_number=numbers[author.pk])
            else:
                post = Post(thread=thread, author=author)
            post.body, post.is_opening, post.created_at = _body(rng, number), index == 0, when
            posts.append(post)
    Pseudonym.objects.bulk_create(pseudonyms, batch_size=5_000)
    created = Post.objects.bulk_create(posts, batch_size=5_000)
    # auto_now_add overrode created_at on insert: put the spread-out times back.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE community_post "
            "SET created_at = %s::timestamptz + (id * interval '300 seconds')",
            [start],
        )
        cursor.execute(
            "UPDATE community_thread t SET reply_count = s.n - 1, last_posted_at = s.last, "
            "last_post_id = s.last_id FROM (SELECT thread_id, count(*) n, max(created_at) last, "
            "max(id) last_id FROM community_post GROUP BY thread_id) s WHERE s.thread_id = t.id"
        )
    kinds = ["thanks", "me_too", "got_your_back"]
    Reaction.objects.bulk_create(
        (
            Reaction(post=post, user=rng.choice(users), kind=rng.choice(kinds))
            for post in rng.sample(created, 20_000)
        ),
        batch_size=5_000,
        ignore_conflicts=True,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    short = Thread.objects.filter(reply_count__lt=15, reply_count__gt=5).first()
    return {"viewer": users[1], "big": big, "short": short, "space": spaces[0]}


def measure(client: Client, url: str, runs: int) -> tuple[int, float, float, float]:
    """Queries of one request, then p50 and p95 wall time and p50 CPU time of this process
    (the web side alone: on a shared machine it moves less than the wall time)."""
    from django.db import connection

    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    executed: list[str] = []

    def count(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    times, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    return len(executed), statistics.median(times), p95, statistics.median(cpu)


def write_docs(table: str) -> None:
    begin, end = "<!-- community:begin -->", "<!-- community:end -->"
    text = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
    section = f"{begin}\n{table}{end}"
    if begin in text and end in text:
        text = text[: text.index(begin)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    DOCS.write_text(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite docs/benchmarks.md")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING", "DEBUG": "false"}
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
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from oneteam.community.selectors import POSTS_PER_PAGE

    # The test client's host; setup_test_environment() is not used, as it slows templates down.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    started = time.monotonic()
    world = seed(random.Random(7))
    seeded = time.monotonic() - started
    client = Client()
    client.force_login(world["viewer"])
    thread = lambda t: reverse("community:thread", kwargs={"pk": t.pk})  # noqa: E731
    search = reverse("community:search")
    rows = [
        ("thread page, 500 replies", thread(world["big"]), 100),
        (f"thread page, {world['short'].reply_count} replies", thread(world["short"]), 100),
        (
            "space listing (1,000 threads)",
            reverse("community:space", kwargs={"slug": world["space"].slug}),
            100,
        ),
        ("search, common word (“policy”)", f"{search}?q=policy", 200),
        (f"search, rare word (“{RARE}”)", f"{search}?q={RARE}", 200),
        ("search, two words", f"{search}?q=procurement+reform", 200),
    ]
    lines = [
        "## Community pages",
        "",
        "Generated by `python bench/bench_community.py` (`make bench`): PostgreSQL, "
        f"{POSTS:,} posts in {THREADS:,} threads (seeded in {seeded:.0f} s), rendered in process "
        f"by Django's test client as a signed-in member, {args.runs} runs each after a warm-up. "
        "Machine: 2 cores, shared.",
        "",
        f"Load average during the run: {os.getloadavg()[0]:.1f} (other work shared the cores).",
        "",
        "| page | queries | p50 | p95 | p50 CPU (web) | target (p50) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    counts = {}
    for label, page, target in rows:
        queries, p50, p95, cpu = measure(client, page, args.runs)
        counts[label] = queries
        mark = "✔" if p50 < target else "✘"
        lines.append(
            f"| {label} | {queries} | {p50:.1f} ms | {p95:.1f} ms | {cpu:.1f} ms "
            f"| < {target} ms {mark} |"
        )
        print(lines[-1])
    thread_counts = [count for label, count in counts.items() if label.startswith("thread page")]
    lines += [
        "",
        f"- the thread page costs the same queries at 500 replies as at "
        f"{world['short'].reply_count}: {'yes' if len(set(thread_counts)) == 1 else 'NO'} "
        f"(a page shows {POSTS_PER_PAGE} posts; later replies follow by keyset, "
        "`?after=<post id>`)",
        "",
    ]
    if not args.no_docs:
        write_docs("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
