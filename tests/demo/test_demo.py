import time
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse

from oneteam.accounts.models import User
from oneteam.chapters.models import ChapterMembership
from oneteam.demo.data import MEMBER, MODERATOR, ORGANISER
from oneteam.demo.digest import demo_digest
from oneteam.demo.loader import DemoAlreadyLoaded, demo_event_day, load_demo
from oneteam.events.models import Event, Registration, Room, Slot
from oneteam.members.models import Profile
from oneteam.programme.models import EventProgramme, Interest, Session
from oneteam.programme.services import interest_set
from oneteam.timetable.selectors import current_version, version_placements

TODAY = date(2026, 3, 4)  # a Wednesday


@pytest.fixture
def demo(db):
    return load_demo(today=TODAY)


def test_demo_event_day_is_first_saturday_three_weeks_on():
    assert [demo_event_day(date(2026, 3, 4)), demo_event_day(date(2026, 3, 7))] == [
        date(2026, 3, 28),
        date(2026, 3, 28),
    ]


@pytest.mark.django_db
def test_load_demo_counts(demo):
    event = demo.event

    assert (
        User.objects.count(),
        Profile.objects.filter(is_demo=True).count(),
        Room.objects.filter(event=event).count(),
        Slot.objects.filter(event=event).count(),
        Session.objects.filter(event=event).count(),
    ) == (60, 60, 5, 6, 20)
    assert Slot.objects.filter(event=event, kind=Slot.Kind.SESSIONS).count() == 4
    assert Room.objects.filter(event=event, step_free=False).count() == 1
    assert (
        Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count() == 60
    )
    assert Interest.objects.filter(session__event=event).count() == demo.interests > 100


@pytest.mark.django_db
def test_load_demo_event_is_published_demo_unconference_three_weeks_ahead(demo):
    event = Event.objects.get(pk=demo.event.pk)

    assert (event.status, event.format, event.is_demo, event.chapter.is_demo) == (
        Event.Status.PUBLISHED,
        Event.Format.UNCONFERENCE,
        True,
        True,
    )
    assert event.starts_at.date() == date(2026, 3, 28)
    assert "(demo)" in event.title


@pytest.mark.django_db
def test_load_demo_spreads_members_over_every_discipline(demo):
    spread = Counter(Profile.objects.values_list("discipline__slug", flat=True))

    assert len(spread) == 8
    assert min(spread.values()) >= 3


@pytest.mark.django_db
def test_load_demo_known_accounts_have_their_roles(demo):
    member = User.objects.get(email=MEMBER.email)
    organiser = User.objects.get(email=ORGANISER.email)
    moderator = User.objects.get(email=MODERATOR.email)

    assert member.profile.discipline.slug == "policy"
    assert ChapterMembership.objects.get(user=organiser, chapter=demo.chapter).role == (
        ChapterMembership.Role.ORGANISER
    )
    assert ChapterMembership.objects.filter(role=ChapterMembership.Role.ORGANISER).count() == 1
    assert [member.is_moderator, organiser.is_moderator, moderator.is_moderator] == [
        False,
        False,
        True,
    ]


@pytest.mark.django_db
def test_load_demo_known_accounts_can_sign_in_by_verified_email(demo):
    from allauth.account.models import EmailAddress

    verified = EmailAddress.objects.filter(
        email__in=[MEMBER.email, ORGANISER.email, MODERATOR.email], verified=True, primary=True
    )

    assert verified.count() == 3


@pytest.mark.django_db
def test_load_demo_sessions_cover_scheduling_cases(demo):
    sessions = Session.objects.filter(event=demo.event).prefetch_related(
        "hosts", "unavailable_slots"
    )
    host_counts = Counter(host.pk for session in sessions for host in session.hosts.all())

    assert max(host_counts.values()) == 2
    assert all(session.hosts.exists() for session in sessions)
    assert sum(session.needs_step_free for session in sessions) == 3
    assert [s.title for s in sessions if s.unavailable_slots.all()] == [
        "Rolling out change to 500 offices"
    ]


@pytest.mark.django_db
def test_load_demo_interest_is_skewed_towards_a_few_sessions(demo):
    counts = sorted(
        Counter(
            Interest.objects.filter(session__event=demo.event).values_list("session", flat=True)
        ).values(),
        reverse=True,
    )

    assert counts[0] >= 3 * counts[-1]


@pytest.mark.django_db
def test_load_demo_refuses_a_second_load(demo):
    with pytest.raises(DemoAlreadyLoaded):
        load_demo(today=TODAY)

    assert User.objects.count() == 60


@pytest.mark.django_db
def test_load_demo_is_deterministic_across_fresh_databases():
    digests = []
    for _ in range(2):
        with transaction.atomic():
            load_demo(today=TODAY)
            digests.append(demo_digest())
            transaction.set_rollback(True)  # back to an empty database for the next load

    assert User.objects.count() == 0
    assert digests[0] == digests[1]


@pytest.mark.django_db
def test_demo_digest_changes_when_content_changes(demo):
    before = demo_digest()
    Session.objects.filter(event=demo.event).first().interests.first().delete()

    assert demo_digest() != before


@pytest.mark.django_db
def test_load_demo_runs_well_under_ten_seconds(db):
    started = time.perf_counter()

    load_demo(today=TODAY)

    assert time.perf_counter() - started < 5


@pytest.mark.django_db
def test_demo_command_if_empty_loads_into_empty_database(capsys):
    call_command("demo", "--if-empty")

    assert User.objects.count() == 60
    assert "Loaded the demo" in capsys.readouterr().out


@pytest.mark.django_db
def test_demo_command_if_empty_does_nothing_when_users_exist(member, capsys):
    call_command("demo", "--if-empty")

    assert User.objects.count() == 1
    assert "already has users" in capsys.readouterr().out


@pytest.mark.django_db
def test_demo_command_refuses_when_demo_already_loaded(demo):
    with pytest.raises(CommandError, match="already loaded"):
        call_command("demo")

    assert User.objects.count() == 60


@pytest.mark.django_db
def test_demo_command_loads_alongside_existing_users(member):
    call_command("demo")

    assert User.objects.count() == 61


@pytest.mark.django_db
def test_demo_pages_show_demo_tag(demo, client):
    member = User.objects.get(email=MEMBER.email)
    client.force_login(member)

    directory = client.get(reverse("members:directory")).content.decode()
    profile = client.get(reverse("members:profile", kwargs={"handle": "priya-shah"}))

    assert directory.count(">Demo</strong>") == 24
    assert ">Demo</strong>" in profile.content.decode()


@pytest.mark.django_db
def test_demo_command_if_empty_leaves_a_demo_chapter_without_users(demo, capsys):
    User.objects.all().delete()

    call_command("demo", "--if-empty")

    assert User.objects.count() == 0
    assert "already there" in capsys.readouterr().out


@pytest.mark.django_db
def test_load_demo_publishes_a_grid_with_every_session_placed(demo):
    version = current_version(event=demo.event)
    placed = version_placements(version=version)

    assert (version.number, version.published_at is not None) == (1, True)
    assert sorted(placed) == sorted(
        Session.objects.filter(event=demo.event).values_list("pk", flat=True)
    )


@pytest.mark.django_db
def test_load_demo_grid_is_the_same_on_every_load():
    grids = []
    for _ in range(2):
        with transaction.atomic():
            summary = load_demo(today=TODAY)
            titles = {
                Session.objects.get(pk=pk).title: (Room.objects.get(pk=r).name, t)
                for pk, (r, t) in version_placements(
                    version=current_version(event=summary.event)
                ).items()
            }
            slot_starts = dict(Slot.objects.values_list("pk", "starts_at"))
            grids.append({k: (room, slot_starts[t]) for k, (room, t) in titles.items()})
            transaction.set_rollback(True)

    assert grids[0] == grids[1]


@pytest.mark.django_db
def test_load_demo_keeps_interest_open_beside_the_published_grid(demo):
    # The demo member marks no interest, so a first mark on the published demo is counted.
    member = User.objects.get(email=MEMBER.email)
    session = Session.objects.filter(event=demo.event).order_by("pk").first()

    state = interest_set(session=session, user=member, interested=True)

    assert current_version(event=demo.event) is not None
    assert EventProgramme.objects.get(event=demo.event).interest_open is True
    assert state.interested and Interest.objects.filter(session=session, user=member).exists()
