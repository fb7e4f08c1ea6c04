"""Demo sessions: clearly fictional ("Fictieve demo: …"), dated relative to the day they are made.

One past session with a report, one upcoming session recommended by the ministry, one small
upcoming online session that is already full (so the waiting list can be tried). The featured
profiles are the real demo profiles; nothing here is presented as a fact about them.
Idempotent: sessions are found by slug and left alone when they exist.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from practices.models import ApproachPage
from regions.models import RegionPage

from .models import SESSION_TIME_ZONE, EventIndexPage, ExchangeSessionPage, Registration
from .roles import ensure_event_permissions

DEMO_NOTE = "Dit is een fictieve demobijeenkomst om de site te laten zien; er vindt niets plaats."


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=SESSION_TIME_ZONE)


def _specs() -> list[dict]:
    return [
        {
            "slug": "demo-terugblik-zorg-en-recht",
            "title": "Fictieve demo: terugblik zorg en recht aan één tafel",
            "intro": "Hoe brengen regio's hulpverleners, advocaten en rechtspraak bij elkaar? " + DEMO_NOTE,
            "theme_cooperation_bottlenecks": ["different_principles"],
            "theme_national_bottlenecks": ["chain_and_judiciary"],
            "start": _at(-45, 13, 30),
            "end": _at(-45, 16, 30),
            "format": "in_person",
            "venue": "Fictieve locatie\nDemostraat 1\nDen Haag",
            "capacity": 40,
            "hosts": ["Haaglanden"],
            "featured": ["kenniscentrum-kind-en-scheiding-haaglanden"],
            "audience": "Coördinatoren en beleidsmedewerkers van gemeenten en regio's (fictief).",
            "report": (
                "<p>Fictief verslag voor de demo. De deelnemers bespraken hoe zorg en recht kunnen "
                "samenwerken zonder dat uitgangspunten botsen.</p>"
            ),
            "outcomes": "<ul><li>Fictieve afspraak: vervolgbijeenkomst over casusoverleg.</li></ul>",
            "registrants": 3,
        },
        {
            "slug": "demo-een-voordeur-voor-ouders",
            "title": "Fictieve demo: één voordeur voor ouders in scheiding",
            "intro": "Loket, website of verbindingspersoon: welke voordeur past bij uw regio? " + DEMO_NOTE,
            "theme_execution_bottlenecks": ["offer_incoherent"],
            "theme_support_needs": ["regional_coordination"],
            "start": _at(30, 10),
            "end": _at(30, 12, 30),
            "format": "hybrid",
            "venue": "Fictieve locatie\nVoorbeeldplein 2\nUtrecht",
            "online_link": "https://example.org/fictieve-demo-voordeur",
            "capacity": 30,
            "hosts": ["Haaglanden", "Midden-Brabant (Hart van Brabant)"],
            "featured": ["scheidingspunt-zoetermeer", "wijzer-scheiden-midden-brabant"],
            "audience": "Gemeenten en regio's die een voordeur willen opzetten of verbeteren (fictief).",
            "recommended_by_ministry": True,
            "recommendation_reason": (
                "Fictieve demo-aanbeveling: de quickscan van 2025 beveelt uitwisseling tussen regio's aan."
            ),
            "registrants": 2,
        },
        {
            "slug": "demo-deskundigheid-online",
            "title": "Fictieve demo: deskundigheid bij complexe scheidingen (online)",
            "intro": "Kleine online sessie over training van professionals. " + DEMO_NOTE,
            "theme_support_needs": ["expertise"],
            "theme_cooperation_bottlenecks": ["lack_of_knowledge"],
            "start": _at(60, 15),
            "end": _at(60, 16, 30),
            "format": "online",
            "online_link": "https://example.org/fictieve-demo-deskundigheid",
            "capacity": 3,
            "hosts": ["Zeeland"],
            "featured": ["joop-zeeland"],
            "registrants": 3,
        },
    ]


@transaction.atomic
def ensure_demo_sessions() -> int:
    ensure_event_permissions()
    index = EventIndexPage.objects.first()
    if index is None:
        return 0
    created = 0
    for spec in _specs():
        if ExchangeSessionPage.objects.filter(slug=spec["slug"]).exists():
            continue
        spec = dict(spec)
        hosts = list(RegionPage.objects.filter(title__in=spec.pop("hosts")))
        featured = list(ApproachPage.objects.filter(slug__in=spec.pop("featured")))
        registrants = spec.pop("registrants")
        page = ExchangeSessionPage(organiser_email="bijeenkomsten@example.org", **spec)
        page.host_regions = hosts
        page.featured_approaches = featured
        index.add_child(instance=page)
        page.save_revision().publish()
        _add_registrants(page, registrants)
        created += 1
    return created


def _add_registrants(page: ExchangeSessionPage, count: int) -> None:
    """Fictional registrants (example.org) so organisers see a list; past sessions count as attended."""
    for number in range(1, count + 1):
        Registration.objects.create(
            session=page,
            name=f"Fictieve deelnemer {number}",
            email=f"deelnemer{number}.{page.slug}@example.org",
            organisation="Fictieve gemeente",
            role=Registration.Role.POLICY,
            status=Registration.Status.CONFIRMED,
            consent_at=timezone.now(),
        )
