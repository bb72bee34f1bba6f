"""Routes not tied to one event: a member's private agenda feed across events (views/agenda.py)."""

app_name = "agenda"
urlpatterns: list = []
