from django.urls import path

from oneteam.pages import views

urlpatterns = [
    path("", views.home, name="home"),
    path("code-of-conduct/", views.code_of_conduct, name="code_of_conduct"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
