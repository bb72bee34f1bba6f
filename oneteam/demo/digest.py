"""A fingerprint of the demo content that ignores primary keys and clock-stamped columns, so
two loads into two databases can be compared."""

from __future__ import annotations

import hashlib
import json

from oneteam.demo import data
from oneteam.events.models import Event
from oneteam.members.models import Profile
from oneteam.programme.models import Interest, Session


def demo_digest() -> str:
    event = Event.objects.select_related("chapter").get(slug=data.EVENT["slug"])
    chapter = event.chapter
    content = {
        "chapter": [chapter.slug, chapter.name, chapter.region, chapter.description],
        "members": sorted(
            Profile.objects.filter(user__email__endswith=f"@{data.DEMO_DOMAIN}").values_list(
                "user__email",
                "user__is_moderator",
                "handle",
                "display_name",
                "pronouns",
                "discipline__slug",
                "organisation",
                "role",
                "ask_me_about",
                "working_to_change",
                "visibility",
                "is_demo",
            )
        ),
        "memberships": sorted(chapter.memberships.values_list("user__email", "role")),
        "event": [
            event.title,
            event.description,
            event.starts_at.isoformat(),
            event.ends_at.isoformat(),
            event.venue_name,
            event.capacity,
            event.status,
        ],
        "rooms": sorted(event.rooms.values_list("name", "capacity", "step_free", "notes")),
        "slots": sorted(
            (slot.starts_at.isoformat(), slot.ends_at.isoformat(), slot.kind, slot.label)
            for slot in event.slots.all()
        ),
        "registrations": sorted(
            (email, status, discipline, organisation, queued.isoformat())
            for email, status, discipline, organisation, queued in event.registrations.values_list(
                "user__email", "status", "discipline__slug", "organisation", "queued_at"
            )
        ),
        "sessions": sorted(
            (
                session.title,
                session.description,
                session.format,
                session.privacy,
                session.needs_step_free,
                sorted(host.email for host in session.hosts.all()),
                sorted(slot.label for slot in session.unavailable_slots.all()),
            )
            for session in Session.objects.filter(event=event).prefetch_related(
                "hosts", "unavailable_slots"
            )
        ),
        "interests": sorted(
            Interest.objects.filter(session__event=event).values_list(
                "session__title", "user__email"
            )
        ),
    }
    encoded = json.dumps(content, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()
