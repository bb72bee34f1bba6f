"""The fixed content of the demo community. Plausible UK public-sector people and sessions;
every person is invented, and every address ends in demo.oneteam.localhost."""

from __future__ import annotations

from typing import NamedTuple

DEMO_DOMAIN = "demo.oneteam.localhost"
SEED = 20261125


class DemoPerson(NamedTuple):
    """One demo member: the three known accounts below, and the invented ones the loader makes."""

    email: str
    name: str
    discipline: str
    organisation: str
    role: str
    pronouns: str
    ask_me_about: str
    working_to_change: str
    public: bool = False  # profile visible to anyone, not only to members


# The three accounts the README and `make run` tell people to sign in with.
MEMBER = DemoPerson(
    f"member@{DEMO_DOMAIN}",
    "Priya Shah",
    "policy",
    "Department for Work and Pensions",
    "Senior policy adviser",
    "she/her",
    "Universal Credit policy, and how ministerial submissions really get written",
    "Policy and delivery teams working as one team from day one",
)
ORGANISER = DemoPerson(
    f"organiser@{DEMO_DOMAIN}",
    "Tom Okafor",
    "delivery",
    "Government Digital Service",
    "Delivery manager",
    "he/him",
    "Running un-conferences, and agile in a waterfall business case",
    "Communities of practice that cross the policy and digital divide",
)
MODERATOR = DemoPerson(
    f"moderator@{DEMO_DOMAIN}",
    "Grace Li",
    "research",
    "Office for National Statistics",
    "Lead user researcher",
    "she/they",
    "Research ethics, and keeping community spaces kind",
    "Research with people with lived experience shaping priorities",
)

# How the 60 members spread over the disciplines (the three known accounts included).
DISCIPLINE_COUNTS = {
    "policy": 12,
    "digital": 9,
    "delivery": 9,
    "data": 8,
    "design": 8,
    "research": 6,
    "operations": 5,
    "other": 3,
}

# Written as one string of words, to read (and diff) more easily than a long list.
_FIRST_NAMES = (
    "Aisha Ben Chloe Daniel Eleanor Femi Gareth Hannah Imran Jess Kwame Laura Mohammed Niamh "
    "Oliver Rachel Rhys Sarah Tariq Uma Victoria Wei Yasmin Zoe Adam Bethan Callum Deepa "
    "Ewan Fatima George Harriet Isaac Joanna Kieran Leila Matthew Nadia Owen Precious Rory "
    "Sian Usman Ruth Jamal Kate Liam Mei Nathan Olivia Patrick Rosa Sam Theo Anjali Declan "
    "Ffion"
)
FIRST_NAMES = _FIRST_NAMES.split()
_SURNAMES = (
    "Adeyemi Baker Campbell Davies Evans Fraser Ghosh Hughes Iqbal Jones Kaur Lewis Morgan "
    "Nwosu Osei Patel Quinn Roberts Singh Thomas Underwood Vaughan Walsh Young Zhang Ahmed "
    "Bennett Clarke Doherty Ellis Fletcher Griffiths Hussain Ibrahim Jenkins Khan Lam "
    "MacLeod Murphy Nicholson Owusu Price Rahman Reid Stewart Taylor Wallace Wright Yusuf "
    "Begum Chen Edwards Grant Hall Kowalski Mensah Novak"
)
SURNAMES = _SURNAMES.split()

ORGANISATIONS = (
    "Department for Work and Pensions",
    "HM Revenue & Customs",
    "Cabinet Office",
    "Ministry of Justice",
    "Department for Education",
    "Department of Health and Social Care",
    "Home Office",
    "Department for Transport",
    "Department for Environment, Food & Rural Affairs",
    "Office for National Statistics",
    "Government Digital Service",
    "NHS England",
    "Camden Council",
    "Hackney Council",
    "Leeds City Council",
    "Manchester City Council",
    "Scottish Government",
    "Welsh Government",
    "Environment Agency",
    "Citizens Advice",
    "Local Government Association",
    "Companies House",
)

ROLES = {
    "policy": (
        "Policy adviser",
        "Senior policy adviser",
        "Head of policy",
        "Policy lead, early years",
        "Bill manager",
        "Private secretary",
    ),
    "digital": (
        "Software developer",
        "Technical architect",
        "Head of engineering",
        "Frontend developer",
        "Product manager",
        "Platform engineer",
    ),
    "delivery": (
        "Delivery manager",
        "Programme manager",
        "Head of delivery",
        "Agile coach",
        "Portfolio manager",
        "Service owner",
    ),
    "data": (
        "Data scientist",
        "Statistician",
        "Data engineer",
        "Performance analyst",
        "Head of data",
        "Economist",
    ),
    "design": (
        "Service designer",
        "Interaction designer",
        "Content designer",
        "Policy designer",
        "Head of design",
        "Lead content designer",
    ),
    "research": (
        "User researcher",
        "Senior user researcher",
        "Social researcher",
        "Research operations lead",
        "Senior social researcher",
    ),
    "operations": (
        "Work coach",
        "Operations manager",
        "Contact centre team leader",
        "Casework manager",
        "Frontline service lead",
    ),
    "other": (
        "Communications lead",
        "Commercial lead",
        "HR business partner",
        "Finance business partner",
        "Government lawyer",
    ),
}

ASK_ME_ABOUT = {
    "policy": (
        "Spending review bids",
        "Getting a policy through a bill team",
        "Working with special advisers",
        "Turning a manifesto line into a programme",
        "Consultations people actually answer",
        "Writing a good ministerial submission",
    ),
    "digital": (
        "Replacing legacy case management systems",
        "APIs between departments",
        "Accessibility testing on a budget",
        "Open source in government",
        "Moving to the cloud without a big bang",
        "The Technology Code of Practice in practice",
    ),
    "delivery": (
        "Agile in a waterfall business case",
        "Running a discovery with a policy team",
        "Service assessments",
        "Roadmaps that survive a reshuffle",
        "Retrospectives that change something",
        "Dependencies across departments",
    ),
    "data": (
        "Data sharing agreements",
        "Dashboards people use",
        "Linking administrative data",
        "Evaluation and the Magenta Book",
        "Statistics that survive a minister's question",
        "Synthetic data",
    ),
    "design": (
        "Prototyping policy",
        "Writing letters people understand",
        "Co-design with people with lived experience",
        "Design systems",
        "Service blueprints for policy teams",
        "Plain English guidance",
    ),
    "research": (
        "Research with people in crisis",
        "Recruiting participants who are seldom heard",
        "Sharing research with ministers",
        "Ethics and consent",
        "Mixing user research and social research",
    ),
    "operations": (
        "What frontline staff see that headquarters does not",
        "Handling complaints well",
        "Workarounds and why they exist",
        "Rolling out change to hundreds of offices",
        "What callers actually ask",
    ),
    "other": (
        "Agile procurement",
        "Internal communications for change",
        "Recruiting digital roles in the civil service",
        "Business cases",
        "Legal risk and innovation",
    ),
}

WORKING_TO_CHANGE = (
    "Policy and delivery teams working as one team from day one",
    "Fewer letters that make people anxious",
    "Decisions based on what happens to people, not only on the spreadsheet",
    "Frontline staff having a say in policy before it is announced",
    "Services that work for people who are not online",
    "No more handing a finished policy to a delivery team",
    "Publishing data that helps councils, not only departments",
    "Test and learn as the normal way to make policy",
    "Accessible services from the first prototype",
    "Working in the open: blog posts, show and tells and weeknotes",
    "Business cases that fund teams, not projects",
    "Career paths that mix policy and digital",
    "Trust between people and the state",
    "Less duplication between central and local government",
)

PRONOUNS = ("she/her", "he/him", "they/them", "she/they", "he/they")

CHAPTER = {
    "slug": "london-demo",
    "name": "London (demo)",
    "region": "London",
    "description": (
        "Demo content. The London chapter of One Team: policy, digital, delivery, data and "
        "design people from across the capital's public services, meeting every few months."
    ),
}

EVENT = {
    "slug": "one-team-london-demo",
    "title": "One Team London un-conference (demo)",
    "description": (
        "Demo content. A free, one-day un-conference for anyone working in or around public "
        "services. There is no agenda until the morning: anyone can pitch a session in the "
        "opening plenary, attendees mark the ones they want to go to, and the programme is "
        "built from that.\n\nBring a question you are stuck on, a thing you have learned, or "
        "just your curiosity. Policy people and digital people especially welcome together."
    ),
    "venue_name": "The Assembly Rooms (demo venue)",
    "venue_address": "1 Example Square\nLondon\nWC1X 0AA",
    "venue_access": (
        "Step-free entrance on the square, with a lift to every floor except the mezzanine "
        "library, which is up 14 stairs; sessions that need step-free access are never put "
        "there. Accessible toilets on every floor, a quiet room on the ground floor and a "
        "hearing loop in the main hall. Five minutes' walk from King's Cross St Pancras."
    ),
    "capacity": 90,
}

# name, capacity, step-free, notes
ROOMS = (
    ("Main hall", 80, True, "Hearing loop; used for the opening plenary"),
    ("Committee room A", 30, True, ""),
    ("Committee room B", 24, True, ""),
    ("Garden room", 16, True, "Opens onto the garden; can be noisy"),
    ("Mezzanine library", 12, False, "Up 14 stairs, no lift"),
)

# local start, local end, kind, label
SLOTS = (
    ("09:30", "10:15", "plenary", "Welcome and pitching"),
    ("10:30", "11:15", "sessions", "Session 1"),
    ("11:30", "12:15", "sessions", "Session 2"),
    ("12:15", "13:15", "break", "Lunch"),
    ("13:15", "14:00", "sessions", "Session 3"),
    ("14:15", "15:00", "sessions", "Session 4"),
)


class DemoSession(NamedTuple):
    title: str
    description: str
    format: str
    hosts: tuple[tuple[str, int], ...]  # (discipline, n): the n-th generated person of it
    needs_step_free: bool = False
    privacy: str = "open"
    unavailable: tuple[str, ...] = ()  # slot labels the hosts cannot make


SESSIONS = (
    DemoSession(
        "Why do we still hand over policy as a document?",
        "Policy teams write it, delivery teams build it, and something gets lost in between. "
        "What have joined-up teams tried, and what stuck?",
        "discussion",
        (("policy", 0), ("delivery", 0)),
    ),
    DemoSession(
        "Prototyping policy before the announcement",
        "How we put paper prototypes of a new eligibility rule in front of 30 people in a "
        "fortnight, and what changed in the policy as a result.",
        "show_and_tell",
        (("design", 0),),
    ),
    DemoSession(
        "Letters people understand",
        "Bring a pen: we will rewrite a real (anonymised) benefits letter together, with a "
        "content designer and a work coach.",
        "workshop",
        (("design", 0),),
    ),
    DemoSession(
        "Data sharing between councils: what actually works",
        "Agreements, trust and the technology, from people who have done it and people who "
        "tried and gave up.",
        "discussion",
        (("data", 0),),
    ),
    DemoSession(
        "Ask me anything: life as a private secretary",
        "What the minister's office needs from you, and how to get evidence in front of them.",
        "ama",
        (("policy", 1),),
        privacy="chatham_house",
    ),
    DemoSession(
        "Test and learn in the NHS",
        "Running small experiments in a system that is built for certainty.",
        "discussion",
        (("delivery", 1),),
        needs_step_free=True,
    ),
    DemoSession(
        "AI in casework: where are the guardrails?",
        "What should a caseworker be able to see, question and override? Developers, lawyers "
        "and caseworkers welcome.",
        "discussion",
        (("digital", 0),),
    ),
    DemoSession(
        "Frontline staff as designers",
        "Work coaches and call handlers redesign services every day with workarounds. How do "
        "we learn from them before launch, not after?",
        "discussion",
        (("operations", 0),),
        needs_step_free=True,
    ),
    DemoSession(
        "Agile and the spending review",
        "Can you fund a team to find out, when the Treasury wants to know what you will build?",
        "discussion",
        (("policy", 2), ("data", 1)),
    ),
    DemoSession(
        "Research with people in crisis, safely",
        "Consent, trauma-informed practice and looking after researchers too.",
        "workshop",
        (("research", 0),),
        privacy="chatham_house",
    ),
    DemoSession(
        "Legacy technology and the policy it locks in",
        "When a 30-year-old system decides what a policy can be.",
        "discussion",
        (("digital", 1),),
    ),
    DemoSession(
        "Writing policy in the open",
        "Blogging, open drafts and show and tells for policy teams: what is allowed, and what "
        "is wise?",
        "discussion",
        (("policy", 3),),
    ),
    DemoSession(
        "Procurement that lets teams change their minds",
        "Contracts that survive discovery, from a commercial lead who has written some.",
        "discussion",
        (("other", 0),),
    ),
    DemoSession(
        "Evaluation that arrives before the decision",
        "Faster evidence without lower standards.",
        "discussion",
        (("data", 2),),
    ),
    DemoSession(
        "Burnout in public service",
        "An honest conversation about workload, reorganisations and looking after each other.",
        "discussion",
        (("research", 1),),
        needs_step_free=True,
        privacy="off_the_record",
    ),
    DemoSession(
        "Co-design with people with lived experience",
        "Paying participants, sharing power and closing the loop when the policy changes.",
        "workshop",
        (("design", 1),),
    ),
    DemoSession(
        "Career paths between policy and digital",
        "Moving between professions, and what each could learn from the other.",
        "discussion",
        (("delivery", 2),),
    ),
    DemoSession(
        "A council's open data, one year on",
        "Who used it, who did not, and what we would publish differently.",
        "show_and_tell",
        (("data", 3),),
    ),
    DemoSession(
        "What makes a good service assessment?",
        "Assessors and assessed compare notes.",
        "discussion",
        (("delivery", 3),),
    ),
    DemoSession(
        "Rolling out change to 500 offices",
        "Training, champions and the things nobody told the project team. The host leaves "
        "early for a train, so not in the last session, please.",
        "discussion",
        (("operations", 1),),
        unavailable=("Session 4",),
    ),
)
