"""The development mailbox: mounted only when emails go to var/mail (never in production)."""

from django.urls import path

from oneteam.accounts import mailbox

app_name = "mailbox"
urlpatterns = [
    path("", mailbox.mailbox_list, name="list"),
    path("<str:name>/", mailbox.mailbox_message, name="message"),
]
