"""Atom: new notes from a chapter's events, for feed readers. Public, so names only for open
sessions; content through the shared sanitiser; control characters (invalid XML) removed."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _

from oneteam.chapters.models import Chapter
from oneteam.core.markdown import render_markdown
from oneteam.events.models import Event, PrivacyMode
from oneteam.outcomes.models import SessionNotes
from oneteam.outcomes.text import clean_text


class ChapterNotesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, chapter_slug: str) -> Chapter:
        return get_object_or_404(Chapter, slug=chapter_slug)

    def title(self, chapter: Chapter) -> str:
        return _("Session notes from One Team %(chapter)s") % {"chapter": chapter.name}

    def link(self, chapter: Chapter) -> str:
        return reverse("chapters:detail", kwargs={"slug": chapter.slug})

    def subtitle(self, chapter: Chapter) -> str:
        return _("Notes and summaries from the sessions of the chapter events.")

    def items(self, chapter: Chapter) -> list[SessionNotes]:
        return list(
            SessionNotes.objects.filter(
                session__event__chapter=chapter,
                session__event__status=Event.Status.PUBLISHED,
                updated_at__isnull=False,
            )
            .select_related("session__event")
            .order_by("-updated_at")[:50]
        )

    def item_title(self, item: SessionNotes) -> str:
        return clean_text(f"{item.session.title} ({item.session.event.title})")

    def item_description(self, item: SessionNotes) -> str:
        # Never names: no author element; the privacy mode in words, then the notes (or, off
        # the record, the summary) only.
        session = item.session
        text = item.summary if session.privacy == PrivacyMode.OFF_THE_RECORD else item.text
        privacy = format_html("<p>{}</p>", session.get_privacy_display())
        return clean_text(privacy + str(render_markdown(text)))

    def item_link(self, item: SessionNotes) -> str:
        return reverse(
            "outcomes:notes",
            kwargs={"event_slug": item.session.event.slug, "pk": item.session_id},
        )

    def item_updateddate(self, item: SessionNotes) -> datetime | None:
        return item.updated_at

    def item_pubdate(self, item: SessionNotes) -> datetime | None:
        return item.updated_at
