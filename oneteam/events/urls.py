from django.urls import path

from oneteam.events.views import feeds, manage, public, tools

app_name = "events"
urlpatterns = [
    path("cancel/<str:token>/", public.registration_cancel_link, name="cancel_link"),
    path("<slug:slug>/", public.event_detail, name="detail"),
    path("<slug:slug>/calendar.ics", feeds.event_calendar, name="calendar"),
    path("<slug:slug>/register/", public.event_register, name="register"),
    path("<slug:slug>/cancel-registration/", public.registration_cancel_own, name="cancel_own"),
    # Organisers
    path("<slug:slug>/edit/", manage.event_edit, name="edit"),
    path("<slug:slug>/publish/", manage.event_publish, name="publish"),
    path("<slug:slug>/cancel-event/", manage.event_cancel, name="cancel_event"),
    path("<slug:slug>/rooms/", manage.event_rooms, name="rooms"),
    path("<slug:slug>/rooms/<int:pk>/", manage.room_edit, name="room_edit"),
    path("<slug:slug>/rooms/<int:pk>/delete/", manage.room_delete, name="room_delete"),
    path("<slug:slug>/slots/", manage.event_slots, name="slots"),
    path("<slug:slug>/slots/<int:pk>/", manage.slot_edit, name="slot_edit"),
    path("<slug:slug>/slots/<int:pk>/delete/", manage.slot_delete, name="slot_delete"),
    path("<slug:slug>/attendees/", tools.attendees, name="attendees"),
    path("<slug:slug>/attendees.csv", tools.attendees_csv, name="attendees_csv"),
    path("<slug:slug>/check-in/", tools.check_in, name="check_in"),
    path("<slug:slug>/check-in/<str:token>/", tools.check_in_link, name="check_in_link"),
    path("<slug:slug>/message/", tools.message_attendees, name="message"),
    path("<slug:slug>/tasks/", tools.tasks, name="tasks"),
    path("<slug:slug>/tasks/<int:pk>/", tools.task_edit, name="task_edit"),
    path("<slug:slug>/tasks/<int:pk>/done/", tools.task_done, name="task_done"),
]
