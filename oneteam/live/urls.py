from django.urls import path

from oneteam.live import views

app_name = "live"

urlpatterns = [
    path("<str:channel>/stream", views.stream, name="stream"),
]
