from django.urls import path

from oneteam.programme.views import interests, lean_coffee, organise, pitches

app_name = "programme"
urlpatterns = [
    path("", pitches.session_list, name="session_list"),
    path("pitch/", pitches.pitch_create, name="pitch_create"),
    path("my-choices/", interests.my_choices, name="my_choices"),
    path("sessions/<int:pk>/", pitches.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", pitches.session_edit, name="session_edit"),
    path("sessions/<int:pk>/withdraw/", pitches.session_withdraw, name="session_withdraw"),
    path("sessions/<int:pk>/interest/", interests.interest, name="interest"),
    path("organise/", organise.programme_settings, name="settings"),
    path("organise/merge/", organise.merge, name="merge"),
    path("organise/pitching-station/", organise.pitching_station, name="pitching_station"),
    path("organise/queue/", organise.queue, name="queue"),
    path("organise/queue/advance/", organise.queue_advance, name="queue_advance"),
    path("organise/queue/<int:pk>/move/", organise.queue_move, name="queue_move"),
    path("organise/lean-coffee/", lean_coffee.lean_coffee, name="lean_coffee"),
    path("organise/lean-coffee/step/", lean_coffee.lean_coffee_step, name="lean_coffee_step"),
    path("projector/", organise.projector, name="projector"),
]
