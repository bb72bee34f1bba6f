"""Spaces, threads and replies: reading and posting."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from oneteam.accounts.auth import signed_in_user
from oneteam.chapters.access import get_chapter_for_organiser
from oneteam.community import rules, selectors, services
from oneteam.community.access import (
    get_member_profile,
    get_post_for_viewer,
    get_space_for_viewer,
    get_thread_for_viewer,
)
from oneteam.community.forms import (
    ConductForm,
    EditForm,
    InviteForm,
    NotificationSettingsForm,
    PrivateSpaceForm,
    ReplyForm,
    SearchForm,
    SpaceSettingsForm,
    ThreadForm,
)
from oneteam.community.models import NotificationSettings, Reaction
from oneteam.community.views.common import member_required, safe_next, to_conduct
from oneteam.core.forms import add_service_errors
from oneteam.core.htmx import is_htmx
from oneteam.core.params import parse_id


@require_safe
@member_required
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "spaces": selectors.visible_spaces(signed_in_user(request)),
        "needs_conduct": not selectors.has_accepted_current_code(signed_in_user(request)),
        "is_moderator": rules.is_any_moderator(signed_in_user(request)),
        "organised": selectors.organised_chapters(signed_in_user(request)),
    }
    return render(request, "community/home.html", context)


@member_required
def conduct(request: HttpRequest) -> HttpResponse:
    code = selectors.current_code()
    back = safe_next(request, "")
    already = code is not None and selectors.has_accepted_current_code(signed_in_user(request))
    if request.method != "POST" and back and (code is None or already):
        # Joining (or a gate) sent them here with nothing left to accept: carry on.
        return redirect(back)
    if code is None:
        raise Http404
    form = ConductForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.conduct_accept(user=signed_in_user(request), code=code)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you for accepting the code of conduct."))
            return redirect(safe_next(request, reverse("community:home")))
    context = {
        "code": code,
        "form": form,
        "accepted": already,
        "next": back,
    }
    return render(request, "community/conduct.html", context)


@require_safe
@member_required
def space_detail(request: HttpRequest, slug: str) -> HttpResponse:
    space = get_space_for_viewer(request, slug)
    cursor = selectors.ThreadCursor.decode(request.GET.get("before"))
    page = selectors.space_threads(space=space, viewer=signed_in_user(request), cursor=cursor)
    context = {
        "space": space,
        "page": page,
        "can_manage": rules.can_manage_space(signed_in_user(request), space),
    }
    return render(request, "community/space.html", context)


@member_required
def thread_create(request: HttpRequest, slug: str) -> HttpResponse:
    space = get_space_for_viewer(request, slug)
    if not selectors.has_accepted_current_code(signed_in_user(request)):
        return to_conduct(request)
    form = ThreadForm(
        request.POST if request.method == "POST" else None, allow_anonymous=space.allow_anonymous
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            thread = services.thread_create(
                space=space,
                user=signed_in_user(request),
                title=data["title"],
                body=data["body"],
                anonymous=data.get("anonymous", False),
                chatham_house=data["chatham_house"],
            )
        except services.ConductNotAccepted:
            return to_conduct(request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your thread is posted."))
            return redirect("community:thread", pk=thread.pk)
    return render(request, "community/thread_form.html", {"space": space, "form": form})


def _thread_context(request: HttpRequest, thread_pk: int, form: ReplyForm | None = None) -> dict:
    thread = get_thread_for_viewer(request, thread_pk)
    moderator = rules.moderates_space(signed_in_user(request), thread.space)
    page = selectors.thread_posts(
        thread=thread,
        viewer=signed_in_user(request),
        moderator=moderator,
        after=parse_id(request.GET.get("after")),
    )
    return {
        "thread": thread,
        "space": thread.space,
        "page": page,
        "is_moderator": moderator,
        "form": form or ReplyForm(allow_anonymous=thread.space.allow_anonymous),
    }


@require_safe
@member_required
def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = _thread_context(request, pk)
    shown = context["page"].posts
    if shown:
        # Reading is the one write a page view makes: the marker moves to what was shown.
        services.thread_mark_read(thread_id=pk, user=signed_in_user(request), post_id=shown[-1].pk)
    return render(request, "community/thread.html", context)


@require_POST
@member_required
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    thread = get_thread_for_viewer(request, pk)
    following = request.POST.get("following", "true") != "false"
    services.follow_set(thread=thread, user=signed_in_user(request), following=following)
    if following:
        messages.success(request, _("You follow this thread: we will email you about replies."))
    else:
        messages.success(request, _("You no longer follow this thread."))
    return redirect("community:thread", pk=thread.pk)


@member_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    current = NotificationSettings.objects.filter(user=signed_in_user(request)).first()
    initial = {
        "email_replies": current.email_replies if current else True,
        "daily_digest": current.daily_digest if current else False,
    }
    form = NotificationSettingsForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        services.notification_settings_set(user=signed_in_user(request), **form.cleaned_data)
        messages.success(request, _("Your email settings are saved."))
        return redirect("community:settings")
    return render(request, "community/settings.html", {"form": form})


@require_POST
@member_required
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    thread = get_thread_for_viewer(request, pk)
    form = ReplyForm(request.POST, allow_anonymous=thread.space.allow_anonymous)
    if form.is_valid():
        try:
            post = services.reply_create(
                thread=thread,
                user=signed_in_user(request),
                body=form.cleaned_data["body"],
                anonymous=form.cleaned_data.get("anonymous", False),
            )
        except services.ConductNotAccepted:
            # The reply address answers only POST: come back to the thread after accepting.
            return to_conduct(request, back=thread_url(thread.pk))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your reply is posted."))
            return redirect(f"{thread_url(thread.pk)}#post-{post.pk}")
    context = _thread_context(request, pk, form)
    return render(request, "community/thread.html", context, status=400)


def thread_url(pk: int) -> str:
    return reverse("community:thread", kwargs={"pk": pk})


@require_POST
@member_required
def react(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_viewer(request, pk)
    kind = request.POST.get("kind", "")
    reacted = request.POST.get("reacted", "true") != "false"
    back = f"{thread_url(post.thread_id)}#post-{post.pk}"
    try:
        state = services.reaction_set(
            post=post, user=signed_in_user(request), kind=kind, reacted=reacted
        )
    except services.ConductNotAccepted:
        return redirect(f"{reverse('community:conduct')}?next={thread_url(post.thread_id)}")
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(back)
    label = Reaction.Kind(kind).label
    if not state.changed:
        text = (
            _("You had already reacted “%(label)s” to this post.")
            if reacted
            else _("You had not reacted “%(label)s” to this post.")
        )
        messages.info(request, text % {"label": label})
    if is_htmx(request):
        views = selectors.post_views(
            posts=[post],
            viewer=signed_in_user(request),
            moderator=rules.moderates_space(signed_in_user(request), post.thread.space),
        )
        return render(request, "community/_reactions.html", {"view": views[0]})
    return redirect(back)


@member_required
def space_create(request: HttpRequest) -> HttpResponse:
    form = PrivateSpaceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        space = services.space_create_private(owner=signed_in_user(request), **form.cleaned_data)
        messages.success(request, _("Your private space is ready: invite people to it."))
        return redirect("community:space_invite", slug=space.slug)
    return render(request, "community/space_form.html", {"form": form})


@member_required
def space_invite(request: HttpRequest, slug: str) -> HttpResponse:
    space = get_space_for_viewer(request, slug)
    if not rules.can_manage_space(signed_in_user(request), space):
        raise Http404
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        handle = form.cleaned_data["handle"]
        try:
            profile = get_member_profile(handle)
            services.space_invite(space=space, by=signed_in_user(request), user=profile.user)
        except Http404:
            form.add_error("handle", _("No member has the profile address “%(h)s”") % {"h": handle})
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s can now see this space.") % {"name": profile.display_name}
            )
            return redirect("community:space_invite", slug=space.slug)
    members = space.members.select_related("user__profile").order_by("joined_at")
    context = {"space": space, "form": form, "members": members}
    return render(request, "community/space_invite.html", context)


@require_safe
@member_required
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = selectors.search_posts(viewer=signed_in_user(request), query=query) if query else []
    context = {"form": form, "query": query, "results": results}
    return render(request, "community/search.html", context)


@member_required
def space_settings(request: HttpRequest, slug: str) -> HttpResponse:
    space = get_space_for_viewer(request, slug)
    if not rules.can_manage_space(signed_in_user(request), space):
        raise Http404
    initial = {
        "name": space.name,
        "description": space.description,
        "allow_anonymous": space.allow_anonymous,
    }
    form = SpaceSettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.space_update(space=space, by=signed_in_user(request), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The space's settings are saved."))
            return redirect("community:space", slug=space.slug)
    return render(request, "community/space_settings.html", {"space": space, "form": form})


@member_required
def chapter_space_create(request: HttpRequest, chapter_slug: str) -> HttpResponse:
    chapter = get_chapter_for_organiser(request, chapter_slug)
    form = SpaceSettingsForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            space = services.space_create_chapter(
                chapter=chapter, by=signed_in_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The space is open to every member."))
            return redirect("community:space", slug=space.slug)
    return render(request, "community/space_settings.html", {"chapter": chapter, "form": form})


@member_required
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_viewer(request, pk)
    if not services.is_author_of(post=post, user=signed_in_user(request)):
        raise Http404
    form = EditForm(request.POST if request.method == "POST" else None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(
                post=post, user=signed_in_user(request), body=form.cleaned_data["body"]
            )
        except services.ConductNotAccepted:
            return to_conduct(request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your post is updated."))
            return redirect(f"{thread_url(post.thread_id)}#post-{post.pk}")
    return render(request, "community/post_edit.html", {"post": post, "form": form})


@require_safe
@member_required
def post_history(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_viewer(request, pk)
    moderator = rules.moderates_space(signed_in_user(request), post.thread.space)
    if post.is_hidden and not moderator:
        raise Http404
    views = selectors.post_views(
        posts=[post],
        viewer=signed_in_user(request),
        moderator=moderator,
        blocked=selectors.blocked_user_ids(signed_in_user(request)),
    )
    if not views:
        raise Http404
    context = {"view": views[0], "thread": post.thread, "revisions": post.revisions.all()}
    return render(request, "community/post_history.html", context)
