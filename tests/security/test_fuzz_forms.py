"""Hostile values in every form of every page, as every persona: never a 500, and a refusal
changes nothing stored.

The walk reuses the access matrix (tests/test_access.py): each GET route a persona may open is
fetched, its forms are read from the HTML, and each field is sent with a sample of hostile
values (the other fields keep the values the page offered), then the form is sent with no
fields at all. Each POST-only route is sent the parameters views read straight from the
request. A 4xx, or a 200 showing the form again with its error summary, is a refusal: the rows
of every table must be as they were. A value that was stored must leave the calendars, the
feed and the CSV serving. The sample is fixed (no randomness), so a failure repeats.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session as DjangoSession
from django.test import Client

from tests.test_access import ROUTES, World, _client_for, _url, world  # noqa: F401

# Routes not walked, and why.
SKIPPED_ROUTES = {
    "live:stream": "a server-sent event stream: it never ends as a page does",
    "account_logout": "signs the persona out, so later requests would test another persona",
    "healthz": "no forms; answers probes",
}

HUGE = "x" * 1_000_000  # 1 MB
HOSTILE: list[str | list[str]] = [
    "²",
    "٣",
    "9999-12-31",
    "0001-01-01",
    "9999-12-31T23:59",
    "0001-01-01T00:00",
    HUGE,
    "Title\r\nBcc: someone@example.org",
    "nul\x00byte",
    "vertical\x0btab",
    "\u202eevil",
    "-1",
    "99999999999999999999999",
    "abc",
    "1e999",
    "nan",
    ["1", "two"],  # a field sent twice: the wrong type for most
]
# Every field gets these, then a rotating sample of the rest: each hostile value reaches
# many fields while a page costs seconds, not minutes.
ALWAYS = ["²", "Title\r\nBcc: someone@example.org"]
SAMPLE = 3
DATE_TYPES = {"date", "datetime-local", "time"}
# Fields whose values come from a fixed list: fewer tries, since any value outside the list
# meets the same check.
CHOICE_TYPES = {"select", "radio", "checkbox", "submit", "hidden"}


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)


class _FormParser(HTMLParser):
    """The forms of a page, each with the values a browser would send as it stands."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._first_option: dict[str, str] = {}
        self._button_taken = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(method=a.get("method", "get").lower(), action=a.get("action", ""))
            self._button_taken = False
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            form.types.setdefault(name, kind)
            if kind in ("radio", "checkbox"):
                form.fields.setdefault(name, [])
                if "checked" in a:
                    form.fields[name].append(a.get("value", "on"))
                elif kind == "radio":
                    self._first_option.setdefault(name, a.get("value", "on"))
            elif kind == "submit":
                self._button(name, a.get("value", ""))
            else:
                form.fields.setdefault(name, []).append(a.get("value", ""))
        elif tag == "textarea" and name:
            form.types[name] = "textarea"
            self._textarea = name
            form.fields[name] = [""]
        elif tag == "select" and name:
            form.types[name] = "select"
            self._select = name
            form.fields.setdefault(name, [])
        elif tag == "option" and self._select:
            value = a.get("value", "")
            self._first_option.setdefault(self._select, value)
            if "selected" in a:
                form.fields[self._select].append(value)
        elif tag == "button" and name and a.get("type", "submit") == "submit":
            self._button(name, a.get("value", ""))

    def _button(self, name: str, value: str) -> None:
        # A browser sends the button pressed: the first one stands for it.
        if self._form is not None and not self._button_taken:
            self._form.fields[name] = [value]
            self._form.types[name] = "submit"
            self._button_taken = True

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea][0] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            for name, first in self._first_option.items():
                if not self._form.fields.get(name):
                    self._form.fields[name] = [first]
            self._first_option = {}
            self._form = None


def forms_of(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def snapshot() -> dict[str, str]:
    """A digest of every stored row, per table (sign-in sessions aside)."""
    digests = {}
    for model in apps.get_models():
        if model is DjangoSession or model._meta.proxy:
            continue
        rows = list(model._default_manager.order_by("pk").values_list())
        digests[model._meta.db_table] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return digests


def values_for(name: str, kind: str, index: int) -> list[str | list[str]]:
    chosen: list[str | list[str]] = list(ALWAYS)
    if kind in DATE_TYPES:
        chosen += ["9999-12-31T23:59" if kind == "datetime-local" else "9999-12-31"]
        chosen += ["0001-01-01T00:00" if kind == "datetime-local" else "0001-01-01"]
    rest = [v for v in HOSTILE if v not in chosen]
    sample = 1 if kind in CHOICE_TYPES else SAMPLE
    chosen += [rest[(index * SAMPLE + k) % len(rest)] for k in range(sample)]
    return chosen


def _data(fields: dict[str, list[str]]) -> dict[str, str | list[str]]:
    return {name: values if len(values) != 1 else values[0] for name, values in fields.items()}


@dataclass
class Tally:
    world: World
    organiser: Client | None = None
    requests: int = 0
    problems: list[str] = field(default_factory=list)
    # What is stored now: only a request changes it, so each one's "after" is the next "before".
    stored: dict[str, str] = field(default_factory=dict)


def _send(client: Client, form: Form, page: str, data: dict, tally: Tally, what: str) -> None:
    action = urljoin(page, form.action) if form.action else page
    path = urlsplit(action)
    url = path.path + (f"?{path.query}" if path.query and form.method == "post" else "")
    before = tally.stored
    send = client.post if form.method == "post" else client.get
    response = send(url, data)
    tally.requests += 1
    status = response.status_code
    tally.stored = snapshot()
    if status >= 500:
        tally.problems.append(f"{form.method.upper()} {url} {what}: {status}")
        return
    # A refusal: a 4xx, or the form shown again with its errors.
    refused = 400 <= status < 500 or (
        form.method == "post" and status == 200 and b"govuk-error-summary" in response.content
    )
    if (refused or form.method == "get") and tally.stored != before:
        changed = sorted(t for t, d in tally.stored.items() if before.get(t) != d)
        tally.problems.append(f"{form.method.upper()} {url} {what}: {status} but {changed}")
    elif tally.stored != before:
        outputs_serve(tally, f"{form.method.upper()} {url} {what}")


# What accepted values are built into: each must still serve once a value was stored.
OUTPUTS = ("events:calendar", "chapters:calendar", "chapters:feed", "events:attendees_csv")


def outputs_serve(tally: Tally, what: str) -> None:
    if tally.organiser is None:
        # The CSV is the organisers'. Signing in stamps last_login: take the snapshot again.
        tally.organiser = _client_for("organiser", tally.world)
        tally.organiser.raise_request_exception = False
        tally.stored = snapshot()
    for key in OUTPUTS:
        url = _url(ROUTES[key], tally.world)
        status = tally.organiser.get(url).status_code
        tally.requests += 1
        if status >= 500:
            tally.problems.append(f"GET {url} after {what}: {status}")


def fuzz_page(client: Client, page: str, tally: Tally) -> None:
    response = client.get(page)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return
    for form in forms_of(response.content.decode()):
        baseline = _data(form.fields)
        for index, (name, kind) in enumerate(sorted(form.types.items())):
            for value in values_for(name, kind, index):
                data = {**baseline, name: value}
                label = value if len(value) < 40 else f"{len(value)} characters"
                _send(client, form, page, data, tally, f"{name}={label!r}")
        _send(client, form, page, {}, tally, "with no fields")


PERSONAS = ("anonymous", "member", "organiser", "moderator")
# Each page a persona may open (the access matrix says 200).
FUZZED = sorted(
    (key, persona)
    for key, route in ROUTES.items()
    for persona in PERSONAS
    if route.method == "get" and key not in SKIPPED_ROUTES and route.expect[persona] == 200
)


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "persona"), FUZZED)
def test_hostile_form_values_never_give_500_nor_change_anything_when_refused(
    key: str,
    persona: str,
    world: World,  # noqa: F811
) -> None:
    declared = ROUTES[key]
    client = _client_for(persona, world)
    client.raise_request_exception = False
    url = _url(declared, world)
    tally = Tally(world, stored=snapshot())
    fuzz_page(client, url, tally)
    assert not tally.problems, "\n".join(tally.problems)


# The parameters our views read straight from request.POST (not through a form), tried on every
# POST-only route as well as the fields its access row sends.
RAW_PARAMETERS = (
    "action",
    "direction",
    "interested",
    "mode",
    "next",
    "notice",
    "pin",
    "registration",
    "session",
    "step",
    "time_limit",
)
# Each POST-only route, as the first persona it serves (organisers, then members, moderators).
POSTED = sorted(
    (key, next(p for p in ("organiser", "member", "moderator") if route.expect[p] in (200, 302)))
    for key, route in ROUTES.items()
    if route.method == "post"
    and key not in SKIPPED_ROUTES
    and any(route.expect[p] in (200, 302) for p in ("organiser", "member", "moderator"))
)


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "persona"), POSTED)
def test_hostile_raw_parameters_never_give_500_nor_change_anything_when_refused(
    key: str,
    persona: str,
    world: World,  # noqa: F811
) -> None:
    declared = ROUTES[key]
    client = _client_for(persona, world)
    client.raise_request_exception = False
    url = _url(declared, world)
    base = declared.data(world) if declared.data else {}
    names = sorted(set(base) | set(RAW_PARAMETERS))
    form = Form(method="post", action=url, types={name: "text" for name in names})
    tally = Tally(world, stored=snapshot())
    for index, name in enumerate(names):
        for value in [*ALWAYS, HOSTILE[index % len(HOSTILE)]]:
            label = value if len(value) < 40 else f"{len(value)} characters"
            _send(client, form, url, {**base, name: value}, tally, f"{name}={label!r}")
    assert not tally.problems, "\n".join(tally.problems)


def test_the_form_reader_finds_fields_buttons_and_defaults() -> None:
    html = """
    <form method="post" action="/x/"><input type="hidden" name="csrfmiddlewaretoken" value="t">
    <input name="title" value="Hi"><textarea name="body">Hello</textarea>
    <input type="radio" name="kind" value="a"><input type="radio" name="kind" value="b">
    <select name="room"><option value="">Choose</option><option value="3" selected>3</option>
    </select><input type="checkbox" name="step_free" value="on" checked>
    <button name="action" value="save">Save</button><button name="action" value="x">X</button>
    </form><form><input name="q"></form>"""
    post, search = forms_of(html)
    assert (post.method, post.action, search.method) == ("post", "/x/", "get")
    assert post.fields == {
        "csrfmiddlewaretoken": ["t"],
        "title": ["Hi"],
        "body": ["Hello"],
        "kind": ["a"],
        "room": ["3"],
        "step_free": ["on"],
        "action": ["save"],
    }
