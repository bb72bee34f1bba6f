"""Look up a chapter and check access in one step: what the user may not manage is a 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from oneteam.chapters.models import Chapter
from oneteam.chapters.rules import can_manage_chapter


def get_chapter(slug: str) -> Chapter:
    return get_object_or_404(Chapter, slug=slug)


def get_chapter_for_organiser(request: HttpRequest, slug: str) -> Chapter:
    chapter = get_object_or_404(Chapter, slug=slug)
    if not can_manage_chapter(request.user, chapter):
        raise Http404
    return chapter
