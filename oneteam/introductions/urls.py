from django.urls import path

from oneteam.introductions import views

app_name = "introductions"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("preferences/", views.preferences, name="preferences"),
    path("preferences/leave/", views.opt_out, name="opt_out"),
    path("<int:pk>/share/", views.share_email, name="share_email"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("follow-up/<str:token>/", views.follow_up, name="follow_up"),
    path("rounds/", views.round_list, name="rounds"),
    path("rounds/open/", views.round_open, name="round_open"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
]
