from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "oneteam.community"
    label = "community"
