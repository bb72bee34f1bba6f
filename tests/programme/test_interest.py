from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oneteam.programme import selectors
from oneteam.programme.models import Interest, Session
from oneteam.programme.selectors import InterestTally
from tests.programme.conftest import make_session, set_programme

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _interest_url(session) -> str:
    return reverse(
        "programme:interest", kwargs={"event_slug": session.event.slug, "pk": session.pk}
    )


def _list_url(event) -> str:
    return reverse("programme:session_list", kwargs={"event_slug": event.slug})


def test_interest_plain_post_marks_and_returns_to_the_session(client, attendee, pitch):
    client.force_login(attendee)

    response = client.post(_interest_url(pitch), {"interested": "true"})

    assert response.status_code == 302
    assert response["Location"] == f"{_list_url(pitch.event)}#session-{pitch.pk}"
    assert list(Interest.objects.values_list("session", "user")) == [(pitch.pk, attendee.pk)]


def test_interest_repeated_post_counts_once(client, attendee, pitch):
    client.force_login(attendee)

    client.post(_interest_url(pitch), {"interested": "true"})
    client.post(_interest_url(pitch), {"interested": "true"})

    assert Interest.objects.filter(session=pitch).count() == 1


def test_interest_removed_then_removed_again_stays_removed(client, attendee, pitch):
    client.force_login(attendee)
    client.post(_interest_url(pitch), {"interested": "true"})

    client.post(_interest_url(pitch), {"interested": "false"})
    client.post(_interest_url(pitch), {"interested": "false"})

    assert Interest.objects.filter(session=pitch).count() == 0


def test_interest_duplicate_row_is_refused_by_the_database(attendee, pitch):
    Interest.objects.create(session=pitch, user=attendee)

    with pytest.raises(IntegrityError), transaction.atomic():
        Interest.objects.create(session=pitch, user=attendee)


def test_interest_htmx_post_returns_card_with_new_count(client, attendee, second_attendee, pitch):
    Interest.objects.create(session=pitch, user=second_attendee)
    client.force_login(attendee)

    response = client.post(_interest_url(pitch), {"interested": "true"}, headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<div class="govuk-summary-card" id="session-{pitch.pk}">')
    assert "2 people interested" in html
    assert "Remove my interest" in html
    assert 'id="dots" aria-live="polite" hx-swap-oob="innerHTML"' in html
    assert html.count("hx-swap-oob") == 1  # only the dots: the count stays inside the card
    assert "<html" not in html


def test_interest_in_withdrawn_session_is_refused_by_name(client, attendee, pitch):
    pitch.status = Session.Status.WITHDRAWN
    pitch.save()
    client.force_login(attendee)

    response = client.post(_interest_url(pitch), {"interested": "true"}, follow=True)

    assert Interest.objects.count() == 0
    assert [str(m) for m in response.context["messages"]] == [
        "“Open policy making” was withdrawn, so you cannot mark interest in it"
    ]


def test_interest_over_the_dot_budget_is_refused(client, event, attendee, second_attendee, pitch):
    set_programme(event, dot_budget=1)
    other = make_session(event, second_attendee, title="Second idea")
    client.force_login(attendee)
    Interest.objects.create(session=pitch, user=attendee)

    response = client.post(_interest_url(other), {"interested": "true"}, follow=True)

    assert list(Interest.objects.values_list("session", flat=True)) == [pitch.pk]
    assert [str(m) for m in response.context["messages"]] == [
        "You have used your 1 dot: remove one to mark this session"
    ]


def test_interest_htmx_over_budget_shows_the_error_in_the_card(
    client, event, attendee, second_attendee, pitch
):
    set_programme(event, dot_budget=1)
    other = make_session(event, second_attendee, title="Second idea")
    Interest.objects.create(session=pitch, user=attendee)
    client.force_login(attendee)

    response = client.post(_interest_url(other), {"interested": "true"}, headers=HTMX)

    assert "You have used your 1 dot: remove one to mark this session" in response.content.decode()
    assert Interest.objects.filter(session=other).count() == 0


def test_interest_after_interest_closed_is_refused(client, event, attendee, pitch):
    Interest.objects.create(session=pitch, user=attendee)
    set_programme(event, interest_open=False)
    client.force_login(attendee)

    client.post(_interest_url(pitch), {"interested": "false"})

    assert Interest.objects.filter(session=pitch, user=attendee).count() == 1


def test_session_list_after_interest_closed_says_so_and_offers_no_button(
    client, event, attendee, pitch
):
    set_programme(event, interest_open=False)
    client.force_login(attendee)

    page = client.get(_list_url(event)).content.decode()

    assert "Interest is closed." in page
    assert _interest_url(pitch) not in page


def test_session_list_links_back_to_the_event(client, event, attendee):
    client.force_login(attendee)

    page = client.get(_list_url(event)).content.decode()

    event_url = reverse("events:detail", kwargs={"slug": event.slug})
    assert f'<a href="{event_url}" class="govuk-back-link">' in page


def test_interest_by_member_without_a_place_is_refused(client, member, pitch):
    client.force_login(member)

    client.post(_interest_url(pitch), {"interested": "true"})

    assert Interest.objects.count() == 0


def test_interest_get_is_not_allowed(client, attendee, pitch):
    client.force_login(attendee)

    response = client.get(_interest_url(pitch), {"interested": "true"})

    assert response.status_code == 405
    assert Interest.objects.count() == 0


def test_interest_next_outside_the_site_is_ignored(client, attendee, pitch):
    client.force_login(attendee)

    response = client.post(
        _interest_url(pitch), {"interested": "true", "next": "https://evil.example/"}
    )

    assert response["Location"] == f"{_list_url(pitch.event)}#session-{pitch.pk}"


def test_session_list_shows_own_choices_and_counts(client, event, attendee, second_attendee, pitch):
    quiet = make_session(event, second_attendee, title="Quiet one")
    Interest.objects.create(session=pitch, user=attendee)
    client.force_login(attendee)

    response = client.get(_list_url(event))

    by_title = {s.title: (s.interest_count, s.is_interested) for s in response.context["sessions"]}
    assert by_title == {"Open policy making": (1, True), quiet.title: (0, False)}
    assert "You\N{RIGHT SINGLE QUOTATION MARK}re interested" in response.content.decode()


def test_my_choices_lists_only_what_i_marked(client, event, attendee, second_attendee, pitch):
    make_session(event, second_attendee, title="Not for me")
    Interest.objects.create(session=pitch, user=attendee)
    client.force_login(attendee)

    response = client.get(reverse("programme:my_choices", kwargs={"event_slug": event.slug}))

    assert [s.title for s in response.context["sessions"]] == ["Open policy making"]


def _list_queries(client, event) -> int:
    with CaptureQueriesContext(transaction.get_connection()) as queries:
        response = client.get(_list_url(event))
    assert response.status_code == 200
    return len(queries)


def test_session_list_queries_do_not_grow_with_sessions(client, event, attendee, second_attendee):
    client.force_login(attendee)
    client.get(_list_url(event))  # the first request of a session also records the sign-in
    make_session(event, second_attendee, title="One")
    one = _list_queries(client, event)
    make_session(event, second_attendee, attendee, title="Two")
    make_session(event, second_attendee, title="Three")

    three = _list_queries(client, event)

    assert three == one


def test_session_list_counts_poll_returns_every_count_out_of_band(
    client, event, attendee, second_attendee, pitch
):
    quiet = make_session(event, second_attendee, title="Quiet one")
    Interest.objects.create(session=pitch, user=attendee)
    Interest.objects.create(session=pitch, user=second_attendee)
    client.force_login(attendee)

    response = client.get(_list_url(event), {"fragment": "counts"}, headers=HTMX)

    html = response.content.decode()
    assert "<html" not in html
    assert f'id="count-{pitch.pk}" hx-swap-oob="true">2 people interested</p>' in html
    assert f'id="count-{quiet.pk}" hx-swap-oob="true">0 people interested</p>' in html


def test_interest_htmx_removal_shows_the_new_count_and_dots(
    client, event, attendee, second_attendee, pitch
):
    set_programme(event, dot_budget=3)
    Interest.objects.create(session=pitch, user=attendee)
    Interest.objects.create(session=pitch, user=second_attendee)
    client.force_login(attendee)

    response = client.post(_interest_url(pitch), {"interested": "false"}, headers=HTMX)

    html = response.content.decode()
    assert "1 person interested" in html
    assert "I\N{RIGHT SINGLE QUOTATION MARK}m interested" in html
    assert "You have used 0 of your 3 dots." in html


def test_interest_htmx_repeated_mark_keeps_count_and_dots(client, event, attendee, pitch):
    client.force_login(attendee)
    client.post(_interest_url(pitch), {"interested": "true"}, headers=HTMX)

    response = client.post(_interest_url(pitch), {"interested": "true"}, headers=HTMX)

    html = response.content.decode()
    assert "1 person interested" in html
    assert "You are interested in 1 session." in html


def test_interest_htmx_toggle_queries_are_pinned(
    client, event, attendee, pitch, django_assert_num_queries
):
    set_programme(event, dot_budget=3)
    client.force_login(attendee)
    client.post(_interest_url(pitch), {"interested": "false"}, headers=HTMX)  # records sign-in

    # The Django session, the user, the session with its event and programme, the member's
    # registration lock, one tally, the write, the hosts; and the transaction's savepoint
    # and release (BEGIN and COMMIT outside tests). It was 14 before this was counted.
    for wanted in ("true", "false"):
        with django_assert_num_queries(9):
            client.post(_interest_url(pitch), {"interested": wanted}, headers=HTMX)


def test_interest_tally_matches_the_orm_counts(event, small_event, attendee, second_attendee):
    marked = make_session(event, second_attendee, title="Marked")
    unmarked = make_session(event, second_attendee, title="Unmarked")
    withdrawn = make_session(event, second_attendee, title="Withdrawn")
    elsewhere = make_session(small_event, second_attendee, title="Other event")
    for session in (marked, withdrawn, elsewhere):
        Interest.objects.create(session=session, user=attendee)
    Interest.objects.create(session=marked, user=second_attendee)
    Interest.objects.create(session=unmarked, user=second_attendee)
    withdrawn.status = Session.Status.WITHDRAWN
    withdrawn.save()

    tallies = {
        s.title: selectors.interest_tally(session=s, user=attendee) for s in (marked, unmarked)
    }

    dots = selectors.dots_used(event=event, user=attendee)
    assert tallies == {
        "Marked": InterestTally(interest_count=2, dots_used=dots, mine=1),
        "Unmarked": InterestTally(interest_count=1, dots_used=dots, mine=0),
    }
    assert dots == 1
