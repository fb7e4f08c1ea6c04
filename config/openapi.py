"""OpenAPI 3 description of the project's own JSON endpoints, served at ``/api/schema/``.

Written here rather than generated: the endpoints come from three libraries (a plain Django view
for search, Wagtail API v2 on DRF, plain views for open data) and no generator describes all of
them faithfully. Nothing per field is restated: the open-data record is built from
``practices.exports.column_types()``, the approach fields from the API viewset's field list and
``practices.answers.profile_answers()``, enumerations from the vocabularies and search facets the
endpoints validate against. Tests check real responses against this document and validate it with
``openapi-spec-validator``.
"""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from practices import answers, exports, taxonomy
from practices.api import MAX_OFFSET, ApproachesAPIViewSet
from practices.figures import NO_SIZE_CLASS

OPENAPI_VERSION = "3.0.3"


def _codes(vocabulary: str, *extra: str) -> list[str]:
    return [*taxonomy.vocabulary(vocabulary).codes, *extra]


def _string(nullable: bool = False, **extra) -> dict:
    schema = {"type": "string", **extra}
    if nullable:
        schema["nullable"] = True
    return schema


def _code(vocabulary: str) -> dict:
    return {"type": "string", "enum": _codes(vocabulary, "")}


def _code_list(vocabulary: str) -> dict:
    return {"type": "array", "items": {"type": "string", "enum": _codes(vocabulary)}}


def _integer(nullable: bool = False, **extra) -> dict:
    schema = {"type": "integer", **extra}
    if nullable:
        schema["nullable"] = True
    return schema


def _boolean(nullable: bool = False) -> dict:
    return {"type": "boolean", "nullable": True} if nullable else {"type": "boolean"}


def _object(properties: dict, required: list[str] | None = None, additional: bool = True) -> dict:
    schema: dict = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    if not additional:
        schema["additionalProperties"] = False
    return schema


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


# --- search -----------------------------------------------------------------------------------------


def _search_parameters() -> list[dict]:
    from search.contract import MAX_PAGE, MAX_QUERY_LENGTH, MAX_VALUES_PER_FACET, SORTS
    from search.facets import FACETS, NONE
    from search.forms import MAX_COMPARED

    parameters = [
        {
            "name": "q",
            "in": "query",
            "description": "Zoekvraag (vrije tekst).",
            "schema": _string(maxLength=MAX_QUERY_LENGTH),
        },
        {
            "name": "sort",
            "in": "query",
            "description": "Sortering; standaard relevance.",
            "schema": {"type": "string", "enum": list(SORTS)},
        },
        {
            "name": "page",
            "in": "query",
            "description": "Paginanummer, vanaf 1.",
            "schema": _integer(minimum=1, maximum=MAX_PAGE),
        },
    ]
    known = _known_facet_codes([facet.name for facet in FACETS if not facet.vocabulary])
    for facet in FACETS:
        if facet.vocabulary:
            item = {"type": "string", "enum": _codes(facet.vocabulary, NONE)}
        else:
            # Codes outside the taxonomy (provinces, regions, interventions, tags, lineage) are only
            # valid when some indexed profile has them, so the schema lists the current ones.
            item = {"type": "string", "enum": list(dict.fromkeys([NONE, *known.get(facet.name, [])]))}
        parameters.append(
            {
                "name": facet.name,
                "in": "query",
                "description": (
                    f"Facetfilter '{facet.name}'; herhaal de parameter voor meerdere waarden (OF binnen een "
                    f"facet, EN tussen facetten). '{NONE}' = niet ingevuld."
                ),
                "style": "form",
                "explode": True,
                "schema": {"type": "array", "items": item, "maxItems": MAX_VALUES_PER_FACET},
            }
        )
    parameters.append(
        {
            "name": "ids",
            "in": "query",
            "description": "Aanpakken aangevinkt om te vergelijken (blijven in de URL); geen filter.",
            "style": "form",
            "explode": True,
            "schema": {
                "type": "array",
                "items": _integer(minimum=0, maximum=999_999_999),
                "maxItems": MAX_COMPARED,
            },
        }
    )
    return parameters


def _known_facet_codes(names: list[str]) -> dict[str, list[str]]:
    from search.models import FacetValue

    known: dict[str, list[str]] = {}
    rows = FacetValue.objects.filter(facet__in=names).values_list("facet", "code").distinct()
    for facet, code in rows.order_by("facet", "code"):
        known.setdefault(facet, []).append(code)
    return known


SEARCH_SCHEMAS = {
    "SearchHit": _object(
        {
            "id": _integer(),
            "title": _string(),
            "url": _string(),
            "region": _string(),
            "summary": _string(),
            "highlight": _string(),
        },
        required=["id", "title", "url", "region", "summary", "highlight"],
    ),
    "FacetBucket": _object(
        {"code": _string(), "label": _string(), "count": _integer(minimum=0), "selected": _boolean()},
        required=["code", "label", "count", "selected"],
    ),
    "SearchResponse": _object(
        {
            "total": _integer(minimum=0),
            "page": _integer(minimum=1),
            "pages": _integer(minimum=1),
            "results": {"type": "array", "items": _ref("SearchHit")},
            "facets": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": _ref("FacetBucket")},
            },
            "engine": _string(),
            "took_ms": {"type": "number"},
            "notice": _string(),
            "corrected_query": _string(),
        },
        required=["total", "page", "pages", "results", "facets", "engine"],
    ),
    "SuggestResponse": _object(
        {
            "query": _string(),
            "suggestions": {
                "type": "array",
                "maxItems": 10,
                "items": _object(
                    {
                        "label": _string(),
                        "kind": {
                            "type": "string",
                            "enum": ["profile", "place", "region", "province", "intervention"],
                        },
                        "kind_label": _string(),
                        "url": _string(),
                    },
                    required=["label", "kind", "kind_label", "url"],
                ),
            },
        },
        required=["query", "suggestions"],
    ),
    "SearchError": _object(
        {"error": _object({"parameter": _string(), "message": _string()}, required=["parameter", "message"])},
        required=["error"],
    ),
}

# --- Wagtail API v2 -----------------------------------------------------------------------------------

WAGTAIL_COMMON = {
    "WagtailError": _object({"message": _string()}, required=["message"]),
    "PageMeta": _object(
        {
            "type": _string(),
            "detail_url": _string(),
            "html_url": _string(nullable=True),
            "slug": _string(),
            "show_in_menus": _boolean(),
            "seo_title": _string(),
            "search_description": _string(),
            "first_published_at": _string(nullable=True, format="date-time"),
            "alias_of": {"nullable": True},
            "parent": {"nullable": True, "type": "object"},
            "locale": _string(),
        }
    ),
    "ListingMeta": _object({"total_count": _integer(minimum=0)}, required=["total_count"]),
    "Municipality": _object(
        {
            "code": _string(),
            "name": _string(),
            "population": _integer(minimum=0),
            "size_class": {"type": "string", "enum": _codes("size_class")},
        },
        required=["code", "name", "population", "size_class"],
    ),
}


def _partner_schema() -> dict:
    return _object(
        {
            "organisation": _string(),
            "partner_type": _code("partner_type"),
            "discipline": _code("discipline"),
            "care_line": _code("care_line"),
            "circle": _code("partner_circle"),
            "role": _string(),
        }
    )


def _answer_schema(answer: answers.Answer) -> dict:
    """How the Wagtail API (DRF's model serializer) renders one answered question's field."""
    kind = answer.kind
    if kind == answers.CODE:
        return _code(answer.vocabulary.name)
    if kind == answers.CODES:
        return _code_list(answer.vocabulary.name)
    if kind == answers.BOOLEAN:
        return _boolean(nullable=answer.field.null)
    if kind == answers.DATE:
        return _string(nullable=answer.field.null, format="date")
    if kind == answers.NUMBER:
        if answer.field.get_internal_type() == "DecimalField":  # DRF renders decimals as strings
            return _string(nullable=answer.field.null)
        return _integer(nullable=answer.field.null)
    if kind == answers.RELATION:
        return {"type": "array", "items": _string()}
    if kind == answers.PARTNERS:
        return {"type": "array", "items": _partner_schema()}
    if kind in (answers.TEXT, answers.RICHTEXT):
        return _string()
    raise KeyError(
        f"No API schema for answers of kind {kind!r} ({answer.name}); describe it in config/openapi.py"
    )


def _approach_schema() -> dict:
    """Every field the approaches endpoint offers: answers from their question, the rest below."""
    by_name = {answer.name: answer for answer in answers.profile_answers()}
    others = {
        "id": _integer(),
        "title": _string(),
        "summary": _string(),
        "last_reviewed": _string(nullable=True, format="date"),
        "region": {
            "type": "object",
            "nullable": True,
            "properties": {"id": _integer(), "title": _string(), "code": _string()},
        },
        # serialised by practices.api as objects, not as the default list of names
        "municipalities": {"type": "array", "items": _ref("Municipality")},
        "website": _string(),
        "contact_email": _string(),
        "tags": {"type": "array", "items": _string()},
        "is_stale": _boolean(),
        # derived (practices.costs) and provenance
        "reached_per_year": _integer(nullable=True),
        "cost_per_inhabitant": {"type": "number", "nullable": True},
        "sources": {"type": "array", "items": _string()},
    }
    properties: dict = {"meta": _ref("PageMeta")}
    for name in ApproachesAPIViewSet.get_available_fields(ApproachesAPIViewSet.model):
        if name in ApproachesAPIViewSet.meta_fields:
            continue  # under "meta"
        if name in others:
            properties[name] = others[name]
        elif name in by_name:
            properties[name] = _answer_schema(by_name[name])
        else:
            raise KeyError(f"The approaches API offers {name!r}, which config/openapi.py does not describe")
    return _object(properties)


def _region_schema() -> dict:
    return _object(
        {
            "id": _integer(),
            "meta": _ref("PageMeta"),
            "title": _string(),
            "youth_care_region": {
                "type": "object",
                "nullable": True,
                "properties": {"code": _string(), "name": _string()},
            },
            "population": _integer(minimum=0),
            "provinces": {
                "type": "array",
                "items": _object({"code": _string(), "name": _string()}),
            },
            "municipalities": {"type": "array", "items": _ref("Municipality")},
            "approaches": {
                "type": "array",
                "items": _object({"id": _integer(), "title": _string(), "stage": _code("stage")}),
            },
        }
    )


def _session_schema() -> dict:
    any_value: dict = {}
    return _object(
        {
            "id": _integer(),
            "meta": _ref("PageMeta"),
            "title": _string(),
            "intro": _string(),
            "start": _string(nullable=True, format="date-time"),
            "end": _string(nullable=True, format="date-time"),
            "format": _string(),
            "themes": any_value,
            "venue": _string(),
            "organiser": _string(),
            "host_region_names": any_value,
            "capacity": _integer(nullable=True),
            "registration_opens": _string(nullable=True, format="date-time"),
            "registration_closes": _string(nullable=True, format="date-time"),
            "recommended_by_ministry": _boolean(),
            "recommendation_reason": _string(),
            "has_report": _boolean(),
        }
    )


def _viewset(endpoint: str):
    from .api import api_router

    return api_router._endpoints[endpoint]


def _field_names(endpoint: str, detail: bool) -> list[str]:
    viewset = _viewset(endpoint)
    names = viewset.get_available_fields(viewset.model)
    if not detail:
        names = [name for name in names if name not in getattr(viewset, "detail_only_fields", [])]
    return ["", "*", "_", *dict.fromkeys(names)]  # "" = the endpoint's default fields


def _order_values(endpoint: str) -> list[str]:
    viewset = _viewset(endpoint)
    names = list(dict.fromkeys(viewset.get_available_fields(viewset.model, db_fields_only=True)))
    return ["", *names, *(f"-{name}" for name in names)]  # "" = default order


def _wagtail_listing_parameters(endpoint: str, filters: dict[str, dict]) -> list[dict]:
    limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or 100
    parameters = [
        {
            "name": "limit",
            "in": "query",
            "description": f"Aantal items per pagina (maximaal {limit_max}).",
            "schema": _integer(minimum=0, maximum=limit_max),
        },
        {
            "name": "offset",
            "in": "query",
            "description": "Aantal items overslaan.",
            "schema": _integer(minimum=0, maximum=MAX_OFFSET),
        },
        {
            "name": "fields",
            "in": "query",
            "description": (
                "Velden in het antwoord; '*' voor alle, '_' voor alleen id en meta. Wagtail accepteert ook "
                "komma-gescheiden lijsten en '-veld'."
            ),
            "schema": {"type": "string", "enum": _field_names(endpoint, detail=False)},
        },
        {
            "name": "order",
            "in": "query",
            "description": "Sorteerveld; '-' ervoor voor aflopend.",
            "schema": {"type": "string", "enum": _order_values(endpoint)},
        },
    ]
    for name, schema in filters.items():
        parameters.append(
            {"name": name, "in": "query", "description": f"Filter op {name}.", "schema": schema}
        )
    return parameters


def _wagtail_paths(endpoint: str, schema_name: str, filters: dict[str, dict], summary: str) -> dict:
    errors = {"400": _json(_ref("WagtailError"), "Ongeldige parameter.")}
    listing = _object(
        {"meta": _ref("ListingMeta"), "items": {"type": "array", "items": _ref(schema_name)}},
        required=["meta", "items"],
    )
    return {
        f"/api/v2/{endpoint}/": {
            "get": {
                "summary": summary,
                "operationId": f"list_{endpoint}",
                "tags": ["Wagtail API v2"],
                "parameters": _wagtail_listing_parameters(endpoint, filters),
                "responses": {"200": _json(listing, "Lijst"), **errors},
            }
        },
        f"/api/v2/{endpoint}/{{id}}/": {
            "get": {
                "summary": f"{summary}: één item",
                "operationId": f"get_{endpoint}",
                "tags": ["Wagtail API v2"],
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": _integer(minimum=1)},
                    {
                        "name": "fields",
                        "in": "query",
                        "schema": {"type": "string", "enum": _field_names(endpoint, detail=True)},
                    },
                ],
                "responses": {
                    "200": _json(_ref(schema_name), "Item"),
                    "404": {
                        "description": "Niet gevonden of niet gepubliceerd (HTML als het id geen getal is).",
                        "content": {
                            "application/json": {"schema": _ref("WagtailError")},
                            "text/html": {"schema": {"type": "string"}},
                        },
                    },
                    **errors,
                },
            }
        },
    }


# --- open data ----------------------------------------------------------------------------------------


COLUMN_TYPES = {
    "string": {"type": "string"},
    "string_list": {"type": "array", "items": {"type": "string"}},
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"},
}


def _column_schema(column_type: str) -> dict:
    """``exports.column_types()`` notation ("integer", "date?" = nullable date) as a JSON schema."""
    nullable = column_type.endswith("?")
    schema = {**COLUMN_TYPES[column_type.rstrip("?")]}
    if "items" in schema:
        schema["items"] = {**schema["items"]}
    if nullable:
        schema["nullable"] = True
    return schema


def _answer_codes(answer: answers.Answer) -> list[str] | None:
    """The values an answer's first (code) column can hold, or None for free values."""
    if answer.kind == answers.CODE:
        return _codes(answer.vocabulary.name, "")
    if answer.kind in (answers.CODES, answers.PARTNERS):
        return _codes(answer.vocabulary.name)
    if answer.kind == answers.PRINCIPLES:
        principle, scale = taxonomy.vocabulary("principle"), taxonomy.vocabulary("principle_scale")
        return [f"{p}:{s}" for p in principle.codes for s in scale.codes]
    return None


def _restrict(schema: dict, values: list[str]) -> None:
    (schema["items"] if schema.get("type") == "array" else schema)["enum"] = values


def _open_data_record() -> dict:
    """One open-data record: every column of ``exports.column_types()``, codes enumerated."""
    properties = {name: _column_schema(kind) for name, kind in exports.column_types().items()}
    for answer in answers.profile_answers():
        values = _answer_codes(answer)
        if values is not None:
            # the answer's columns as exports names them; its codes come first
            code_column = next(iter(exports.columns_of(answer)))
            _restrict(properties[code_column], values)
    _restrict(properties["size_class"], [*_codes("size_class"), NO_SIZE_CLASS])
    return _object(properties, required=list(properties))


def build_schema() -> dict:
    """The document; search facet enumerations outside the taxonomy are read per request."""
    approach_filters = {
        name: {"type": "string", "enum": _codes(vocabulary)}
        for name, vocabulary in ApproachesAPIViewSet.code_filters.items()
    }
    paths: dict = {
        "/api/search/": {
            "get": {
                "summary": "Gefacetteerd zoeken in de gepubliceerde aanpakken",
                "operationId": "search",
                "tags": ["Zoeken"],
                "parameters": _search_parameters(),
                "responses": {
                    "200": _json(_ref("SearchResponse"), "Zoekresultaten met facetten"),
                    "400": _json(_ref("SearchError"), "Ongeldige parameter; 'parameter' noemt hem."),
                },
            }
        },
        "/api/search/suggest/": {
            "get": {
                "summary": "Suggesties voor het zoekvak: aanpakken, plaatsen en interventies",
                "operationId": "search_suggest",
                "tags": ["Zoeken"],
                "parameters": [
                    {"name": "q", "in": "query", "required": False, "schema": _string(maxLength=200)}
                ],
                "responses": {
                    "200": _json(_ref("SuggestResponse"), "Hooguit tien suggesties, elk met hun soort"),
                    "400": _json(_ref("SearchError"), "Ongeldige parameter; 'parameter' noemt hem."),
                },
            }
        },
        **_wagtail_paths("approaches", "Approach", approach_filters, "Gepubliceerde aanpakken"),
        **_wagtail_paths("regions", "Region", {}, "Jeugdregio's met hun gemeenten"),
        **_wagtail_paths("sessions", "Session", {}, "Bijeenkomsten"),
        "/open-data/aanpakken.json": {
            "get": {
                "summary": "Open data: alle gepubliceerde aanpakken (JSON)",
                "operationId": "open_data_json",
                "tags": ["Open data"],
                "responses": {
                    "200": _json(
                        _object(
                            {
                                "generated_at": _string(format="date-time"),
                                "license": _string(),
                                "count": _integer(minimum=0),
                                "separator_note": _string(),
                                "results": {"type": "array", "items": _ref("OpenDataRecord")},
                            },
                            required=["generated_at", "license", "count", "results"],
                        ),
                        "Eén record per gepubliceerd profiel",
                    )
                },
            }
        },
        "/open-data/aanpakken.csv": {
            "get": {
                "summary": "Open data: alle gepubliceerde aanpakken (CSV)",
                "description": (
                    "Zelfde kolommen als de JSON-records; lijsten zijn codes gescheiden door ';', met een "
                    "kolom '<veld>_labels' met de Nederlandse labels in dezelfde volgorde."
                ),
                "operationId": "open_data_csv",
                "tags": ["Open data"],
                "responses": {
                    "200": {
                        "description": "CSV (UTF-8, komma-gescheiden, eerste regel kolomnamen)",
                        "content": {"text/csv": {"schema": {"type": "string"}}},
                    }
                },
            }
        },
        "/api/schema/": {
            "get": {
                "summary": "Deze OpenAPI-beschrijving",
                "operationId": "openapi_schema",
                "tags": ["Meta"],
                "responses": {"200": _json({"type": "object"}, "OpenAPI 3-document")},
            }
        },
    }
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Kennisnetwerk Scheiden API",
            "version": "1.0",
            "description": (
                "Openbare JSON-endpoints van het Kennisnetwerk Scheiden: zoeken, aanpakken, regio's, "
                "bijeenkomsten en open data. Alleen openbare gegevens; contactpersonen nooit."
            ),
            "license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": {
                **SEARCH_SCHEMAS,
                **WAGTAIL_COMMON,
                "Approach": _approach_schema(),
                "Region": _region_schema(),
                "Session": _session_schema(),
                "OpenDataRecord": _open_data_record(),
            }
        },
    }


@csrf_exempt  # read-only; lets undeclared methods get a 405 instead of a CSRF 403
@require_safe
def schema_view(request):
    return JsonResponse(build_schema(), json_dumps_params={"ensure_ascii": False})
