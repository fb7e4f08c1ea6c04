"""Property tests: facet counts of the database engine equal a brute-force count over the stored
facet values, for random filter combinations (OR within, AND across, each facet's counts
without its own filter)."""

from __future__ import annotations

import itertools
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.contract import SearchQuery
from search.engines.database import DatabaseEngine
from search.facets import FACET_NAMES, NONE
from search.models import FacetValue
from tests.factories import make_approach

pytestmark = pytest.mark.django_db

LEVELS = ["municipal", "regional", "provincial", ""]
STAGES = ["implemented", "implementing", "planning", "exploring", ""]
OFFERS = ["relationship_courses", "information_website", "divorce_desk", "mediation", "local_team_help"]
FUNDING = ["jeugdwet", "wmo", "prevention", "subsidy"]
DOORS = ["desk", "connector_person", "digital_only", ""]
REGIONS = ["JZ24", "JZ38", "JZ07", "JZ35"]


@pytest.fixture
def varied_profiles(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(12):
            make_approach(
                REGIONS[i % 4],
                title=f"Variant {i}",
                level=LEVELS[i % 4],
                stage=STAGES[i % 5],
                offers=OFFERS[: i % 6],
                funding_sources=FUNDING[i % 3 : i % 3 + 2],
                front_door=DOORS[i % 4],
                partners=[{"organisation": f"Partner {i}", "partner_type": "cjg", "discipline": "care"}]
                if i % 2
                else [],
            )


def brute_force(filters):
    docs = defaultdict(lambda: defaultdict(set))
    for document_id, facet, code in FacetValue.objects.values_list("document_id", "facet", "code"):
        docs[document_id][facet].add(code)

    def matches(values, exclude=None):
        return all(values[name] & codes for name, codes in filters.items() if name != exclude)

    total = sum(1 for values in docs.values() if matches(values))
    counts = {}
    for name in FACET_NAMES:
        tally = defaultdict(int)
        for values in docs.values():
            if matches(values, exclude=name):
                for code in values[name]:
                    tally[code] += 1
        counts[name] = dict(tally)
    return total, counts


FACET_CHOICES = {
    "level": LEVELS[:-1] + [NONE],
    "stage": STAGES[:-1] + [NONE],
    "offer": OFFERS + [NONE],
    "funding_source": FUNDING + [NONE],
    "front_door": DOORS[:-1] + [NONE],
    "partner_type": ["cjg", NONE],
    "region": ["haaglanden", "zeeland", "ijsselland"],
}
filters_strategy = st.dictionaries(
    st.sampled_from(sorted(FACET_CHOICES)),
    st.just(None),
    max_size=4,
).flatmap(
    lambda chosen: st.fixed_dictionaries(
        {name: st.frozensets(st.sampled_from(FACET_CHOICES[name]), min_size=1, max_size=3) for name in chosen}
    )
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filters=filters_strategy)
def test_counts_match_brute_force(varied_profiles, filters):
    result = DatabaseEngine().search(SearchQuery(filters=filters, page_size=100))
    total, counts = brute_force(filters)
    assert result.total == total
    assert len(result.hits) == total
    for name in FACET_NAMES:
        got = {b.code: b.count for b in result.facets[name] if b.count}
        assert got == counts[name], name
        assert {b.code for b in result.facets[name] if b.selected} == set(filters.get(name, ()))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filters=filters_strategy, name=st.sampled_from(sorted(FACET_CHOICES)))
def test_own_selection_does_not_change_own_counts(varied_profiles, filters, name):
    """Disjunctive: a facet's counts ignore its own selection."""
    engine = DatabaseEngine()
    without = {k: v for k, v in filters.items() if k != name}
    with_own = {**without, name: frozenset(FACET_CHOICES[name][:1])}
    a = {b.code: b.count for b in engine.search(SearchQuery(filters=without)).facets[name] if b.count}
    b = {b.code: b.count for b in engine.search(SearchQuery(filters=with_own)).facets[name] if b.count}
    assert a == b


def test_query_count_is_bounded_and_independent_of_hits(varied_profiles, django_assert_max_num_queries):
    filters = {
        "level": frozenset({"municipal"}),
        "offer": frozenset(OFFERS[:2]),
        "front_door": frozenset({"desk"}),
    }
    engine = DatabaseEngine()
    engine.search(SearchQuery())  # loads the facet index once
    # index version + text match + the page of hits; filters and counts are in memory
    with django_assert_max_num_queries(3):
        engine.search(SearchQuery(q="Variant", filters=filters, page_size=100))


def test_pages_partition_the_results(varied_profiles):
    engine = DatabaseEngine()
    for sort in ("relevance", "name", "updated"):
        first = engine.search(SearchQuery(sort=sort, page=1, page_size=5))
        pages = [
            engine.search(SearchQuery(sort=sort, page=n, page_size=5)) for n in range(1, first.pages + 1)
        ]
        ids = list(itertools.chain.from_iterable([h.id for h in p.hits] for p in pages))
        assert len(ids) == len(set(ids)) == first.total == 17
