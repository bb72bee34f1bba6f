from django.urls import path

from oneteam.accounts import reauthentication, views

app_name = "accounts"
urlpatterns = [
    path("settings/", views.account_settings, name="settings"),
    path(
        "reauthenticate/code/",
        reauthentication.reauthenticate_by_code,
        name="reauthenticate_by_code",
    ),
    path("sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
]
