from django.urls import path

from oneteam.outcomes.feeds import ChapterNotesFeed
from oneteam.outcomes.views import actions, notes, published

app_name = "outcomes"
urlpatterns = [
    path("chapters/<slug:chapter_slug>/notes.atom", ChapterNotesFeed(), name="chapter_feed"),
    path("<slug:event_slug>/", published.programme, name="programme"),
    path("<slug:event_slug>/outcomes.json", published.export_json, name="export_json"),
    path("<slug:event_slug>/outcomes.csv", published.export_csv, name="export_csv"),
    path("<slug:event_slug>/feedback/", published.feedback, name="feedback"),
    path(
        "<slug:event_slug>/feedback/results/",
        published.feedback_results,
        name="feedback_results",
    ),
    path("<slug:event_slug>/share/", published.share, name="share"),
    path("<slug:event_slug>/actions/", actions.actions, name="actions"),
    path("<slug:event_slug>/actions/<str:token>/", actions.action_link, name="action_link"),
    path("<slug:event_slug>/sessions/<int:pk>/", notes.notes_page, name="notes"),
    path("<slug:event_slug>/sessions/<int:pk>/edit/", notes.notes_edit, name="notes_edit"),
    path("<slug:event_slug>/sessions/<int:pk>/history/", notes.notes_history, name="history"),
    path("<slug:event_slug>/sessions/<int:pk>/summary/", notes.summary_edit, name="summary"),
    path("<slug:event_slug>/sessions/<int:pk>/privacy/", notes.privacy_edit, name="privacy"),
]
