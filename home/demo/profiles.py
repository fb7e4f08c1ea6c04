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

# Summaries paraphrase the seed facts of each initiative (no new facts).
SUMMARIES = {
    "wijzer-scheiden-midden-brabant": (
        "Samenwerking in Midden-Brabant, gestart in Tilburg, met een gezamenlijke website in plaats "
        "van een fysiek echtscheidingsloket en een apart casusoverleg (High Conflict Forum) voor "
        "vastgelopen complexe scheidingen."
    ),
    "scheidingspunt-zoetermeer": (
        "Scheidingsloket in Zoetermeer met spreekuren. Partners werken samen in drie schillen en "
        "zorgaanbieders geven groepstrainingen als KIES en Dappere Dino's samen."
    ),
    "kenniscentrum-kind-en-scheiding-haaglanden": (
        "Regionaal overkoepelend initiatief in Haaglanden dat de rechterlijke macht, advocaten en "
        "hulpverleners bij elkaar brengt."
    ),
    "scheiden-doe-je-samen-dalfsen": (
        "Samenwerking binnen de gemeente Dalfsen met een laagdrempelig loket, waarbij ook kleine "
        "lokale organisaties worden betrokken."
    ),
    "joop-zeeland": (
        "Regionale aanpak in Zeeland die nog vooral op papier staat, met een werkgroep van alle "
        "disciplines (zorg, recht, gemeente) en één vaste verbindingspersoon in plaats van een loket."
    ),
}

# The four initiatives of the 2018 study share these findings (seed: common_to_all_four).
STUDY_2018 = {
    "wijzer-scheiden-midden-brabant",
    "scheidingspunt-zoetermeer",
    "scheiden-doe-je-samen-dalfsen",
    "joop-zeeland",
}

# Interventions' own facts (what, for whom, sources): interventions/data/interventions.json.
INTERVENTION_ALIASES = {"KIES": "KIES (Kinderen In Echtscheiding Situatie)"}


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


def profile_fields(spec: dict, common: dict) -> dict:
    facts = spec.get("facts", {})
    slug = spec["slug"]
    in_study = slug in STUDY_2018
    fields = {
        "title": spec["name"],
        "slug": slug,
        "summary": SUMMARIES.get(slug, ""),
        "level": spec.get("level") or "",
        "stage": facts.get("stage") or "",
        "status_note": "\n\n".join(
            filter(
                None, [_nl(facts.get("started_in")), _nl(facts.get("stage_note")), _nl(facts.get("history"))]
            )
        ),
        "front_door": facts.get("front_door") or "",
        "front_door_operator": facts.get("front_door_operator") or "",
        "front_door_note": _nl(facts.get("front_door_note")),
        "case_consultation": _nl(facts.get("case_consultation")),
        "expertise_note": _nl(facts.get("training")),
        "steering_group_note": _nl(facts.get("steering_group")),
        "lead_organisation": facts.get("lead_organisation") or "",
        "lead_note": _nl(facts.get("lead_note")),
        "working_groups": "\n\n".join(
            filter(
                None,
                [
                    _nl(facts.get("meeting_cadence_weeks")),
                    _nl(facts.get("working_groups")),
                    _nl(common.get("meeting_cadence"))
                    if in_study and not facts.get("meeting_cadence_weeks")
                    else "",
                ],
            )
        ),
        "governance_note": _nl(facts.get("decision_style")),
        "partners_note": "\n\n".join(
            filter(
                None,
                [
                    _nl(facts.get("partner_circles")),
                    _nl(facts.get("small_organisations")),
                    _nl(common.get("partners")) if in_study else "",
                ],
            )
        ),
        "offer_note": "\n\n".join(
            filter(None, [_nl(facts.get("joint_interventions_note")), _nl(facts.get("parent_meeting"))])
        ),
        "evaluation_note": "\n\n".join(
            filter(
                None,
                [
                    _nl(facts.get("monitoring")),
                    _nl(common.get("effectiveness")) if in_study else "",
                ],
            )
        ),
        "reflection": _nl(facts.get("reflection")),
        "success_factors": list(facts.get("success_factors") or []),
        "hindering_factors": list(facts.get("hindering_factors") or []),
        "body": _paragraphs(
            ("Bijeenkomsten", _nl(facts.get("events"))),
            ("Signalering", _nl(facts.get("signalling"))),
            ("Positie in de regio", _nl(facts.get("note"))),
            ("Gedeelde middelen", _nl(common.get("shared_resources")) if in_study else ""),
        ),
        "sources": "\n".join(_source_title(source) for source in spec.get("sources", [])),
    }
    return fields


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
    seed = load_seed()
    interventions = ensure_interventions(seed)
    created = skipped = 0
    for spec in seed["profiles"]:
        region_page = RegionPage.objects.get(youth_care_region__code=spec["region"]["cbs_code"])
        if ApproachPage.objects.child_of(region_page).filter(slug=spec["slug"]).exists():
            skipped += 1
            continue
        page = ApproachPage(**profile_fields(spec, seed.get("common_to_all_four", {})))
        codes = [m["cbs_code"] for m in spec.get("municipalities_named", [])]
        page.municipalities = list(Municipality.objects.filter(code__in=codes))
        used = [
            interventions[INTERVENTION_ALIASES.get(name, name)]
            for name in spec.get("facts", {}).get("joint_interventions", [])
        ]
        used += [
            i for name, i in interventions.items() if spec["slug"] in _used_by(seed, name) and i not in used
        ]
        page.interventions = used
        region_page.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return {"created": created, "skipped": skipped}


def _used_by(seed: dict, name: str) -> list[str]:
    for spec in seed.get("interventions", []):
        if spec["name"] == name:
            return spec.get("used_by", [])
    return []
