from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from oneteam.core.htmx import is_htmx as is_htmx  # shared with the timetable views

if TYPE_CHECKING:
    from oneteam.accounts.models import User
    from oneteam.programme.models import Session


def pitched_message(*, session: Session, pitched_by: User) -> str:
    """What was just pitched, worded for who pitched it: "You pitched “Open policy”" to a
    host, "“Open policy” pitched for Sam Walker" to an organiser pitching for others."""
    host_names = session.host_names
    if any(host.pk == pitched_by.pk for host in session.hosts.all()):
        others = [str(host) for host in session.hosts.all() if host.pk != pitched_by.pk]
        if session.guest_host_name:
            others.append(session.guest_host_name)
        if others:
            return _("You pitched “%(title)s” with %(names)s") % {
                "title": session.title,
                "names": ", ".join(others),
            }
        return _("You pitched “%(title)s”") % {"title": session.title}
    return _("“%(title)s” pitched for %(names)s") % {
        "title": session.title,
        "names": ", ".join(host_names),
    }
