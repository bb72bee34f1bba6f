"""Routes of the grid. Each helper module adds its own block; keep them grouped by module."""

app_name = "timetable"
urlpatterns: list = [
    # organise (build, preview, versions, publish, restore): views/organise.py
    # adjust (pins, move, swap): views/adjust.py
    # board, now, printable grid: views/board.py
    # personal agenda and private feed: views/agenda.py
]
