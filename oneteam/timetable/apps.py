from django.apps import AppConfig


class TimetableConfig(AppConfig):
    name = "oneteam.timetable"
    label = "timetable"
    verbose_name = "Timetable"
