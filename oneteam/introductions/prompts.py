"""Three conversation prompts for an introduction, chosen for the disciplines it brings together.

Keyed by an unordered pair of discipline slugs (the slugs of members/migrations/0002); any pair
not listed, and a group from one discipline, gets the fallback.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

type Prompts = tuple[Promise, Promise, Promise]

FALLBACK: Prompts = (
    _("What problem are you working on that you wish more people understood?"),
    _("What is one thing about how the other's work gets done that surprises you?"),
    _("Who else should each of you meet, and why?"),
)

BY_PAIR: dict[frozenset[str], Prompts] = {
    frozenset({"policy", "digital"}): (
        _("Which policy you know well would look different if it had been built as a service?"),
        _("When did a technology constraint change what a policy could promise?"),
        _("How early should digital teams hear about a policy idea, and how early do they?"),
    ),
    frozenset({"policy", "delivery"}): (
        _("What happens to a policy between the announcement and the first person it helps?"),
        _("Which delivery risk do policy teams most often hear about too late?"),
        _("What would a good handover from policy to delivery look like?"),
    ),
    frozenset({"policy", "data"}): (
        _("Which question do you wish the data could answer for your policy area?"),
        _("How do you know whether a policy is working, and how soon?"),
        _("What makes evidence persuasive to a minister or a board?"),
    ),
    frozenset({"policy", "design"}): (
        _("Where did user research last change a policy decision?"),
        _("How would you prototype a policy before it is written down?"),
        _("Who are the users of a policy that nobody talks to?"),
    ),
    frozenset({"policy", "research"}): (
        _("What did you last learn from users that policy colleagues should hear?"),
        _("How can research reach a policy decision while it can still change it?"),
        _("Which assumption in your area most needs testing?"),
    ),
    frozenset({"policy", "operations"}): (
        _("What does the front line see that policy teams never hear about?"),
        _("Which rule causes the most workarounds where the service is delivered?"),
        _("How could feedback from operations reach policy faster?"),
    ),
    frozenset({"digital", "delivery"}): (
        _("What makes a delivery plan honest about what is not known yet?"),
        _("Where do handovers between your teams go wrong?"),
        _("What would you stop doing if nobody would notice?"),
    ),
    frozenset({"digital", "data"}): (
        _("Which data would make your service better if you could trust it?"),
        _("What stops data being shared between services you know?"),
        _("What is the most useful thing you have built from messy data?"),
    ),
    frozenset({"digital", "design"}): (
        _("What did a prototype teach you that a document never could?"),
        _("Where does the design of a service meet the limits of the technology?"),
        _("How do you decide what not to build?"),
    ),
}


def prompts_for(disciplines: Iterable[str]) -> list[str]:
    """The prompts for a group whose members have these discipline slugs: those of the first
    listed pair of different disciplines (in sorted order), else the fallback."""
    distinct = sorted(set(disciplines))
    for a, b in combinations(distinct, 2):
        chosen = BY_PAIR.get(frozenset({a, b}))
        if chosen is not None:
            return [str(prompt) for prompt in chosen]
    return [str(prompt) for prompt in FALLBACK]
