from tests.access import LOGIN, route

_SIGNED_IN = {"member": 200, "organiser": 200, "moderator": 200}

ROUTES = [
    route("members:directory", anonymous=LOGIN, **_SIGNED_IN),
    route("members:profile_edit", anonymous=LOGIN, **_SIGNED_IN),
    # Alice's profile is for signed-in members only (the default); anonymous visitors are sent
    # to sign in, exactly as they are for a handle that does not exist.
    route(
        "members:profile",
        kwargs=lambda w: {"handle": w.member.profile.handle},
        anonymous=LOGIN,
        **_SIGNED_IN,
    ),
]
