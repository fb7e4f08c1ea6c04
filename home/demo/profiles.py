"""Demo profiles of the real initiatives, built only from ``seed-profiles.json``.

Every value below is either copied from the seed file or a paraphrase of its Dutch facts; any
field the sources do not cover stays empty. Do not add facts here that are not in the seed.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.db import transaction

from practices.models import ApproachPage, Intervention
from regions.models import Municipality, RegionPage

SEED_FILE = Path(__file__).resolve().parent / "seed-profiles.json"

SOURCE_TITLES = {
    "004_d4eeb08d463455ba.txt": (
        "Pluijmen (2018), masterscriptie Sociologie (Universiteit Utrecht) over "
        "samenwerkingsinitiatieven op het gebied van complexe scheidingen"
    ),
    "000_4a2599bc865be062.txt": (
        "Aandacht en aanpak gemeenten voor (echt)scheidingen: quickscan stand van zaken "
        "(17 maart 2025), in opdracht van het ministerie van Justitie en Veiligheid"
    ),
}

# The lead of each profile is one of its own seed facts (no paraphrase: every sentence shown on a
# real initiative's page is in the seed file; tests/home/test_seed_statements.py checks it).
SUMMARY_FACT = {
    "wijzer-scheiden-midden-brabant": "case_consultation",
    "scheidingspunt-zoetermeer": "front_door_note",
    "kenniscentrum-kind-en-scheiding-haaglanden": "events",
    "scheiden-doe-je-samen-dalfsen": "history",
    "joop-zeeland": "stage_note",
}

# The four initiatives of the 2018 study share these findings (seed: common_to_all_four). They are
# findings across the initiatives, so each page shows them under a heading that says so, never in
# the initiative's own fields.
STUDY_2018 = {
    "wijzer-scheiden-midden-brabant",
    "scheidingspunt-zoetermeer",
    "scheiden-doe-je-samen-dalfsen",
    "joop-zeeland",
}
COMMON_FINDINGS_HEADING = (
    "Bevindingen over alle vier initiatieven uit het onderzoek van 2018 (niet specifiek voor dit initiatief)"
)
COMMON_FINDINGS = ("meeting_cadence", "partners", "effectiveness", "shared_resources")

# Seed facts (a profile's "stage") that describe 2018, while the field stores the answer to Q4 of
# the 2025 quickscan: kept out of that field so no figure counts them as a quickscan answer. The
# stage stays readable in the status note (JOOP's "stage_note").
NOT_QUICKSCAN_ANSWERS = {"stage"}

# Interventions the seed links to a profile while the profile's own fact hedges: the study names
# KIES and Dappere Dino's as examples "in enkele regio's", without saying which (seed
# joint_interventions_note). Linking them would state more than the source does.
HEDGED_INTERVENTION_USES = {
    ("scheidingspunt-zoetermeer", "KIES (Kinderen In Echtscheiding Situatie)"),
    ("scheidingspunt-zoetermeer", "Dappere Dino's"),
}

# Interventions' own facts (what, for whom, sources): interventions/data/interventions.json.


def load_seed() -> dict:
    return json.loads(SEED_FILE.read_text(encoding="utf-8"))


def _nl(fact) -> str:
    return (fact or {}).get("nl", "") if isinstance(fact, dict) else ""


def _paragraphs(*pairs: tuple[str, str]) -> list[dict]:
    blocks = []
    for heading, text in pairs:
        if text:
            blocks.append({"type": "heading", "value": heading})
            blocks.append({"type": "paragraph", "value": f"<p>{text}</p>"})
    return blocks


@transaction.atomic
def ensure_interventions(seed: dict) -> dict[str, Intervention]:
    result = {}
    for spec in seed.get("interventions", []):
        intervention, _ = Intervention.objects.get_or_create(
            name=spec["name"],
            defaults={
                "evidence_level": spec.get("evidence_level") or "",
                "recognised_on": datetime.date.fromisoformat(spec["recognised_on"])
                if spec.get("recognised_on")
                else None,
                "recognised_by": spec.get("recognised_by") or "",
            },
        )
        result[spec["name"]] = intervention
    return result


def _joined(*texts: str) -> str:
    return "\n\n".join(text for text in texts if text)


def profile_fields(spec: dict, common: dict, source_dates: dict | None = None) -> dict:
    facts = spec.get("facts", {})
    slug = spec["slug"]
    in_study = slug in STUDY_2018
    dates = _source_dates(spec, source_dates or {})
    fields = {
        "title": spec["name"],
        "slug": slug,
        "summary": _nl(facts.get(SUMMARY_FACT.get(slug, ""))),
        "level": spec.get("level") or "",
        "stage": "" if "stage" in NOT_QUICKSCAN_ANSWERS else facts.get("stage") or "",
        "status_note": _joined(
            _nl(facts.get("started_in")), _nl(facts.get("stage_note")), _nl(facts.get("history"))
        ),
        "front_door": facts.get("front_door") or "",
        "front_door_operator": facts.get("front_door_operator") or "",
        "front_door_note": _nl(facts.get("front_door_note")),
        "case_consultation": _nl(facts.get("case_consultation")),
        "expertise_note": _nl(facts.get("training")),
        "steering_group_note": _nl(facts.get("steering_group")),
        "lead_organisation": facts.get("lead_organisation") or "",
        "lead_note": _nl(facts.get("lead_note")),
        "working_groups": _joined(_nl(facts.get("meeting_cadence_weeks")), _nl(facts.get("working_groups"))),
        "governance_note": _joined(_nl(facts.get("decision_style")), _nl(facts.get("network_character"))),
        "partners_note": _joined(_nl(facts.get("partner_circles")), _nl(facts.get("small_organisations"))),
        "offer_note": _joined(_nl(facts.get("joint_interventions_note")), _nl(facts.get("parent_meeting"))),
        "evaluation_note": _nl(facts.get("monitoring")),
        "reflection": _joined(
            _nl(facts.get("reflection")),
            _nl(facts.get("wish_learn_from_others")),
            _nl(facts.get("wish_national_funding")),
            _nl(facts.get("wish_mandate_heavier_help")),
        ),
        "success_factors": list(facts.get("success_factors") or []),
        "hindering_factors": list(facts.get("hindering_factors") or []),
        "body": [
            *_paragraphs(
                ("Bijeenkomsten", _nl(facts.get("events"))),
                ("Signalering", _nl(facts.get("signalling"))),
                ("Positie in de regio", _nl(facts.get("note"))),
            ),
            *(_common_findings(common) if in_study else []),
        ],
        "sources": "\n".join(
            f"{_source_title(source)} · peildatum {period}" for source, (_date, period) in dates.items()
        ),
        # The profile describes the situation of its oldest source (most of its facts).
        "data_date": min((date for date, _period in dates.values()), default=None),
        "data_period": min(dates.values(), default=(None, ""))[1],
    }
    return fields


def _common_findings(common: dict) -> list[dict]:
    texts = [_nl(common.get(key)) for key in COMMON_FINDINGS]
    if not any(texts):
        return []
    return [
        {"type": "heading", "value": COMMON_FINDINGS_HEADING},
        *({"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts if text),
    ]


def _source_dates(spec: dict, source_dates: dict) -> dict[str, tuple[datetime.date | None, str]]:
    """Each of the profile's sources with its peildatum (seed ``source_dates``)."""
    result = {}
    for source in spec.get("sources", []):
        known = source_dates.get(source.partition(" ")[0], {})
        date = datetime.date.fromisoformat(known["data_date"]) if known.get("data_date") else None
        result[source] = (date, _nl(known.get("period")))
    return result


def _source_title(source: str) -> str:
    filename, _, rest = source.partition(" ")
    title = SOURCE_TITLES.get(filename, filename)
    chapters = rest.rsplit(")", 1)[-1].strip()
    chapters = (
        chapters.replace("chapters", "hoofdstukken").replace("section", "paragraaf").replace(" and ", " en ")
    )
    return f"{title}, {chapters}" if chapters else title


@transaction.atomic
def ensure_demo_profiles() -> dict[str, int]:
    """Create the real initiatives' profiles; bring one the loader made (never edited by a person)
    up to date with the seed file; leave a profile someone edited alone."""
    seed = load_seed()
    interventions = ensure_interventions(seed)
    created = updated = skipped = 0
    for spec in seed["profiles"]:
        region_page = RegionPage.objects.get(youth_care_region__code=spec["region"]["cbs_code"])
        fields = profile_fields(spec, seed.get("common_to_all_four", {}), seed.get("source_dates", {}))
        existing = ApproachPage.objects.child_of(region_page).filter(slug=spec["slug"]).first()
        if existing is not None and existing.revisions.exclude(user=None).exists():
            skipped += 1
            continue
        codes = [m["cbs_code"] for m in spec.get("municipalities_named", [])]
        municipalities = list(Municipality.objects.filter(code__in=codes).order_by("pk"))
        used = [
            intervention
            for name, intervention in interventions.items()
            if spec["slug"] in _used_by(seed, name) and (spec["slug"], name) not in HEDGED_INTERVENTION_USES
        ]
        page = existing.specific if existing is not None else ApproachPage()
        if existing is not None and _same(page, fields, municipalities, used):
            skipped += 1
            continue
        for name, value in fields.items():
            setattr(page, name, value)
        page.municipalities = municipalities
        page.interventions = used
        if existing is None:
            region_page.add_child(instance=page)
            created += 1
        else:
            updated += 1
        page.save_revision().publish()
    return {"created": created, "updated": updated, "skipped": skipped}


def _same(page: ApproachPage, fields: dict, municipalities: list, interventions: list) -> bool:
    """Whether the page already holds what the seed gives it (so a second load publishes nothing)."""
    fresh = ApproachPage(**fields)
    for name in fields:
        if name == "body":
            if _blocks(page.body) != _blocks(fresh.body):
                return False
            continue
        field = ApproachPage._meta.get_field(name)
        normalise = getattr(field, "normalise", lambda value: value)  # code lists are stored in order
        if normalise(getattr(page, name)) != normalise(getattr(fresh, name)):
            return False
    return sorted(m.pk for m in page.municipalities.all()) == [m.pk for m in municipalities] and sorted(
        i.pk for i in page.interventions.all()
    ) == sorted(i.pk for i in interventions)


def _blocks(stream) -> list[tuple[str, str]]:
    return [(block["type"], str(block["value"])) for block in stream.raw_data]


def _used_by(seed: dict, name: str) -> list[str]:
    for spec in seed.get("interventions", []):
        if spec["name"] == name:
            return spec.get("used_by", [])
    return []
