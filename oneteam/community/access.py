"""Look up community objects and check access in one step: what the viewer may not see is a 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from oneteam.community import rules
from oneteam.community.models import Post, Space, Thread
from oneteam.members.models import Profile


def get_space_for_viewer(request: HttpRequest, slug: str) -> Space:
    space = get_object_or_404(Space.objects.select_related("chapter"), slug=slug)
    if not rules.can_see_space(request.user, space):
        raise Http404
    return space


def get_thread_for_viewer(request: HttpRequest, pk: int) -> Thread:
    thread = get_object_or_404(Thread.objects.select_related("space__chapter"), pk=pk)
    if not rules.can_see_space(request.user, thread.space):
        raise Http404
    return thread


def get_post_for_viewer(request: HttpRequest, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread__space"), pk=pk)
    if not rules.can_see_space(request.user, post.thread.space):
        raise Http404
    return post


def get_post_for_moderator(request: HttpRequest, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread__space", "author__profile"), pk=pk)
    if not rules.moderates_space(request.user, post.thread.space):
        raise Http404
    return post


def get_member_profile(handle: str) -> Profile:
    return get_object_or_404(Profile.objects.select_related("user"), handle=handle)
