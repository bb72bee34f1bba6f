"""Routes of the grid. Each helper module adds its own block; keep them grouped by module."""

from django.urls import path

from oneteam.timetable.views import adjust, agenda, board, exports, organise

app_name = "timetable"
urlpatterns: list = [
    # organise (build, preview, versions, publish, restore, interest, cancel): views/organise.py
    path("organise/", organise.organise, name="organise"),
    path("organise/build/", organise.build_start, name="build_start"),
    path("organise/interest/", organise.interest, name="interest"),
    path("organise/builds/<int:pk>/", organise.build_detail, name="build"),
    path("organise/versions/<int:number>/", organise.version_detail, name="version"),
    path("organise/versions/<int:number>/publish/", organise.publish, name="publish"),
    path("organise/versions/<int:number>/restore/", organise.restore, name="restore"),
    path("organise/sessions/<int:pk>/cancel/", organise.session_cancel, name="session_cancel"),
    # adjust (pins, move, swap): views/adjust.py
    path("organise/versions/<int:number>/adjust/", adjust.adjust, name="adjust"),
    path(
        "organise/versions/<int:number>/adjust/sessions/<int:pk>/",
        adjust.adjust_change,
        name="adjust_change",
    ),
    path(
        "organise/versions/<int:number>/adjust/sessions/<int:pk>/save/",
        adjust.adjust_save,
        name="adjust_apply",
    ),
    path(
        "organise/versions/<int:number>/adjust/reoptimise/",
        adjust.adjust_reoptimise,
        name="adjust_reoptimise",
    ),
    path("organise/sessions/<int:pk>/pin/", adjust.pin, name="pin"),
    # board, now, printable grid: views/board.py
    path("", board.grid, name="grid"),
    path("board/", board.board, name="board"),
    path("now/", board.now, name="now"),
    # the whole programme for apps and calendars: views/exports.py
    path("schedule.xml", exports.schedule_xml, name="schedule_xml"),
    path("schedule.json", exports.schedule_json, name="schedule_json"),
    path("schedule.ics", exports.schedule_ics, name="schedule_ics"),
    # personal agenda and private feed: views/agenda.py
    path("agenda/", agenda.agenda, name="agenda"),
    path("agenda/notices/dismiss/", agenda.notice_dismiss, name="agenda_notice_dismiss"),
]
