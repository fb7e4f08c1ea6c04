"""Open data: every published profile as CSV and JSON (one record per profile).

Only public data: named contact persons (ApproachContact) never leave the site this way.

Format (documented in the README and in /api/schema/):
* single codes: ``<field>`` (code) and ``<field>_label`` (Dutch label);
* multi-valued codes: ``<field>`` as codes joined with ``;`` and ``<field>_labels`` likewise
  (CSV); in JSON both are arrays;
* municipalities: CBS codes and names, ``;``-separated in CSV;
* partners: ``partner_types`` (distinct codes) and ``partner_organisations`` (names).
"""

from __future__ import annotations

import io
from collections import defaultdict

from django.utils import translation

from . import taxonomy
from .csv_export import SafeDictWriter
from .figures import ReferenceLookup, published_profiles

SEPARATOR = ";"

# (export column, model attribute, vocabulary)
SINGLE_CODES = [
    ("level", "level", "level"),
    ("stage", "stage", "stage"),
    ("start_period", "start_period", "start_period"),
    ("complex_divorce_frequency", "complex_divorce_frequency", "frequency_scale"),
    ("cooperation_mode", "cooperation_mode", "cooperation_mode"),
    ("adoption_elsewhere", "adoption_elsewhere", "adoption_elsewhere"),
    ("cooperation_intensity", "cooperation_intensity", "cooperation_intensity"),
    ("funding_structure", "funding_structure", "funding_structure"),
    ("policy_ownership", "policy_ownership", "policy_ownership"),
    ("execution_ownership", "execution_ownership", "execution_ownership"),
    ("lead_organisation", "lead_organisation", "lead_organisation"),
    ("front_door", "front_door", "front_door"),
    ("front_door_operator", "front_door_operator", "front_door_operator"),
    ("evaluation_status", "evaluation_status", "evaluation_status"),
]
MULTI_CODES = [
    ("funding_sources", "funding_sources", "funding_source"),
    ("offers", "offers", "offer"),
    ("expertise_measures", "expertise_measures", "expertise_measure"),
    ("cooperation_bottlenecks", "cooperation_bottlenecks", "cooperation_bottleneck"),
    ("execution_bottlenecks", "execution_bottlenecks", "execution_bottleneck"),
    ("national_bottlenecks", "national_bottlenecks", "national_bottleneck"),
    ("support_needs", "support_needs", "support_need"),
    ("success_factors", "success_factors", "success_factor"),
    ("hindering_factors", "hindering_factors", "hindering_factor"),
]
PLAIN = [
    "start_year",
    "has_vision",
    "has_steering_group",
    "meeting_cadence_weeks",
    "website",
    "contact_email",
]


def columns() -> list[str]:
    names = ["id", "title", "url", "summary", "region_code", "region", "size_class"]
    for name, _attr, _vocabulary in SINGLE_CODES:
        names += [name, f"{name}_label"]
    for name, _attr, _vocabulary in MULTI_CODES:
        names += [name, f"{name}_labels"]
    names += ["partner_types", "partner_types_labels", "partner_organisations"]
    names += ["municipality_codes", "municipality_names", "interventions", "tags"]
    names += [
        *PLAIN,
        "annual_budget",
        "fte",
        "last_reviewed",
        "last_published_at",
        "is_stale",
        "is_fictional",
    ]
    return names


def records(request=None) -> list[dict]:
    """One dict per published profile; lists stay lists (JSON), ``csv_rows`` joins them."""
    from .models import ApproachPage, ApproachPartner

    with translation.override("nl"):
        pages = list(
            published_profiles().order_by("path").prefetch_related("interventions", "tagged_items__tag")
        )
        ids = [page.pk for page in pages]
        partners: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for page_id, organisation, partner_type in (
            ApproachPartner.objects.filter(page_id__in=ids)
            .order_by("page_id", "sort_order", "pk")
            .values_list("page_id", "organisation", "partner_type")
        ):
            partners[page_id].append((organisation, partner_type))
        municipalities: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
        through = ApproachPage.municipalities.through
        for page_id, code, name, pk in (
            through.objects.filter(approachpage_id__in=ids)
            .order_by("municipality__sort_name", "municipality__name")
            .values_list("approachpage_id", "municipality__code", "municipality__name", "municipality_id")
        ):
            municipalities[page_id].append((code, name, pk))
        lookup = ReferenceLookup()
        region_names = _region_names()
        result = []
        for page in pages:
            region_page_id, region_code, youth_care_region_id = lookup.region_for(page.path)
            record = {
                "id": page.pk,
                "title": page.title,
                "url": page.get_full_url(request),
                "summary": page.summary,
                "region_code": region_code,
                "region": region_names.get(region_page_id, ""),
                "size_class": lookup.size_class_for(
                    [pk for _code, _name, pk in municipalities[page.pk]], youth_care_region_id
                ),
            }
            for name, attr, vocabulary in SINGLE_CODES:
                code = getattr(page, attr) or ""
                record[name] = code
                record[f"{name}_label"] = taxonomy.label(vocabulary, code) if code else ""
            for name, attr, vocabulary in MULTI_CODES:
                codes = list(getattr(page, attr) or [])
                record[name] = codes
                record[f"{name}_labels"] = taxonomy.vocabulary(vocabulary).labels(codes)
            partner_codes = taxonomy.vocabulary("partner_type")
            types = [code for code in partner_codes.codes if code in {t for _o, t in partners[page.pk]}]
            record["partner_types"] = types
            record["partner_types_labels"] = partner_codes.labels(types)
            record["partner_organisations"] = [organisation for organisation, _t in partners[page.pk]]
            record["municipality_codes"] = [code for code, _name, _pk in municipalities[page.pk]]
            record["municipality_names"] = [name for _code, name, _pk in municipalities[page.pk]]
            record["interventions"] = sorted(intervention.name for intervention in page.interventions.all())
            record["tags"] = sorted(item.tag.name for item in page.tagged_items.all())
            for name in PLAIN:
                record[name] = getattr(page, name)
            record["annual_budget"] = int(page.annual_budget) if page.annual_budget is not None else None
            record["fte"] = float(page.fte) if page.fte is not None else None
            record["last_reviewed"] = page.last_reviewed.isoformat() if page.last_reviewed else None
            record["last_published_at"] = (
                page.last_published_at.isoformat() if page.last_published_at else None
            )
            record["is_stale"] = page.is_stale
            record["is_fictional"] = page.is_fictional
            result.append(record)
    return result


def _region_names() -> dict[int, str]:
    from regions.models import RegionPage

    return dict(RegionPage.objects.values_list("pk", "title"))


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return SEPARATOR.join(str(item).replace(SEPARATOR, ",") for item in value)
    return str(value)


def to_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = SafeDictWriter(buffer, fieldnames=columns(), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _csv_value(row.get(key)) for key in columns()})
    return buffer.getvalue()
