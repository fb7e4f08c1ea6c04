"""The hostile run of issue 17 as one reproducible test: out-of-range integers, unknown operators,
every HTTP method, probes for a login-restricted profile on every public surface, and public
registrations while the mail server refuses. Prints the figures quoted in the README:

    .venv/bin/python -m pytest tests/hostile/test_attack_run.py -q -s -p no:cacheprovider

Counts: inputs tried, 5xx answers, leaks (the restricted profile's title or summary in a public
answer) and lost registrations (accepted on screen but not saved, or saved without its mail).
In-process through Django's test client (the full middleware stack, production-like DEBUG=False).
"""

from __future__ import annotations

import socket

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, override_settings
from wagtail.models import PageViewRestriction

from events.models import Registration
from outbox.models import OutgoingMail
from practices.models import ApproachPage
from regions.models import Municipality
from regions.roles import MINISTRY_GROUP
from tests.events.conftest import make_session
from tests.factories import make_approach

pytestmark = pytest.mark.django_db

SECRET = "Qwxyzgeheim"  # title word of a login-restricted profile: no anonymous answer may hold it
GROUP_SECRET = "Plmokgeheim"  # of a profile restricted to Ministerie: no member answer may hold it
INTEGERS = [str(2**63), str(2**64), "9" * 30, "-1", "1e9", "0x10", "٣", "²", " 1", "%00", ""]
ENDPOINTS = ["approaches", "regions", "sessions", "pages", "images", "documents"]
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


def _refusing_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_hostile_run(demo, django_capture_on_commit_callbacks, commit_after_requests):
    with django_capture_on_commit_callbacks(execute=True):
        restricted = make_approach(title=f"Afgeschermd {SECRET}", summary=f"Samenvatting {SECRET}")
        PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
        ministry_only = make_approach(title=f"Intern {GROUP_SECRET}", summary=f"Alleen {GROUP_SECRET}")
        restriction = PageViewRestriction.objects.create(
            page=ministry_only, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name=MINISTRY_GROUP))
    public_ids = list(ApproachPage.objects.published().values_list("pk", flat=True)[:2])
    featured = [restricted, ministry_only, *ApproachPage.objects.published()[:1]]
    session = make_session(capacity=3, featured_approaches=featured)
    anonymous, member = Client(), Client()
    member.force_login(get_user_model().objects.create_user("aanvaller", "a@example.org", "pw"))
    tried = errors = leaks = 0
    failures: list[str] = []

    def hit(client, method, path, data=None, secrets=()):
        nonlocal tried, errors, leaks
        tried += 1
        response = getattr(client, method)(path, data) if data is not None else getattr(client, method)(path)
        if response.status_code >= 500:
            errors += 1
            failures.append(f"{response.status_code} {method.upper()} {path} {data or ''}")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        for secret in secrets:
            if secret.encode() in body:
                leaks += 1
                failures.append(f"leak of {secret} in {method.upper()} {path}")
        return response

    for value in INTEGERS:
        hit(anonymous, "get", "/vergelijk/", {"ids": [value, "1"]})
        for client in (anonymous, member):
            hit(client, "get", f"/leden/contact/{value}/")
            hit(client, "post", f"/leden/volgen/{value}/")
            hit(client, "post", f"/leden/zoekopdrachten/{value}/verwijderen/")
        for endpoint in ENDPOINTS:
            for name in ("offset", "limit"):
                hit(anonymous, "get", f"/api/v2/{endpoint}/", {name: value})
            hit(anonymous, "get", f"/api/v2/{endpoint}/{value}/")
        hit(anonymous, "get", "/api/search/", {"page": value})
        hit(anonymous, "get", "/zoeken/", {"page": value})
    for endpoint in ENDPOINTS:
        for operator in ("xor", "AND", "", "or\x00", "and;drop"):
            hit(anonymous, "get", f"/api/v2/{endpoint}/", {"search": "scheiden", "search_operator": operator})
    for path in METHOD_PATHS:
        for method in METHODS:
            hit(anonymous, method, path)

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
        f"/api/v2/regions/{restricted.get_parent().pk}/",
        "/sitemap.xml",
        "/landelijk-beeld/",
        session.url,
        restricted.get_parent().url,
        ministry_only.get_parent().url,
        f"/vergelijk/?ids={restricted.pk}&ids={public_ids[0]}",
        f"/vergelijk/?ids={ministry_only.pk}&ids={public_ids[0]}",
        f"/api/v2/pages/{ministry_only.pk}/",
        f"/api/v2/approaches/{ministry_only.pk}/",
    ]
    for path in surfaces:
        hit(anonymous, "get", path, secrets=(SECRET, GROUP_SECRET))
        hit(member, "get", path, secrets=(GROUP_SECRET,))
    for page in (restricted, ministry_only):
        for data in ({}, {"action": "unfollow"}):
            hit(member, "post", f"/leden/volgen/{page.pk}/", data, secrets=(SECRET, GROUP_SECRET))

    # Lost registrations: the mail server refuses every connection.
    accepted = 0
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=_refusing_port(),
        EMAIL_TIMEOUT=1,
    ):
        municipality = str(Municipality.objects.order_by("pk").first().pk)
        for n in range(6):
            data = {
                "name": f"Deelnemer {n}",
                "email": f"deelnemer{n}@example.org",
                "organisation": "Gemeente Test",
                "municipality": municipality,
                "role": "policy",
                "consent": "on",
                "website": "",
            }
            response = hit(Client(), "post", session.url + "aanmelden/", data)
            accepted += response.status_code == 302
    saved = Registration.objects.filter(session=session)
    queued = OutgoingMail.objects.filter(kind__startswith="events.", to__isnull=False)
    lost = accepted - saved.count() + max(saved.count() - queued.count(), 0)

    print(f"\nhostile run: inputs tried {tried}, 5xx {errors}, leaks {leaks}, lost registrations {lost}")
    assert accepted == 6  # 3 confirmed + 3 waiting list
    assert (errors, leaks, lost) == (0, 0, 0), failures
