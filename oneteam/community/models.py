"""The community between events: spaces, threads and posts, and what keeps them safe.

Anonymity is accountable: an anonymous post stores no author. The link from a thread's
pseudonym ("Anonymous 3") to the member lives in `Pseudonym`, a table of its own that no page,
feed, export or admin list reads; only the two-moderator reveal (`RevealRequest`) and the
author's own "this is yours" marker look it up.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from oneteam.chapters.models import Chapter

POST_MAX_LENGTH = 100_000


class CodeOfConduct(models.Model):
    """One version of the code of conduct. The highest version is the one in force."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    text = models.TextField(_("text"), help_text=_("Markdown is allowed."))
    summary_of_changes = models.CharField(_("what changed"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("code of conduct version")
        verbose_name_plural = _("code of conduct versions")

    def __str__(self) -> str:
        return f"Code of conduct, version {self.version}"


class ConductAcceptance(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conduct_acceptances"
    )
    code = models.ForeignKey(CodeOfConduct, on_delete=models.CASCADE, related_name="acceptances")
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "code"], name="accept_each_version_once")
        ]

    def __str__(self) -> str:
        return f"Accepted version {self.code_id} of the code of conduct"


class Moderator(models.Model):
    """A member who moderates one chapter's spaces, or (with no chapter) every space.

    `User.is_moderator` also makes someone a community-wide moderator.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderator_roles"
    )
    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, null=True, blank=True, related_name="moderators"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "chapter"], name="one_moderator_role_per_chapter"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(chapter__isnull=True),
                name="one_community_moderator_role",
            ),
        ]
        verbose_name = _("moderator")
        verbose_name_plural = _("moderators")

    def __str__(self) -> str:
        return f"{self.user} moderates {self.chapter or 'the community'}"


class Space(models.Model):
    class Kind(models.TextChoices):
        COMMUNITY = "community", _("Whole community")
        CHAPTER = "chapter", _("Chapter")
        PRIVATE = "private", _("Private, by invitation")

    slug = models.SlugField(_("address"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, null=True, blank=True, related_name="spaces"
    )
    allow_anonymous = models.BooleanField(
        _("allow anonymous posts"),
        default=False,
        help_text=_("Members may post under a pseudonym that only moderators can lift."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="chapter", chapter__isnull=False)
                | Q(kind="community", chapter__isnull=True)
                | Q(kind="private"),
                name="chapter_space_has_chapter",
            )
        ]

    def __str__(self) -> str:
        return self.name


class SpaceMember(models.Model):
    """A member invited into a private space."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="private_spaces"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    is_owner = models.BooleanField(default=False)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["space", "user"], name="one_place_per_space")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.space}"


class Thread(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=150)
    chatham_house = models.BooleanField(
        _("Chatham House Rule"),
        default=False,
        help_text=_("Replies show no names to anyone but moderators."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_posted_at = models.DateTimeField(db_index=True)
    reply_count = models.PositiveIntegerField(default=0)
    last_post_id = models.PositiveBigIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["space", "-last_posted_at", "-id"], name="thread_listing"),
        ]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    """The opening post of a thread or a reply. Anonymous posts have no author here."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="community_posts",
    )
    pseudonym_number = models.PositiveIntegerField(null=True, blank=True)
    is_opening = models.BooleanField(default=False)
    body = models.TextField(max_length=POST_MAX_LENGTH)
    is_hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["thread", "id"], name="post_in_thread")]
        constraints = [
            models.CheckConstraint(
                condition=Q(pseudonym_number__isnull=True) | Q(author__isnull=True),
                name="anonymous_post_has_no_author",
            )
        ]

    def __str__(self) -> str:
        return f"Post {self.pk} in {self.thread_id}"

    @property
    def is_anonymous(self) -> bool:
        return self.pseudonym_number is not None


class Pseudonym(models.Model):
    """The only link from an anonymous post to its author: per thread, a stable number."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="one_pseudonym_per_thread"),
            models.UniqueConstraint(fields=["thread", "number"], name="pseudonym_number_unique"),
        ]

    def __str__(self) -> str:
        return f"Anonymous {self.number} in thread {self.thread_id}"


class RevealRequest(models.Model):
    """Lifting an anonymous post's pseudonym: one moderator asks, a second one confirms."""

    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="reveal")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    request_reason = models.TextField(max_length=2000)
    requested_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    confirm_reason = models.TextField(max_length=2000, blank=True)
    confirmed_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(confirmed_by=models.F("requested_by")),
                name="reveal_needs_two_moderators",
            )
        ]

    def __str__(self) -> str:
        return f"Reveal of post {self.post_id}"


class Reaction(models.Model):
    class Kind(models.TextChoices):
        THANKS = "thanks", _("Thanks")
        ME_TOO = "me_too", _("Me too")
        GOT_YOUR_BACK = "got_your_back", _("Got your back")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="react_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} on post {self.post_id}"


class Block(models.Model):
    """`blocker` no longer sees `blocked` (and the other way round); they are never paired."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
            models.CheckConstraint(
                condition=~Q(blocker=models.F("blocked")), name="cannot_block_oneself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.blocker} blocked {self.blocked}"


class Report(models.Model):
    """A member asks the moderators to look at a post or at a member."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reported_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(post__isnull=False, reported_user__isnull=True)
                | Q(post__isnull=True, reported_user__isnull=False),
                name="report_is_about_a_post_or_a_member",
            )
        ]

    def __str__(self) -> str:
        return f"Report {self.pk}"


class Sanction(models.Model):
    class Kind(models.TextChoices):
        WARNING = "warning", _("Warning")
        SUSPENSION = "suspension", _("Suspension")
        BAN = "ban", _("Ban")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_sanctions"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    reason = models.TextField(max_length=2000)
    until = models.DateTimeField(null=True, blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.user}"


class AuditEntry(models.Model):
    """What a moderator did and why. Written by the services, never edited; admins read it.

    It names the post (by its thread and pseudonym) but never the author of an anonymous post.
    """

    class Action(models.TextChoices):
        REVEAL_REQUESTED = "reveal_requested", _("Asked to reveal an anonymous author")
        REVEALED = "revealed", _("Revealed an anonymous author")
        HIDE = "hide", _("Hid a post")
        WARN = "warn", _("Warned a member")
        SUSPEND = "suspend", _("Suspended a member")
        BAN = "ban", _("Banned a member")
        DISMISS = "dismiss", _("Dismissed a report")

    action = models.CharField(max_length=20, choices=Action.choices)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(max_length=2000)
    post = models.ForeignKey(Post, on_delete=models.SET_NULL, null=True, blank=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("moderation audit entry")
        verbose_name_plural = _("moderation audit log")

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class ThreadFollow(models.Model):
    """A member following a thread: told of replies, and shown what they have not read yet."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="follow_thread_once")
        ]

    def __str__(self) -> str:
        return f"Following thread {self.thread_id}"


class ThreadRead(models.Model):
    """How far a member has read a thread: the newest post id they were shown."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_post_id = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="read_once")]

    def __str__(self) -> str:
        return f"Read thread {self.thread_id} to post {self.last_read_post_id}"


class NotificationSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_settings"
    )
    email_replies = models.BooleanField(
        _("Email me when someone replies to a thread I follow or mentions me"), default=True
    )
    daily_digest = models.BooleanField(
        _("Email me a daily digest of new posts in the threads I follow"), default=False
    )

    def __str__(self) -> str:
        return f"Notification settings of {self.user}"


class PostRevision(models.Model):
    """An earlier wording of an edited post. Only the author edits, so it names nobody."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField(max_length=POST_MAX_LENGTH)
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-replaced_at", "-id"]

    def __str__(self) -> str:
        return f"Earlier wording of post {self.post_id}"
