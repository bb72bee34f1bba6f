from django.urls import path

from oneteam.core import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
]
