"""The inputs of the hostile run, defined once: replayed in-process by ``test_attack_run.py`` and
against a production-mode gunicorn by ``benchmarks/hostile_server.py``.

``make_targets()`` adds what the probes aim at (a login-restricted and a Ministerie-only profile,
a session with three seats that features both); ``probes(targets)`` lists every request with the
secrets its answer must not hold; ``registrations(targets)`` the public sign-ups sent while the
mail server refuses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SECRET = "Qwxyzgeheim"  # title word of a login-restricted profile: no anonymous answer may hold it
GROUP_SECRET = "Plmokgeheim"  # of a profile restricted to Ministerie: no member answer may hold it
INTEGERS = [str(2**63), str(2**64), "9" * 30, "-1", "1e9", "0x10", "٣", "²", " 1", "%00", ""]
ENDPOINTS = ["approaches", "regions", "sessions", "pages", "images", "documents"]
OPERATORS = ["xor", "AND", "", "or\x00", "and;drop"]
METHODS = ["get", "head", "post", "put", "patch", "delete", "options"]
METHOD_PATHS = [
    "/api/search/",
    "/open-data/aanpakken.csv",
    "/open-data/aanpakken.json",
    "/api/schema/",
    "/api/v2/approaches/",
    "/zoeken/",
    "/bijeenkomsten/agenda.ics",
    "/landelijk-beeld/",
]
SEATS = 3
REGISTRATIONS = 6  # 3 confirmed + 3 on the waiting list


@dataclass(frozen=True)
class Targets:
    restricted_id: int
    ministry_only_id: int
    restricted_parent_id: int
    restricted_parent_url: str
    ministry_only_parent_url: str
    public_id: int
    session_id: int
    session_url: str
    municipality_id: int


@dataclass(frozen=True)
class Probe:
    who: str  # "anonymous" or "member" (a logged-in account without groups)
    method: str
    path: str
    data: dict | None = None  # query string for GET/HEAD, form body otherwise
    secrets: tuple[str, ...] = field(default=())


def make_targets() -> Targets:
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    from practices.models import ApproachPage
    from regions.models import Municipality
    from regions.roles import MINISTRY_GROUP
    from tests.events.conftest import make_session
    from tests.factories import make_approach

    restricted = make_approach(title=f"Afgeschermd {SECRET}", summary=f"Samenvatting {SECRET}")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    ministry_only = make_approach(title=f"Intern {GROUP_SECRET}", summary=f"Alleen {GROUP_SECRET}")
    restriction = PageViewRestriction.objects.create(
        page=ministry_only, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name=MINISTRY_GROUP))
    public = ApproachPage.objects.published().order_by("pk").first()
    session = make_session(capacity=SEATS, featured_approaches=[restricted, ministry_only, public])
    return Targets(
        restricted_id=restricted.pk,
        ministry_only_id=ministry_only.pk,
        restricted_parent_id=restricted.get_parent().pk,
        restricted_parent_url=restricted.get_parent().url,
        ministry_only_parent_url=ministry_only.get_parent().url,
        public_id=public.pk,
        session_id=session.pk,
        session_url=session.url,
        municipality_id=Municipality.objects.order_by("pk").first().pk,
    )


def probes(t: Targets) -> list[Probe]:
    out: list[Probe] = []
    for value in INTEGERS:
        out.append(Probe("anonymous", "get", "/vergelijk/", {"ids": [value, "1"]}))
        for who in ("anonymous", "member"):
            out.append(Probe(who, "get", f"/leden/contact/{value}/"))
            out.append(Probe(who, "post", f"/leden/volgen/{value}/"))
            out.append(Probe(who, "post", f"/leden/zoekopdrachten/{value}/verwijderen/"))
        for endpoint in ENDPOINTS:
            for name in ("offset", "limit"):
                out.append(Probe("anonymous", "get", f"/api/v2/{endpoint}/", {name: value}))
            out.append(Probe("anonymous", "get", f"/api/v2/{endpoint}/{value}/"))
        out.append(Probe("anonymous", "get", "/api/search/", {"page": value}))
        out.append(Probe("anonymous", "get", "/zoeken/", {"page": value}))
    for endpoint in ENDPOINTS:
        for operator in OPERATORS:
            query = {"search": "scheiden", "search_operator": operator}
            out.append(Probe("anonymous", "get", f"/api/v2/{endpoint}/", query))
    for path in METHOD_PATHS:
        for method in METHODS:
            out.append(Probe("anonymous", method, path))

    # Leaks: every public surface, anonymous (neither secret) and as a logged-in account without
    # groups (Wagtail rightly shows login-restricted pages to it; never the Ministerie-only one).
    surfaces = [
        "/",
        "/zoeken/?q=Afgeschermd",
        "/zoeken/?q=Intern",
        "/api/search/?q=Afgeschermd",
        "/api/search/?q=Intern",
        "/open-data/aanpakken.csv",
        "/open-data/aanpakken.json",
        "/api/v2/approaches/?limit=20",
        "/api/v2/approaches/?search=Afgeschermd",
        "/api/v2/approaches/?search=Intern",
        "/api/v2/pages/?limit=20",
        f"/api/v2/regions/{t.restricted_parent_id}/",
        "/sitemap.xml",
        "/landelijk-beeld/",
        t.session_url,
        t.restricted_parent_url,
        t.ministry_only_parent_url,
        f"/vergelijk/?ids={t.restricted_id}&ids={t.public_id}",
        f"/vergelijk/?ids={t.ministry_only_id}&ids={t.public_id}",
        f"/api/v2/pages/{t.ministry_only_id}/",
        f"/api/v2/approaches/{t.ministry_only_id}/",
    ]
    for path in surfaces:
        out.append(Probe("anonymous", "get", path, secrets=(SECRET, GROUP_SECRET)))
        out.append(Probe("member", "get", path, secrets=(GROUP_SECRET,)))
    for page_id in (t.restricted_id, t.ministry_only_id):
        for data in ({}, {"action": "unfollow"}):
            follow = f"/leden/volgen/{page_id}/"
            out.append(Probe("member", "post", follow, data, secrets=(SECRET, GROUP_SECRET)))
    return out


def registration_url(t: Targets) -> str:
    return t.session_url + "aanmelden/"


def registrations(t: Targets) -> list[dict]:
    return [
        {
            "name": f"Deelnemer {n}",
            "email": f"deelnemer{n}@example.org",
            "organisation": "Gemeente Test",
            "municipality": str(t.municipality_id),
            "role": "policy",
            "consent": "on",
            "website": "",
        }
        for n in range(REGISTRATIONS)
    ]


def lost_registrations(t: Targets, accepted: int) -> tuple[int, int, int]:
    """(lost, saved, queued): accepted on screen but not saved, or saved without its queued mail."""
    from events.models import Registration
    from outbox.models import OutgoingMail

    saved = Registration.objects.filter(session_id=t.session_id).count()
    queued = OutgoingMail.objects.filter(kind__startswith="events.", to__isnull=False).count()
    return accepted - saved + max(saved - queued, 0), saved, queued
