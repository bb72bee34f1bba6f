from django.urls import path

from oneteam.chapters import views
from oneteam.events.views import feeds as event_feeds
from oneteam.events.views import manage as event_manage

app_name = "chapters"
urlpatterns = [
    path("", views.chapter_list, name="list"),
    path("<slug:slug>/", views.chapter_detail, name="detail"),
    path("<slug:slug>/follow/", views.chapter_follow, name="follow"),
    path("<slug:slug>/unfollow/", views.chapter_unfollow, name="unfollow"),
    path("<slug:slug>/checklist/", views.chapter_checklist, name="checklist"),
    path(
        "<slug:slug>/checklist/<int:pk>/delete/",
        views.checklist_item_delete,
        name="checklist_delete",
    ),
    path("<slug:slug>/organisers-call/", views.organiser_call, name="call"),
]

# The chapter's events, calendar and feed are served by the events app.
urlpatterns += [
    path("<slug:slug>/events/new/", event_manage.event_create, name="event_create"),
    path("<slug:slug>/calendar.ics", event_feeds.chapter_calendar, name="calendar"),
    path("<slug:slug>/feed.atom", event_feeds.chapter_feed, name="feed"),
]
