"""Pitching, editing, withdrawing and merging sessions, and the event's programme settings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from oneteam.core.fields import max_length
from oneteam.events.models import Event, Slot
from oneteam.events.selectors import is_confirmed_attendee
from oneteam.members.selectors import has_display_name
from oneteam.members.services import profile_display_name_set
from oneteam.programme import rules
from oneteam.programme.models import EventProgramme, Interest, Session
from oneteam.programme.selectors import programme_for

if TYPE_CHECKING:
    from oneteam.accounts.models import User

TITLE_MAX = max_length(Session, "title")
DESCRIPTION_MAX = max_length(Session, "description")
GUEST_HOST_MAX = max_length(Session, "guest_host_name")


def _clean_text(*, title: str, description: str) -> tuple[str, str]:
    title = (title or "").strip()
    description = (description or "").strip()
    if not title:
        raise ValidationError({"title": _("Enter a title for the session")})
    if len(title) > TITLE_MAX:
        raise ValidationError(
            {"title": _("Title must be %(max)d characters or fewer") % {"max": TITLE_MAX}}
        )
    if len(description) > DESCRIPTION_MAX:
        raise ValidationError(
            {
                "description": _("Description must be %(max)d characters or fewer")
                % {"max": DESCRIPTION_MAX}
            }
        )
    return title, description


def _clean_guest_host(name: str) -> str:
    name = " ".join((name or "").split())
    if len(name) > GUEST_HOST_MAX:
        raise ValidationError(
            {
                "hosts": _("Names of hosts must be %(max)d characters or fewer")
                % {"max": GUEST_HOST_MAX}
            }
        )
    return name


def _check_hosts(*, event: Event, hosts: list[User], guest_host_name: str, kept: set[int]) -> None:
    """Hosts are confirmed attendees; one newly named must have a name others can see (hosts
    already on the session, `kept`, are let be)."""
    if not hosts and not guest_host_name:
        raise ValidationError({"hosts": _("Enter at least one host")})
    if any(host.pk not in kept and not has_display_name(host) for host in hosts):
        raise ValidationError(
            {"hosts": _("Every host needs a name others can see: ask them to add one")}
        )
    for host in hosts:
        if not is_confirmed_attendee(event=event, user=host):
            raise ValidationError(
                {"hosts": _("%(name)s is not registered for this event") % {"name": host}}
            )


def _check_slots(*, event: Event, slots: list[Slot]) -> None:
    if any(slot.event_id != event.pk for slot in slots):
        raise ValidationError({"unavailable_slots": _("Choose time slots of this event")})


@dataclass(frozen=True, kw_only=True)
class PitchDetails:
    """What a pitch says: asked for by the pitch form, the same for a new pitch and a change."""

    hosts: Sequence[User]
    title: str
    # Someone without an account hosting (organisers pitch for them by name).
    guest_host_name: str = ""
    description: str = ""
    format: str = Session.Format.DISCUSSION
    language: str = "en"
    # None: the event's default privacy.
    privacy: str | None = None
    needs_step_free: bool = False
    unavailable_slots: Sequence[Slot] = ()


def _save_details(session: Session, details: PitchDetails) -> Session:
    """Check the details, write them onto the session and save it with its hosts and slots."""
    event = session.event
    hosts, unavailable_slots = list(details.hosts), list(details.unavailable_slots)
    session.title, session.description = _clean_text(
        title=details.title, description=details.description
    )
    guest_host_name = _clean_guest_host(details.guest_host_name)
    kept = set(session.hosts.values_list("pk", flat=True)) if session.pk else set()
    _check_hosts(event=event, hosts=hosts, guest_host_name=guest_host_name, kept=kept)
    _check_slots(event=event, slots=unavailable_slots)
    session.format = details.format
    session.language = details.language
    if details.privacy is not None:
        session.privacy = details.privacy
    elif not session.pk:
        session.privacy = event.default_privacy
    session.needs_step_free = details.needs_step_free
    session.guest_host_name = guest_host_name
    session.full_clean(exclude=["hosts", "unavailable_slots"])
    with transaction.atomic():
        session.save()
        session.hosts.set(hosts)
        session.unavailable_slots.set(unavailable_slots)
    return session


def session_pitch(
    *, event: Event, pitched_by: User, details: PitchDetails, pitcher_name: str = ""
) -> Session:
    """Pitch a session. Attendees pitch while pitching is open and host what they pitch;
    organisers may pitch at any time on behalf of other attendees (proxy pitching), including
    someone without an account, named by `details.guest_host_name`.

    `pitcher_name` is the name the pitcher gives when their profile has none: saved with the
    pitch, or not at all if the pitch is refused."""
    if not rules.is_organiser(user=pitched_by, event=event):
        if not programme_for(event=event).pitching_open:
            raise ValidationError(_("Pitching has closed for this event"))
        if pitched_by not in details.hosts:
            raise ValidationError({"hosts": _("You must be one of the hosts of your own pitch")})
        if details.guest_host_name.strip():
            raise ValidationError(
                {"hosts": _("Only organisers can pitch for someone without an account")}
            )
    with transaction.atomic():
        if pitcher_name.strip():
            profile_display_name_set(user=pitched_by, display_name=pitcher_name)
        return _save_details(Session(event=event, pitched_by=pitched_by), details)


def session_update(*, session: Session, details: PitchDetails) -> Session:
    """Change a pitch (by a host or an organiser: the view checks which).

    Its privacy is kept: once notes exist, a change of privacy must be confirmed and takes names
    out of the notes' history, so it is made only on the notes' own privacy page."""
    if session.status != Session.Status.PITCHED:
        raise ValidationError(_("This session was withdrawn or merged and cannot be changed"))
    return _save_details(session, replace(details, privacy=None))


def _leave_live_views(session: Session) -> None:
    """A session that stops being pitched is no longer the live pitch or Lean Coffee topic."""
    EventProgramme.objects.filter(current_pitch=session).update(current_pitch=None)
    EventProgramme.objects.filter(current_topic=session).update(
        current_topic=None, current_topic_ends_at=None
    )


@transaction.atomic
def session_withdraw(*, session: Session) -> Session:
    """Withdraw a pitch. Interests are kept (so nothing is lost if it is re-pitched by an
    organiser later) but no longer count against anyone's dots."""
    if session.status != Session.Status.PITCHED:
        raise ValidationError(_("This session is no longer pitched"))
    session.status = Session.Status.WITHDRAWN
    session.save(update_fields=["status"])
    _leave_live_views(session)
    return session


@transaction.atomic
def session_merge(*, duplicate: Session, into: Session) -> Session:
    """Merge a duplicate pitch into another: hosts, unavailable slots and step-free needs are
    combined, every interest moves over (once per person), and the duplicate redirects."""
    locked = {
        s.pk: s for s in Session.objects.select_for_update().filter(pk__in=[duplicate.pk, into.pk])
    }
    if duplicate.pk == into.pk:
        raise ValidationError({"into": _("Choose a different session to merge into")})
    if duplicate.event_id != into.event_id:
        raise ValidationError({"into": _("Choose a session of the same event")})
    duplicate, into = locked[duplicate.pk], locked[into.pk]
    for session, field in ((duplicate, "duplicate"), (into, "into")):
        if session.status != Session.Status.PITCHED:
            raise ValidationError(
                {field: _("“%(title)s” is no longer pitched") % {"title": session.title}}
            )
    into.hosts.add(*duplicate.hosts.all())
    into.unavailable_slots.add(*duplicate.unavailable_slots.all())
    # ON CONFLICT DO NOTHING: someone interested in both keeps exactly one interest.
    interested_ids = duplicate.interests.values_list("user_id", flat=True)
    Interest.objects.bulk_create(
        [Interest(session=into, user_id=user_id) for user_id in interested_ids],
        ignore_conflicts=True,
    )
    duplicate.interests.all().delete()
    if duplicate.needs_step_free and not into.needs_step_free:
        into.needs_step_free = True
        into.save(update_fields=["needs_step_free"])
    duplicate.status = Session.Status.MERGED
    duplicate.merged_into = into
    duplicate.save(update_fields=["status", "merged_into"])
    _leave_live_views(duplicate)
    return into


@transaction.atomic
def programme_update(
    *,
    event: Event,
    pitching_open: bool,
    dot_budget: int | None,
    interest_open: bool,
    timebox_minutes: int = 8,
    extension_minutes: int = 4,
) -> EventProgramme:
    programme, _created = EventProgramme.objects.select_for_update().get_or_create(event=event)
    programme.pitching_open = pitching_open
    programme.dot_budget = dot_budget
    programme.interest_open = interest_open
    programme.timebox_minutes = timebox_minutes
    programme.extension_minutes = extension_minutes
    programme.full_clean()
    programme.save()
    return programme
