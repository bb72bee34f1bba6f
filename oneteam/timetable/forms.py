"""Forms of the timetable pages (GOV.UK markup). Grouped by the page that uses them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oneteam.core.forms import GovukForm, typed_field
from oneteam.events.models import Room, Slot
from oneteam.programme.models import Session
from oneteam.timetable import problem as adapter
from oneteam.timetable.services.adjust import Change
from oneteam.timetable.services.pins import slot_name

# --- Adjust: move, swap, take out, pin (views/adjust.py) -------------------------------------


class _SlotChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Slot) -> str:
        return slot_name(obj)


class _SessionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Session) -> str:
        return obj.title


class ChangeForm(GovukForm):
    """One change to one session of a grid. The same fields arrive from the page's forms (a
    preview is a GET, saving a POST) and from adjust.js after a drag and drop."""

    action = forms.ChoiceField(
        choices=[("move", _("Move")), ("swap", _("Swap")), ("unplace", _("Take out"))],
        widget=forms.HiddenInput,
    )
    room = forms.ModelChoiceField(
        label=_("Room"),
        queryset=Room.objects.none(),
        required=False,
        empty_label=_("Choose a room"),
    )
    slot = _SlotChoice(
        label=_("Time"),
        queryset=Slot.objects.none(),
        required=False,
        empty_label=_("Choose a time"),
    )
    other = _SessionChoice(
        label=_("Session to swap with"),
        queryset=Session.objects.none(),
        required=False,
        empty_label=_("Choose a session"),
    )

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session = session
        event = session.event
        typed_field(self, "room", forms.ModelChoiceField).queryset = adapter.event_rooms(
            event=event
        )
        slots = adapter.schedulable_slots(event=event).select_related("event")
        typed_field(self, "slot", _SlotChoice).queryset = slots
        typed_field(self, "other", _SessionChoice).queryset = (
            adapter.schedulable_sessions(event=event).exclude(pk=session.pk).order_by("title")
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        action = data.get("action")
        if action == "move":
            if not data.get("room"):
                self.add_error("room", _("Choose a room for “%(title)s”") % self._title)
            if not data.get("slot"):
                self.add_error("slot", _("Choose a time for “%(title)s”") % self._title)
        elif action == "swap" and not data.get("other"):
            self.add_error("other", _("Choose a session to swap “%(title)s” with") % self._title)
        return data

    @property
    def _title(self) -> dict[str, str]:
        return {"title": self.session.title}

    def change(self) -> Change:
        data = self.cleaned_data
        if data["action"] == Change.SWAP:
            return Change(Change.SWAP, self.session, other=data["other"])
        if data["action"] == Change.UNPLACE:
            return Change(Change.UNPLACE, self.session)
        return Change(Change.MOVE, self.session, room=data["room"], slot=data["slot"])


class PinForm(GovukForm):
    """Pin a session to a room, a time or both; the scheduler keeps it there."""

    room = forms.ModelChoiceField(
        label=_("Room"), queryset=Room.objects.none(), required=False, empty_label=_("Any room")
    )
    slot = _SlotChoice(
        label=_("Time"), queryset=Slot.objects.none(), required=False, empty_label=_("Any time")
    )

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session = session
        typed_field(self, "room", forms.ModelChoiceField).queryset = adapter.event_rooms(
            event=session.event
        )
        typed_field(self, "slot", _SlotChoice).queryset = adapter.schedulable_slots(
            event=session.event
        ).select_related("event")
