"""The search contract's own rules (search/contract.py), without an engine: paging, the JSON
shape of a result, parameter errors, facet buckets and language prefixes of stored URLs."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.utils import translation

from search.contract import (
    PAGE_SIZE,
    FacetBucket,
    Hit,
    SearchParamError,
    SearchQuery,
    SearchResult,
    assemble_facets,
    localised_url,
    parse_params,
)
from search.facets import FACET_NAMES


def every_code_exists(name, codes):
    return set(codes)


def parse(query_string: str) -> SearchQuery:
    return parse_params(QueryDict(query_string), known_codes=every_code_exists)


def result(total: int, **query) -> SearchResult:
    return SearchResult(query=SearchQuery(**query), total=total, hits=[], facets={}, engine="database")


def test_offset_follows_page_and_page_size():
    assert SearchQuery().offset == 0
    assert SearchQuery(page=3).offset == 2 * PAGE_SIZE
    assert SearchQuery(page=4, page_size=5).offset == 15


@pytest.mark.parametrize(
    ("total", "page_size", "pages"),
    [(0, 10, 1), (1, 10, 1), (10, 10, 1), (11, 10, 2), (11, 5, 3), (20, 5, 4)],
)
def test_pages_round_up_and_never_drop_below_one(total, page_size, pages):
    assert result(total, page_size=page_size).pages == pages


def test_result_as_json():
    query = SearchQuery(q="mediation", page=2)
    hit = Hit(id=7, title="Loket", url="/a/", region="Haaglanden", summary="Kort", highlight="<mark>")
    bucket = FacetBucket(code="implemented", label="Klaar", count=3, selected=True)
    answer = SearchResult(
        query=query,
        total=25,
        hits=[hit],
        facets={"stage": [bucket]},
        engine="database",
        took_ms=12.349,
        notice="Let op",
        corrected_query="mediatie",
    ).as_dict()
    assert answer == {
        "total": 25,
        "page": 2,
        "pages": 3,
        "results": [
            {
                "id": 7,
                "title": "Loket",
                "url": "/a/",
                "region": "Haaglanden",
                "summary": "Kort",
                "highlight": "<mark>",
            }
        ],
        "facets": {"stage": [{"code": "implemented", "label": "Klaar", "count": 3, "selected": True}]},
        "engine": "database",
        "took_ms": 12.3,
        "notice": "Let op",
        "corrected_query": "mediatie",
    }


def test_parameter_error_names_the_parameter_and_the_message():
    error = SearchParamError("page", "Ongeldig paginanummer.")
    assert str(error) == "page: Ongeldig paginanummer."
    assert error.as_dict() == {"error": {"parameter": "page", "message": "Ongeldig paginanummer."}}


def test_valid_parameters_become_a_query():
    query = parse(
        "q=mediation&stage=implemented&stage=planning&offer=relationship_courses&sort=name&page=2&ids=4&ids=9"
    )
    assert query.q == "mediation"
    assert query.filters == {
        "stage": frozenset({"implemented", "planning"}),
        "offer": frozenset({"relationship_courses"}),
    }
    assert query.sort == "name" and query.page == 2 and query.compare == (4, 9)
    assert parse("") == SearchQuery()  # nothing chosen: no filter entries at all


@pytest.mark.parametrize(
    ("query_string", "parameter", "message"),
    [
        ("q=schei%00den", "q", "De zoekvraag bevat ongeldige tekens."),
        ("stage=imple%00mented", "stage", "De parameter bevat ongeldige tekens."),
        ("stage=implemented&stage=x%00", "stage", "De parameter bevat ongeldige tekens."),
        ("st%00age=implemented", "stage", "De parameter bevat ongeldige tekens."),
        ("q%00=x", "q", "De zoekvraag bevat ongeldige tekens."),
        ("x" * 80 + "%00=1", "x" * 60, "De parameter bevat ongeldige tekens."),
    ],
)
def test_nul_bytes_are_refused_with_the_parameter_named(query_string, parameter, message):
    with translation.override("nl"), pytest.raises(SearchParamError) as raised:
        parse(query_string)
    assert (raised.value.param, raised.value.message) == (parameter, message)


def test_form_errors_are_raised_as_parameter_errors():
    with translation.override("nl"), pytest.raises(SearchParamError) as raised:
        parse("page=0")
    assert raised.value.param == "page" and raised.value.message


def test_buckets_keep_selected_codes_drop_empty_ones_and_follow_the_vocabulary():
    query = SearchQuery(filters={"stage": frozenset({"no_attention"}), "region": frozenset({"JZ99"})})
    counts = {"stage": {"planning": 4, "exploring": 0, "implemented": 2}, "region": {"JZ24": 3, "JZ01": 1}}
    labels = {("region", "JZ24"): "Haaglanden", ("region", "JZ01"): "Groningen"}
    with translation.override("nl"):
        facets = assemble_facets(query, counts, labels)
    assert set(facets) == set(FACET_NAMES) and facets["offer"] == []
    stage = facets["stage"]
    assert [(b.code, b.count, b.selected) for b in stage] == [
        ("implemented", 2, False),
        ("planning", 4, False),
        ("no_attention", 0, True),
    ]  # the vocabulary's order; "exploring" (0, not chosen) dropped; the chosen one kept at 0
    assert all(b.label and b.label != b.code for b in stage)
    region = facets["region"]
    assert [(b.code, b.label, b.count, b.selected) for b in region] == [
        ("JZ01", "Groningen", 1, False),
        ("JZ24", "Haaglanden", 3, False),
        ("JZ99", "JZ99", 0, True),  # no stored label: the code
    ]


def test_stored_urls_get_the_language_prefix_only_outside_the_default_language():
    with translation.override("nl"):
        assert localised_url("/haaglanden/loket/") == "/haaglanden/loket/"
    with translation.override("en"):
        assert localised_url("/haaglanden/loket/") == "/en/haaglanden/loket/"
        assert localised_url("/en/haaglanden/loket/") == "/en/haaglanden/loket/"
        assert localised_url("https://example.org/x/") == "https://example.org/x/"
