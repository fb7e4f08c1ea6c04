"""The relevance set (tests/search/relevance_set.py) on each engine, with a floor: the database
engine always, Elasticsearch when ELASTICSEARCH_URL points at a cluster (see conftest).

Run with ``-s`` to print the figures per kind of query (they go into BENCHMARKS.md)."""

from __future__ import annotations

import pytest

from search.contract import SearchQuery

from .relevance_set import QUERIES, build_profiles, evaluate, report

pytestmark = pytest.mark.django_db

MRR_FLOOR = 0.95
NDCG_FLOOR = 0.93


@pytest.fixture
def relevance_profiles(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        build_profiles()


def test_relevance_floor(relevance_profiles, engine):
    # relevance_profiles comes first: the Elasticsearch fixture indexes what exists then
    def search(q):
        return [hit.title for hit in engine.search(SearchQuery(q=q)).hits]

    mrr, ndcg, scores = evaluate(search)
    print(f"\n{engine.name}: {len(QUERIES)} queries, MRR {mrr:.3f}, nDCG@5 {ndcg:.3f}\n{report(scores)}")
    assert len(QUERIES) >= 40
    assert mrr >= MRR_FLOOR
    assert ndcg >= NDCG_FLOOR
