"""The Elasticsearch engine without a cluster: the exact mapping and request bodies."""

from __future__ import annotations

import datetime

import pytest

from search.contract import SearchQuery
from search.documents import DocumentData
from search.engines.elasticsearch import build_index, request_body, to_source
from search.facets import FACET_NAMES

ANALYSIS = {
    "analyzer": {
        "kn_dutch": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding", "kn_dutch_stop", "kn_dutch_stemmer"],
        }
    },
    "filter": {
        "kn_dutch_stop": {"type": "stop", "stopwords": "_dutch_"},
        "kn_dutch_stemmer": {"type": "stemmer", "language": "dutch"},
    },
}


def test_index_mapping_and_analysis():
    body = build_index("kennisnetwerk-practices-1").to_dict()
    assert body["settings"] == {"number_of_shards": 1, "number_of_replicas": 0, "analysis": ANALYSIS}
    expected = {
        "page_id": {"type": "integer"},
        "title": {"type": "text", "analyzer": "kn_dutch", "fields": {"raw": {"type": "keyword"}}},
        "summary": {"type": "text", "analyzer": "kn_dutch"},
        "lead": {"type": "text", "analyzer": "kn_dutch"},
        "text": {"type": "text", "analyzer": "kn_dutch"},
        "parts": {"type": "text", "analyzer": "kn_dutch"},
        "region_name": {"type": "keyword"},
        "url": {"type": "keyword", "index": False},
        "sort_title": {"type": "keyword"},
        "updated_at": {"type": "date"},
        **{name: {"type": "keyword"} for name in FACET_NAMES},
    }
    assert body["mappings"] == {"properties": expected}


def _agg(name, filter_):
    return {
        f"_filter_{name}": {
            "filter": filter_,
            "aggs": {name: {"terms": {"field": name, "min_doc_count": 1, "size": 500}}},
        }
    }


def test_request_body_without_filters():
    body = request_body(SearchQuery(q="loketten"))
    aggs = {}
    for name in FACET_NAMES:
        aggs.update(_agg(name, {"match_all": {}}))
    fields = ["title^3", "lead^2", "text", "parts^0.5"]
    assert body == {
        "query": {
            "bool": {
                "should": [
                    {
                        "bool": {
                            "must": [
                                {"multi_match": {"query": "loketten", "fields": fields, "operator": "and"}}
                            ],
                            "_name": "exact",
                        }
                    },
                    {
                        "multi_match": {
                            "query": "loketten",
                            "fields": fields,
                            "operator": "and",
                            "fuzziness": "AUTO:5,100",
                            "boost": 0.2,
                            "_name": "fuzzy",
                        }
                    },
                ],
                "minimum_should_match": 1,
            }
        },
        "aggs": aggs,
        "highlight": {
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "number_of_fragments": 1,
            "fragment_size": 220,
            "fields": {"summary": {}, "text": {}},
        },
        "sort": ["_score", "sort_title", "page_id"],
        "from": 0,
        "size": 10,
        "track_total_hits": True,
    }


def test_compounds_match_themselves_or_all_their_parts():
    fields = ["title^3", "lead^2", "text", "parts^0.5"]
    query = request_body(SearchQuery(q="Dappere Dino's ouderbijeenkomsten"))["query"]
    exact, fuzzy = query["bool"]["should"]
    assert exact == {
        "bool": {
            "must": [
                # words that are not compounds stay as typed, for Elasticsearch's own tokenizer
                {"multi_match": {"query": "Dappere Dino's", "fields": fields, "operator": "and"}},
                {
                    "bool": {
                        "should": [
                            {"multi_match": {"query": "ouderbijeenkomsten", "fields": fields}},
                            {
                                "multi_match": {
                                    "query": "ouder bijeenkomsten",
                                    "fields": fields,
                                    "operator": "and",
                                }
                            },
                        ]
                    }
                },
            ],
            "_name": "exact",
        }
    }
    assert fuzzy["multi_match"]["query"] == "Dappere Dino's ouderbijeenkomsten"
    assert fuzzy["multi_match"]["boost"] < 1  # one edit ranks below the exact words


def test_document_source_carries_lead_and_compound_parts():
    data = DocumentData(
        page_id=7,
        title="Ouderpunt",
        url_path="/x/",
        region="Noordoost Brabant",
        summary="Jeugdhulp aan huis",
        text="Ouderpunt Jeugdhulp aan huis",
        lead="Jeugdhulp aan huis 's-Hertogenbosch Den Bosch",
        parts="jeugd hulp",
        updated_at=None,
    )
    source = to_source(data)
    assert (source["lead"], source["parts"]) == (data.lead, "jeugd hulp")


def test_request_body_with_filters_is_disjunctive():
    query = SearchQuery(
        filters={"level": frozenset({"municipal"}), "offer": frozenset({"parent_course", "child_group"})},
        sort="updated",
        page=3,
    )
    body = request_body(query)
    level = {"terms": {"level": ["municipal"]}}
    offer = {"terms": {"offer": ["child_group", "parent_course"]}}
    both = {"bool": {"must": [level, offer]}}
    assert "query" not in body  # no text: match everything
    assert "highlight" not in body or body["highlight"]["fields"] == {"summary": {}, "text": {}}
    assert body["post_filter"] == both
    for name in FACET_NAMES:
        expected = offer if name == "level" else level if name == "offer" else both
        assert body["aggs"][f"_filter_{name}"] == _agg(name, expected)[f"_filter_{name}"]
    assert body["sort"] == [{"updated_at": {"order": "desc", "missing": "_last"}}, "sort_title", "page_id"]
    assert (body["from"], body["size"]) == (20, 10)


def test_sort_by_name():
    assert request_body(SearchQuery(sort="name"))["sort"] == ["sort_title", "page_id"]


def test_document_source():
    data = DocumentData(
        page_id=7,
        title="Scheidingspunt",
        url_path="/regios/haaglanden/scheidingspunt/",
        region="Haaglanden",
        summary="Loket",
        text="Scheidingspunt Loket",
        updated_at=datetime.datetime(2025, 3, 1, 12, 0, tzinfo=datetime.UTC),
        facets={"level": [("municipal", "")], "region": [("haaglanden", "Haaglanden")]},
    )
    source = to_source(data)
    assert source["page_id"] == 7
    assert source["region_name"] == "Haaglanden"
    assert source["region"] == ["haaglanden"]
    assert source["level"] == ["municipal"]
    assert source["stage"] == []
    assert source["sort_title"] == "scheidingspunt"
    assert source["updated_at"] == "2025-03-01T12:00:00+00:00"


@pytest.mark.django_db
def test_demo_documents_never_contain_contact_persons(demo):
    from practices.models import ApproachContact, ApproachPage
    from search.documents import build_document

    page = ApproachPage.objects.live().get(slug="scheidingspunt-zoetermeer")
    ApproachContact.objects.create(page=page, name="Geheime Persoon", email="geheim@example.org")
    data = build_document(page)
    assert "Geheime" not in str(to_source(data))
    assert "geheim@example.org" not in data.text
