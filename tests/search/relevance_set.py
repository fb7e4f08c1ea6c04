"""A relevance set for the practice search: fictional but realistic profiles beside the five demo
profiles, and queries as peers type them (places, compounds, inflections, typos, interventions,
partners, free-text phrases), each with the profiles that should come first.

Grades: 2 = the profile the query is about, 1 = also relevant. ``evaluate`` returns the mean
reciprocal rank (first relevant hit) and nDCG@5 over all queries; ``test_relevance`` keeps a floor
and BENCHMARKS.md ("Search relevance") has the figures per engine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from wagtail.rich_text import RichText

from practices.models import ApproachPage, ApproachPartner, Intervention
from regions.models import Municipality
from tests.factories import region_page

# --- the fictional profiles (test data only; never part of the demo) ---------------------------

PROFILES = [
    {
        "region": "JZ33",
        "title": "Ouderpunt 's-Hertogenbosch",
        "level": "municipal",
        "municipalities": ["GM0796"],
        "summary": "Eén loket in de gemeente voor ouders die uit elkaar gaan, met spreekuren in de "
        "wijkteams.",
        "offer_note": "Ouderbijeenkomsten over het ouderschapsplan; kindgesprekken door de jeugdhulp.",
        "tags": ["ouderschapsplan"],
    },
    {
        "region": "JZ33",
        "title": "Samen Verder Noordoost Brabant",
        "level": "regional",
        "summary": "Regionale samenwerking van gemeenten, rechtbank en jeugdhulpaanbieders rond complexe "
        "scheidingen.",
        "evaluation_note": "Effectmeting met vragenlijsten bij ouders zes maanden na de start.",
    },
    {
        "region": "JZ06",
        "title": "Ouders Blijven Ouders",
        "level": "municipal",
        "municipalities": ["GM0373"],
        "summary": "Ondersteuning voor gescheiden ouders met lotgenotengroepen en een vast aanspreekpunt.",
    },
    {
        "region": "JZ06",
        "title": "Kind Centraal Noord-Kennemerland",
        "level": "regional",
        "summary": "Regionale aanpak waarin het kind een eigen stem krijgt in het scheidingsproces.",
        "body": "Een kinderbehartiger praat namens het kind mee bij mediation en in het gesprek met de "
        "ouders.",
    },
    {
        "region": "JZ15",
        "title": "Gezinsondersteuning Haarlemmermeer",
        "level": "municipal",
        "municipalities": ["GM0394"],
        "summary": "Gezinscoaches begeleiden ouders en kinderen tijdens en na de scheiding.",
        "reflection": "Wachtlijsten bij de specialistische jeugdzorg blijven een knelpunt; we willen meer "
        "preventie op scholen.",
    },
    {
        "region": "JZ24",
        "title": "Scheidingsnetwerk Hofstad",
        "level": "municipal",
        "municipalities": ["GM0518"],
        "summary": "Netwerk van maatschappelijk werk, advocatuur en onderwijs voor gezinnen in scheiding.",
        "partners": [{"organisation": "Stichting Villa Pinedo", "partner_type": "", "discipline": "care"}],
    },
    {
        "region": "JZ02",
        "title": "Sterk na Scheiding",
        "level": "municipal",
        "municipalities": ["GM1900"],
        "summary": "Laagdrempelige cursus voor ouders in de Friese Zuidwesthoek, gegeven in dorpshuizen.",
    },
    {
        "region": "JZ41",
        "title": "Jeugdhulp bij Scheiding Zuid-Limburg",
        "level": "regional",
        "summary": "Regionale inzet van jeugdhulp voor kinderen in vechtscheidingen.",
        "measurable_results": "Het aantal kinderbeschermingsmaatregelen daalde in twee jaar met een kwart.",
        "interventions": ["Kinderen uit de Knel"],
    },
    {
        "region": "JZ06",
        "title": "Samen Uit Elkaar",
        "level": "municipal",
        "municipalities": ["GM1980"],
        "summary": "Gemeentelijk programma met informatieavonden en een digitale scheidingswijzer.",
    },
    {
        "region": "JZ20",
        "title": "Scheidingsspreekuur Amersfoort",
        "level": "municipal",
        "municipalities": ["GM0307"],
        "summary": "Wekelijks spreekuur in de bibliotheek voor vragen over omgang, alimentatie en wonen.",
        "funding_note": "Betaald uit de middelen voor preventief jeugdbeleid en een bijdrage van de "
        "woningcorporatie.",
    },
]


def build_profiles() -> list[ApproachPage]:
    """Create and publish the fictional profiles (their search documents follow on commit)."""
    pages = []
    for spec in PROFILES:
        spec = dict(spec)
        parent = region_page(spec.pop("region"))
        municipalities = spec.pop("municipalities", [])
        partners = spec.pop("partners", [])
        tags = spec.pop("tags", [])
        interventions = spec.pop("interventions", [])
        body = spec.pop("body", "")
        page = ApproachPage(slug=_slug(spec["title"]), **spec)
        if body:
            page.body = [("paragraph", RichText(f"<p>{body}</p>"))]
        page.municipalities = list(Municipality.objects.filter(code__in=municipalities))
        page.partners = [ApproachPartner(**partner) for partner in partners]
        page.interventions = [Intervention.objects.get_or_create(name=name)[0] for name in interventions]
        parent.add_child(instance=page)
        for tag in tags:
            page.tags.add(tag)
        page.save_revision().publish()
        pages.append(page)
    return pages


def _slug(title: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-") + "-fictief"


# --- the queries ---------------------------------------------------------------------------------

SCHEIDINGSPUNT = "Scheidingspunt"
KENNISCENTRUM = "Kenniscentrum Kind en Scheiding"
DALFSEN = "Scheiden doe je Samen"
WIJZER = "Wijzer-Scheiden & High Conflict Forum"
JOOP = "JOOP"
DEN_BOSCH = "Ouderpunt 's-Hertogenbosch"
NOORDOOST = "Samen Verder Noordoost Brabant"
BERGEN = "Ouders Blijven Ouders"
KENNEMERLAND = "Kind Centraal Noord-Kennemerland"
HAARLEMMERMEER = "Gezinsondersteuning Haarlemmermeer"
HOFSTAD = "Scheidingsnetwerk Hofstad"
FRIESLAND = "Sterk na Scheiding"
LIMBURG = "Jeugdhulp bij Scheiding Zuid-Limburg"
DIJK_EN_WAARD = "Samen Uit Elkaar"
AMERSFOORT = "Scheidingsspreekuur Amersfoort"

QUERIES: list[tuple[str, str, dict[str, int]]] = [
    # places: CBS names, everyday names, suffixed names, regions and provinces
    ("place", "Den Bosch", {DEN_BOSCH: 2, NOORDOOST: 1}),
    ("place", "'s-Hertogenbosch", {DEN_BOSCH: 2, NOORDOOST: 1}),
    ("place", "Noord-Brabant", {WIJZER: 1, DEN_BOSCH: 1, NOORDOOST: 1}),
    ("place", "Den Haag", {HOFSTAD: 2, KENNISCENTRUM: 1}),
    ("place", "Bergen", {BERGEN: 2, KENNEMERLAND: 1}),
    ("place", "Bergen NH", {BERGEN: 2, KENNEMERLAND: 1}),
    ("place", "Hoofddorp", {HAARLEMMERMEER: 2}),
    ("place", "Sneek", {FRIESLAND: 2}),
    ("place", "Heerhugowaard", {DIJK_EN_WAARD: 2, KENNEMERLAND: 1}),
    ("place", "Zoetermeer", {SCHEIDINGSPUNT: 2, KENNISCENTRUM: 1}),
    ("place", "Middelburg", {JOOP: 2}),
    ("place", "Zeeland", {JOOP: 2}),
    ("place", "Limburg", {LIMBURG: 2}),
    ("place", "Friesland", {FRIESLAND: 2}),
    ("place", "Haaglanden", {KENNISCENTRUM: 2, SCHEIDINGSPUNT: 1, HOFSTAD: 1}),
    ("place", "Utrecht", {AMERSFOORT: 2}),
    # compounds and inflections
    ("compound", "jeugdhulp", {LIMBURG: 2, NOORDOOST: 1, DEN_BOSCH: 1}),
    ("compound", "hulp", {DALFSEN: 2, LIMBURG: 1, NOORDOOST: 1, DEN_BOSCH: 1}),
    ("compound", "ouderbijeenkomst", {DEN_BOSCH: 2, DALFSEN: 1}),
    ("compound", "bijeenkomsten ouders", {DEN_BOSCH: 2, DALFSEN: 1}),
    ("compound", "kinderbescherming", {LIMBURG: 2}),
    ("compound", "loket", {DALFSEN: 2, SCHEIDINGSPUNT: 2, DEN_BOSCH: 1}),
    ("compound", "training", {SCHEIDINGSPUNT: 2}),
    ("compound", "advocaat", {KENNISCENTRUM: 2, SCHEIDINGSPUNT: 2, DALFSEN: 1, WIJZER: 1, JOOP: 1}),
    ("compound", "wachtlijst", {HAARLEMMERMEER: 2}),
    ("compound", "lotgenotengroep", {BERGEN: 2}),
    ("compound", "scheidingsmediator", {SCHEIDINGSPUNT: 1, DALFSEN: 1, WIJZER: 1, JOOP: 1}),
    ("compound", "jeugdbeleid", {AMERSFOORT: 2}),
    # one-letter typos in names and words
    ("typo", "Zoetermer", {SCHEIDINGSPUNT: 2, KENNISCENTRUM: 1}),
    ("typo", "Dalfen", {DALFSEN: 2}),
    ("typo", "Tilbrug", {WIJZER: 2}),
    ("typo", "mediaton", {KENNEMERLAND: 2}),
    ("typo", "Kenniscentum", {KENNISCENTRUM: 2}),
    ("typo", "verbindinspersoon", {JOOP: 2}),
    ("typo", "Haarlemermeer", {HAARLEMMERMEER: 2}),
    ("typo", "rechtbnk", {JOOP: 1, NOORDOOST: 1}),
    # words that only occur in stories, evaluation, results or reflection
    ("free text", "impactmonitoring", {SCHEIDINGSPUNT: 2}),
    ("free text", "hort op", {DALFSEN: 2}),
    ("free text", "preventie", {WIJZER: 2, HAARLEMMERMEER: 2, AMERSFOORT: 1}),
    ("free text", "congres", {KENNISCENTRUM: 2, JOOP: 2}),
    ("free text", "signalering verenigingen", {DALFSEN: 2}),
    ("free text", "kinderbehartiger", {KENNEMERLAND: 2}),
    ("free text", "effectmeting", {NOORDOOST: 2}),
    ("free text", "geweldproblematiek", {WIJZER: 2}),
    ("free text", "woningcorporatie", {AMERSFOORT: 2}),
    # interventions, partner organisations and tags
    ("name", "MASIC", {WIJZER: 2}),
    ("name", "KIES", {SCHEIDINGSPUNT: 2}),
    ("name", "Villa Pinedo", {HOFSTAD: 2}),
    ("name", "Kinderen uit de Knel", {LIMBURG: 2}),
    ("name", "Dappere Dino's", {SCHEIDINGSPUNT: 2}),
    ("name", "ouderschapsplan", {DEN_BOSCH: 2}),
]


@dataclass
class QueryScore:
    kind: str
    q: str
    reciprocal_rank: float
    ndcg5: float
    top: list[str]


def ndcg_at(ranked: list[str], grades: dict[str, int], k: int = 5) -> float:
    def dcg(gains):
        return sum((2**gain - 1) / math.log2(position + 2) for position, gain in enumerate(gains[:k]))

    ideal = dcg(sorted(grades.values(), reverse=True))
    return dcg([grades.get(title, 0) for title in ranked]) / ideal if ideal else 0.0


def reciprocal_rank(ranked: list[str], grades: dict[str, int]) -> float:
    return next((1 / (position + 1) for position, title in enumerate(ranked) if title in grades), 0.0)


def evaluate(search) -> tuple[float, float, list[QueryScore]]:
    """``search(q) -> list of titles, best first``; returns (MRR, mean nDCG@5, per query)."""
    scores = []
    for kind, q, grades in QUERIES:
        ranked = search(q)
        rank, gain = reciprocal_rank(ranked, grades), ndcg_at(ranked, grades)
        scores.append(QueryScore(kind, q, rank, gain, ranked[:5]))
    mrr = sum(s.reciprocal_rank for s in scores) / len(scores)
    ndcg = sum(s.ndcg5 for s in scores) / len(scores)
    return mrr, ndcg, scores


def report(scores: list[QueryScore]) -> str:
    lines = []
    for kind in dict.fromkeys(s.kind for s in scores):
        group = [s for s in scores if s.kind == kind]
        lines.append(
            f"{kind:10s} n={len(group):2d}  MRR {sum(s.reciprocal_rank for s in group) / len(group):.3f}  "
            f"nDCG@5 {sum(s.ndcg5 for s in group) / len(group):.3f}"
        )
    failing = [s for s in scores if s.reciprocal_rank < 1]
    lines.append("not first: " + "; ".join(f"{s.q!r} -> {s.top[:3]}" for s in failing))
    partial = [s for s in scores if s.ndcg5 < 1]
    lines.append("nDCG@5 < 1: " + "; ".join(f"{s.q!r} {s.ndcg5:.2f} -> {s.top}" for s in partial))
    return "\n".join(lines)
