"""One suite for both engines (the search contract of search/contract.py), on the demo content."""

from __future__ import annotations

import pytest

from search.contract import SearchQuery
from search.facets import FACET_NAMES, NONE

pytestmark = pytest.mark.django_db


def titles(result):
    return [hit.title for hit in result.hits]


@pytest.mark.parametrize(
    ("q", "expected_first"),
    [
        ("Zoetermeer", "Scheidingspunt"),  # municipality named in title and covered
        ("Middelburg", "JOOP"),  # municipality only covered (regional approach in Zeeland)
        ("Tilburg", "Wijzer-Scheiden & High Conflict Forum"),
        ("MASIC", "Wijzer-Scheiden & High Conflict Forum"),  # intervention name
        ("KIES", "Scheidingspunt"),
        ("groepstraining", "Scheidingspunt"),  # text says "groepstrainingen"
        ("aanspreekpunten", "JOOP"),  # text says "aanspreekpunt"
        ("rechterlijke macht", "Kenniscentrum Kind en Scheiding"),
    ],
)
def test_relevance_on_demo_content(engine, q, expected_first):
    result = engine.search(SearchQuery(q=q))
    assert result.total >= 1
    assert titles(result)[0] == expected_first


def test_empty_query_returns_every_profile_with_all_facets(engine):
    result = engine.search(SearchQuery())
    assert result.total == 5
    assert set(result.facets) == set(FACET_NAMES)
    levels = {b.code: b.count for b in result.facets["level"]}
    assert levels == {"municipal": 2, "regional": 3}
    assert result.engine == engine.name


def test_no_match(engine):
    result = engine.search(SearchQuery(q="xylofoonorkest"))
    assert result.total == 0
    assert result.hits == []


def test_or_within_and_across_facets(engine):
    one = engine.search(SearchQuery(filters={"region": frozenset({"haaglanden"})}))
    both = engine.search(SearchQuery(filters={"region": frozenset({"haaglanden", "zeeland"})}))
    assert one.total == 2
    assert both.total == 3  # OR within a facet
    narrowed = engine.search(
        SearchQuery(
            filters={"region": frozenset({"haaglanden", "zeeland"}), "level": frozenset({"municipal"})}
        )
    )
    assert titles(narrowed) == ["Scheidingspunt"]  # AND across facets


def test_counts_are_disjunctive(engine):
    result = engine.search(SearchQuery(filters={"level": frozenset({"municipal"})}))
    assert result.total == 2
    # the selected facet still counts as if it were not filtered ...
    assert {b.code: (b.count, b.selected) for b in result.facets["level"]} == {
        "municipal": (2, True),
        "regional": (3, False),
    }
    # ... the others count within the filtered set
    assert {b.code: b.count for b in result.facets["region"]} == {"haaglanden": 1, "ijsselland": 1}


def test_not_filled_in_bucket_is_counted_and_filterable(engine):
    # No real initiative answers Q4 (JOOP's stage is a 2018 description, not a quickscan answer).
    assert {b.code: b.count for b in engine.search(SearchQuery()).facets["stage"]} == {NONE: 5}
    front_door = {b.code: b.count for b in engine.search(SearchQuery()).facets["front_door"]}
    assert front_door == {"digital_only": 1, "desk": 2, "connector_person": 1, NONE: 1}
    result = engine.search(SearchQuery(filters={"front_door": frozenset({NONE})}))
    assert result.total == 1
    assert titles(result) == ["Kenniscentrum Kind en Scheiding"]
    label = next(b.label for b in result.facets["front_door"] if b.code == NONE)
    assert label == "Niet ingevuld"


def test_selected_code_without_hits_stays_visible(engine):
    query = SearchQuery(
        filters={"front_door": frozenset({"digital_only"}), "level": frozenset({"municipal"})}
    )
    result = engine.search(query)
    assert result.total == 0
    bucket = next(b for b in result.facets["front_door"] if b.code == "digital_only")
    assert (bucket.count, bucket.selected) == (0, True)


def test_sort_by_name_and_pagination(engine):
    first = engine.search(SearchQuery(sort="name", page=1, page_size=2))
    second = engine.search(SearchQuery(sort="name", page=3, page_size=2))
    assert first.total == 5
    assert titles(first) == ["JOOP", "Kenniscentrum Kind en Scheiding"]
    assert titles(second) == ["Wijzer-Scheiden & High Conflict Forum"]


def test_highlight_marks_the_match(engine):
    result = engine.search(SearchQuery(q="Dalfsen"))
    assert "<mark>Dalfsen</mark>" in result.hits[0].highlight


def test_hits_carry_url_region_and_summary(engine):
    hit = engine.search(SearchQuery(q="Dalfsen")).hits[0]
    assert hit.url.endswith("/scheiden-doe-je-samen-dalfsen/")
    assert hit.region == "IJsselland"
    assert hit.summary.startswith("De eerdere overkoepelende samenwerking in IJsselland")


def test_labels_for_reference_facets(engine):
    result = engine.search(SearchQuery(q="MASIC"))
    interventions = [b.label for b in result.facets["intervention"]]
    assert interventions == ["MASIC"]
    assert [b.label for b in result.facets["province"]] == ["Noord-Brabant"]


def test_one_size_class_per_profile_as_in_the_national_picture(engine):
    from practices.figures import ReferenceLookup, facts_for
    from practices.models import ApproachPage

    result = engine.search(SearchQuery())
    sizes = {b.code: b.count for b in result.facets["size_class"]}
    assert sum(sizes.values()) == result.total == 5  # a regional profile counts once, not per municipality
    lookup = ReferenceLookup()
    expected: dict[str, int] = {}
    for page in ApproachPage.objects.live().public():
        ids = page.municipalities.values_list("pk", flat=True)
        facts = facts_for(page, path=page.path, municipality_ids=ids, partner_types=(), lookup=lookup)
        code = facts.size_class
        expected[code] = expected.get(code, 0) + 1
    assert sizes == expected
