"""The in-memory facet index of the database engine: bit-set helpers, orders, and that it follows
every change of the search documents (publish, unpublish, edit) without a restart."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search import facet_index
from search.contract import SearchQuery
from search.engines.database import DatabaseEngine
from search.models import IndexVersion, SearchDocument
from tests.factories import make_approach


def bit_positions(mask: int) -> list[int]:
    return [n for n in range(mask.bit_length()) if mask >> n & 1]


@given(st.sets(st.integers(min_value=0, max_value=5000), max_size=300))
def test_mask_and_positions_round_trip(positions):
    mask = facet_index._mask(positions)
    assert mask.bit_count() == len(positions)
    assert list(bit_positions(mask)) == sorted(positions)


def _index(updated):
    return facet_index.FacetIndex(
        version=(0, None),
        ids=[10, 11, 12, 13],
        masks={"stage": {"a": 0b0011, "b": 0b1100}, "offer": {"x": 0b0101}},
        labels={},
        by_title=[3, 2, 1, 0],
        by_updated=updated,
    )


def test_filters_or_within_and_across_facets():
    index = _index([0, 1, 2, 3])
    assert index.matching("stage", {"a", "b"}) == 0b1111
    assert index.filtered(index.everything, {"stage": {"a"}, "offer": {"x"}}) == 0b0001
    assert index.filtered(index.everything, {"stage": {"a"}, "offer": {"x"}}, exclude="offer") == 0b0011
    assert index.matching("stage", {"unknown"}) == 0
    assert index.counts("stage", 0b0110) == {"a": 1, "b": 1}
    assert index.counts("offer", 0b1010) == {}  # zero counts are left out


def test_ordered_ids_pages_through_a_stored_order():
    index = _index([1, 0, 3, 2])
    assert index.ordered_ids(index.everything, "title", 0, 2) == [13, 12]
    assert index.ordered_ids(index.everything, "title", 2, 10) == [11, 10]
    assert index.ordered_ids(0b0101, "updated", 0, 10) == [10, 12]
    assert index.ordered_ids(0b0101, "updated", 5, 10) == []
    assert index.of_ids([13, 10, 999]) == 0b1001
    assert index.contains(0b1001, 13) and not index.contains(0b1001, 11) and not index.contains(-1, 999)


@pytest.mark.django_db
def test_index_follows_publish_edit_and_unpublish(demo, django_capture_on_commit_callbacks):
    engine = DatabaseEngine()
    before = engine.search(SearchQuery(filters={"stage": frozenset({"implementing"})})).total

    with django_capture_on_commit_callbacks(execute=True):
        page = make_approach("JZ24", title="Bitset proef", stage="implementing")
    assert engine.search(SearchQuery(filters={"stage": frozenset({"implementing"})})).total == before + 1

    with django_capture_on_commit_callbacks(execute=True):
        page.stage = "planning"
        page.save_revision().publish()
    after_edit = engine.search(SearchQuery(filters={"stage": frozenset({"planning"})}, page_size=1000))
    assert page.pk in [hit.id for hit in after_edit.hits]
    assert engine.search(SearchQuery(filters={"stage": frozenset({"implementing"})})).total == before

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert not SearchDocument.objects.filter(pk=page.pk).exists()
    assert page.pk not in facet_index.current().position


@pytest.mark.django_db
def test_updated_order_puts_undated_documents_last(demo):
    SearchDocument.objects.update(updated_at=None)
    newest = SearchDocument.objects.order_by("pk").first()
    SearchDocument.objects.filter(pk=newest.pk).update(
        updated_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    IndexVersion.bump()  # the documents changed behind search.documents' back
    result = DatabaseEngine().search(SearchQuery(sort="updated", page_size=100))
    assert result.hits[0].id == newest.pk
    titles = [hit.title for hit in result.hits[1:]]
    folded = [SearchDocument.objects.get(pk=hit.id).sort_title for hit in result.hits[1:]]
    assert folded == sorted(folded), titles


@pytest.mark.django_db
def test_every_write_path_bumps_the_version(demo, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    seen = {IndexVersion.current()}

    def changed():
        version = IndexVersion.current()
        assert version not in seen
        seen.add(version)

    with django_capture_on_commit_callbacks(execute=True):
        page = make_approach("JZ24", title="Versieproef")
    changed()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    changed()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    changed()
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()  # the document goes by cascade
    changed()
    assert page.pk not in facet_index.current().position
    call_command("rebuild_search_index", "--database-only", stdout=open("/dev/null", "w"))  # noqa: SIM115
    changed()


@pytest.mark.django_db
def test_version_survives_a_missing_row(demo):
    IndexVersion.objects.all().delete()
    assert IndexVersion.current() == (0, None)
    IndexVersion.bump()
    assert IndexVersion.current()[0] == 1
