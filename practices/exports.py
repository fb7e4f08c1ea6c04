"""Open data: every published profile as CSV and JSON (one record per profile).

Only public data: named contact persons (ApproachContact) never leave the site this way.

Format (documented in the README and in /api/schema/):
* one or more columns per answered question (``practices.answers``), in the profile's order:
* single codes: ``<field>`` (code) and ``<field>_label`` (Dutch label);
* multi-valued codes: ``<field>`` as codes joined with ``;`` and ``<field>_labels`` likewise
  (CSV); in JSON both are arrays;
* municipalities: CBS codes and names, ``;``-separated in CSV;
* partners: ``partner_types`` (distinct codes) and ``partner_organisations`` (names);
* principles (Q23): ``principle:scale`` codes; free text as written (public fields only);
* provenance: ``data_date`` (peildatum) and ``data_period`` are answers; ``sources`` lists the
  profile's sources, one per line as the page shows them (with their own peildatum);
* costs: ``annual_budget``, ``fte``, reach and outcomes are answers of the year ``figures_year``;
  ``reached_per_year`` (parents + children) and ``cost_per_inhabitant`` are derived.
"""

from __future__ import annotations

import io
from collections import defaultdict

from django.utils import translation

from sitelinks.absolute_urls import page_url

from . import answers, costs, presentation
from .csv_export import SafeDictWriter
from .figures import ReferenceLookup, published_profiles

SEPARATOR = ";"

NUMBER_TYPES = {"annual_budget": "integer?"}  # euros without cents; other numbers by their field


def columns_of(answer) -> dict[str, str]:
    """The open-data columns of one answer, with their JSON types (the OpenAPI schema reads these)."""
    name, kind = answer.name, answer.kind
    if kind == answers.CODE:
        return {name: "string", f"{name}_label": "string"}
    if kind == answers.CODES:
        return {name: "string_list", f"{name}_labels": "string_list"}
    if kind == answers.PARTNERS:
        return {
            "partner_types": "string_list",
            "partner_types_labels": "string_list",
            "partner_organisations": "string_list",
        }
    if kind == answers.PRINCIPLES:
        return {"principles": "string_list"}
    if kind == answers.RELATION:
        if name == "municipalities":
            return {"municipality_codes": "string_list", "municipality_names": "string_list"}
        return {name: "string_list"}
    if kind == answers.BOOLEAN:
        return {name: "boolean?"}
    if kind == answers.DATE:
        return {name: "date?"}
    if kind == answers.NUMBER:
        field = answer.field
        return {
            name: NUMBER_TYPES.get(name)
            or ("number?" if field.get_internal_type() == "DecimalField" else "integer?")
        }
    return {name: "string"}


def column_types() -> dict[str, str]:
    """Every open-data column in order with its type; a trailing ``?`` marks a nullable value."""
    types = {"id": "integer", "title": "string", "url": "string?", "summary": "string"}
    types |= {"region_code": "string", "region": "string", "size_class": "string"}
    for answer in answers.profile_answers():
        types |= columns_of(answer)
    # Derived from the answers: reach in the figures' year, budget per inhabitant (CBS population
    # of the covered municipalities, practices.costs), and where the facts come from.
    types |= {"reached_per_year": "integer?", "cost_per_inhabitant": "number?", "sources": "string_list"}
    types |= {"tags": "string_list", "website": "string", "contact_email": "string"}
    types |= {
        "last_reviewed": "date?",
        "last_published_at": "datetime?",
        "is_stale": "boolean",
        "is_fictional": "boolean",
    }
    return types


def columns() -> list[str]:
    return list(column_types())


def _answer_values(answer, page, municipalities) -> dict:
    name, kind, value = answer.name, answer.kind, None
    if kind == answers.RELATION and name == "municipalities":
        return {
            "municipality_codes": [code for code, _name, _pk in municipalities],
            "municipality_names": [label for _code, label, _pk in municipalities],
        }
    value = answer.value(page)
    if kind == answers.CODE:
        return {name: value or "", f"{name}_label": answer.vocabulary.label(value) if value else ""}
    if kind == answers.CODES:
        return {name: value, f"{name}_labels": answer.vocabulary.labels(value)}
    if kind == answers.PARTNERS:
        return {
            "partner_types": value,
            "partner_types_labels": answer.vocabulary.labels(value),
            "partner_organisations": [partner.organisation for partner in page.partners.all()],
        }
    if kind == answers.PRINCIPLES:
        return {"principles": [f"{principle}:{scale}" for principle, scale in value]}
    if kind == answers.RELATION:
        return {name: sorted(value)}
    if kind == answers.NUMBER and value is not None:
        return {name: int(value) if columns_of(answer)[name].startswith("integer") else float(value)}
    if kind == answers.DATE:
        return {name: value.isoformat() if value else None}
    if kind in (answers.TEXT, answers.RICHTEXT):
        return {name: value or ""}
    return {name: value}


def records() -> list[dict]:
    """One dict per published profile; lists stay lists (JSON), ``csv_rows`` joins them."""
    from .models import ApproachPage

    with translation.override("nl"):
        pages = list(
            published_profiles()
            .order_by("path")
            .prefetch_related("interventions", "tagged_items__tag", "partners", "principles")
        )
        ids = [page.pk for page in pages]
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
                "url": page_url(page),
                "summary": page.summary,
                "region_code": region_code,
                "region": region_names.get(region_page_id, ""),
                "size_class": lookup.size_class_for(
                    [pk for _code, _name, pk in municipalities[page.pk]], youth_care_region_id
                ),
            }
            for answer in answers.profile_answers():
                record |= _answer_values(answer, page, municipalities[page.pk])
            record["reached_per_year"] = costs.reached_per_year(page)
            population = costs.population_covered(
                [
                    lookup.municipalities[pk][0]
                    for _code, _name, pk in municipalities[page.pk]
                    if pk in lookup.municipalities
                ],
                page.level,
                lookup.region_population.get(youth_care_region_id),
            )
            per_inhabitant = costs.per_inhabitant(page.annual_budget, population)
            record["cost_per_inhabitant"] = float(per_inhabitant) if per_inhabitant is not None else None
            record["sources"] = presentation.source_lines(page.sources)
            record["tags"] = sorted(item.tag.name for item in page.tagged_items.all())
            record["website"] = page.website
            record["contact_email"] = page.contact_email
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
