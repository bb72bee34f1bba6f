from django.urls import path

from oneteam.community.views import moderation, safety, spaces

app_name = "community"
urlpatterns = [
    path("", spaces.home, name="home"),
    path("code-of-conduct/", spaces.conduct, name="conduct"),
    path("spaces/new/", spaces.space_create, name="space_create"),
    path("spaces/<slug:slug>/", spaces.space_detail, name="space"),
    path("spaces/<slug:slug>/new-thread/", spaces.thread_create, name="thread_create"),
    path("spaces/<slug:slug>/invite/", spaces.space_invite, name="space_invite"),
    path("spaces/<slug:slug>/settings/", spaces.space_settings, name="space_settings"),
    path(
        "chapters/<slug:chapter_slug>/new-space/",
        spaces.chapter_space_create,
        name="chapter_space_create",
    ),
    path("threads/<int:pk>/", spaces.thread_detail, name="thread"),
    path("threads/<int:pk>/reply/", spaces.reply, name="reply"),
    path("threads/<int:pk>/follow/", spaces.follow, name="follow"),
    path("settings/", spaces.notification_settings, name="settings"),
    path("search/", spaces.search, name="search"),
    path("posts/<int:pk>/react/", spaces.react, name="react"),
    path("posts/<int:pk>/edit/", spaces.post_edit, name="post_edit"),
    path("posts/<int:pk>/history/", spaces.post_history, name="post_history"),
    path("posts/<int:pk>/report/", safety.report_post, name="report_post"),
    path("members/<slug:handle>/report/", safety.report_member, name="report_member"),
    path("members/<slug:handle>/block/", safety.block, name="block"),
    path("blocked/", safety.blocks, name="blocks"),
    path("moderation/", moderation.queue, name="moderation"),
    path("moderation/posts/<int:pk>/", moderation.moderate_post, name="moderate_post"),
    path("moderation/posts/<int:pk>/hide/", moderation.hide_post, name="hide_post"),
    path("moderation/posts/<int:pk>/reveal/", moderation.reveal, name="reveal"),
    path("moderation/members/<slug:handle>/", moderation.moderate_member, name="moderate_member"),
    path("moderation/reports/<int:pk>/dismiss/", moderation.dismiss_report, name="dismiss_report"),
]
