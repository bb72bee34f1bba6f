from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "oneteam.members"
    label = "members"
