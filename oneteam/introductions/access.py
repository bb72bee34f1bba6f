"""Look up and check access in one step: 404 for what the viewer may not see or change."""

from __future__ import annotations

from django.core import signing
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from oneteam.accounts.auth import signed_in_user
from oneteam.chapters.models import Chapter
from oneteam.core.params import parse_slug
from oneteam.introductions import rules, selectors, tokens
from oneteam.introductions.models import Introduced, Round


def get_own_introduced(request: HttpRequest, pk: int) -> Introduced:
    """The signed-in member's place in introduction `pk`; 404 if they are not in it."""
    introduced = selectors.introduction_for(signed_in_user(request), pk)
    if introduced is None:
        raise Http404
    return introduced


def get_introduced_from_token(token: str) -> Introduced:
    """The place a follow-up link names; raises tokens.LinkExpired for an old link."""
    try:
        pk = tokens.read_follow_up_token(token)
    except signing.BadSignature:
        raise Http404 from None
    return get_object_or_404(
        Introduced.objects.select_related("introduction", "user__profile"), pk=pk
    )


def get_scope_for_organiser(request: HttpRequest, key: str) -> Chapter | None:
    """The scope named by a form ("community" or a chapter's slug), if the user may open its
    rounds; 404 otherwise."""
    if parse_slug(key) is None:
        raise Http404
    chapter = None if key == "community" else Chapter.objects.filter(slug=key).first()
    if key != "community" and chapter is None:
        raise Http404
    if not rules.can_open_round(request.user, chapter):
        raise Http404
    return chapter


def get_round_for_organiser(request: HttpRequest, pk: int) -> Round:
    round_ = get_object_or_404(Round.objects.select_related("chapter"), pk=pk)
    if not rules.can_open_round(request.user, round_.chapter):
        raise Http404
    return round_
