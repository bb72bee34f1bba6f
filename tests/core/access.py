from tests.access import route

_PUBLIC = {"anonymous": 200, "member": 200, "organiser": 200, "moderator": 200}

ROUTES = [
    route("healthz", **_PUBLIC),
]
