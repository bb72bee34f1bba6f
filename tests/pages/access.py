from tests.access import route

_PUBLIC = {"anonymous": 200, "member": 200, "organiser": 200, "moderator": 200}

ROUTES = [
    route("home", **_PUBLIC),
    route("code_of_conduct", **_PUBLIC),
    route("privacy", **_PUBLIC),
    route("accessibility", **_PUBLIC),
]
