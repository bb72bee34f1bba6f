from django.urls import path

from oneteam.members import views

app_name = "members"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/", views.profile_edit, name="profile_edit"),
    path("<slug:handle>/", views.profile_detail, name="profile"),
]
