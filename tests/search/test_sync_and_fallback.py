"""Index sync on publish / unpublish / delete / move, and the fallback when the cluster is down."""

from __future__ import annotations

import pytest
from django.test import override_settings

from search.contract import SearchQuery
from search.engines import get_engine, run_search
from search.models import FacetValue, SearchDocument
from tests.factories import make_approach, region_page

pytestmark = pytest.mark.django_db
DOWN = "http://127.0.0.1:9"  # nothing listens on the discard port: a real connection error


def test_publish_creates_document_and_unpublish_removes_it(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_approach(
            "JZ24", title="Ouderschapsloket Westland", level="municipal", offers=["mediation"]
        )
    document = SearchDocument.objects.get(page=page)
    assert document.page_title == "Ouderschapsloket Westland"
    assert FacetValue.objects.filter(document=document, facet="offer", code="mediation").exists()
    assert run_search(SearchQuery(q="Ouderschapsloket")).total == 1

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert not SearchDocument.objects.filter(page_id=page.pk).exists()
    assert run_search(SearchQuery(q="Ouderschapsloket")).total == 0


def test_delete_removes_document(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_approach("JZ24", title="Tijdelijke aanpak Rijswijk")
    assert run_search(SearchQuery(q="Tijdelijke")).total == 1
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert not SearchDocument.objects.filter(page_id=page.pk).exists()
    assert run_search(SearchQuery(q="Tijdelijke")).total == 0


def test_move_updates_region_and_url(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_approach("JZ24", title="Verhuizende aanpak")
    target = region_page("JZ38")
    with django_capture_on_commit_callbacks(execute=True):
        page.move(target, pos="last-child")
    document = SearchDocument.objects.get(page_id=page.pk)
    assert document.region == target.title
    assert "/zeeland/" in document.url_path


def test_draft_changes_are_not_indexed(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_approach("JZ24", title="Gepubliceerde titel")
        page.title = "Conceptnaam"
        page.save_revision()
    assert SearchDocument.objects.get(page_id=page.pk).page_title == "Gepubliceerde titel"


@override_settings(SEARCH_ENGINE="elasticsearch", ELASTICSEARCH_URL=DOWN)
def test_publish_succeeds_when_the_cluster_is_down(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_approach("JZ24", title="Robuuste aanpak")
    assert page.live
    assert SearchDocument.objects.filter(page_id=page.pk).exists()


@override_settings(SEARCH_ENGINE="elasticsearch", ELASTICSEARCH_URL=DOWN)
def test_search_falls_back_to_database_with_notice(demo, client):
    assert get_engine().name == "elasticsearch"
    result = run_search(SearchQuery(q="Zoetermeer"))
    assert result.engine == "database"
    assert result.notice
    assert result.hits[0].title == "Scheidingspunt"

    api = client.get("/api/search/", {"q": "Zoetermeer"})
    assert api.status_code == 200
    assert api.json()["engine"] == "database" and api.json()["notice"]

    page = client.get("/zoeken/", {"q": "Zoetermeer"})
    assert page.status_code == 200
    assert "tijdelijk niet bereikbaar" in page.content.decode()


def test_rebuild_command_restores_missing_documents(demo):
    from django.core.management import call_command

    SearchDocument.objects.all().delete()
    call_command("rebuild_search_index", "--database-only", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert SearchDocument.objects.count() == 5


def test_rebuild_replaces_every_document_and_keeps_other_index_entries(demo):
    """The bulk rebuild empties and refills the search tables in one transaction: stale and
    changed documents are replaced, text search works again, and the text-index entries of other
    models (Wagtail's own page index for the admin) are left alone."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from wagtail.search.models import IndexEntry

    from practices.models import ApproachPage

    page_entries = IndexEntry.objects.exclude(
        content_type=ContentType.objects.get_for_model(SearchDocument)
    ).count()
    SearchDocument.objects.filter(page_title="Scheidingspunt").update(page_title="Verouderd")
    unpublished = ApproachPage.objects.live().get(slug="scheidingspunt-zoetermeer")
    ApproachPage.objects.filter(pk=unpublished.pk).update(live=False)  # behind the signals' back

    call_command("rebuild_search_index", "--database-only", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert SearchDocument.objects.count() == 4
    assert not SearchDocument.objects.filter(page_title="Verouderd").exists()
    assert not FacetValue.objects.filter(document_id=unpublished.pk).exists()
    assert FacetValue.objects.values("document_id").distinct().count() == 4
    assert (
        IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(SearchDocument)).count() == 4
    )
    assert (
        IndexEntry.objects.exclude(content_type=ContentType.objects.get_for_model(SearchDocument)).count()
        == page_entries
    )
    assert "Scheidingspunt" not in [hit.title for hit in run_search(SearchQuery(q="Zoetermeer")).hits]
    assert [hit.title for hit in run_search(SearchQuery(q="Dalfsen")).hits] == ["Scheiden doe je Samen"]


def test_adopted_from_and_tag_facets(demo, django_capture_on_commit_callbacks):
    from practices.models import ApproachLineage, ApproachPage

    source = ApproachPage.objects.live().get(slug="scheidingspunt-zoetermeer")
    with django_capture_on_commit_callbacks(execute=True):
        page = make_approach("JZ07", title="Loket Zwolle", publish=False)
        page.lineage = [ApproachLineage(source=source, relation="adopted")]
        page.tags.add("ouderschapsplan")
        page.save_revision().publish()
    result = run_search(SearchQuery(filters={"adopted_from": frozenset({str(source.pk)})}))
    assert [hit.title for hit in result.hits] == ["Loket Zwolle"]
    bucket = next(b for b in result.facets["adopted_from"] if b.code == str(source.pk))
    assert (bucket.label, bucket.count, bucket.selected) == ("Scheidingspunt", 1, True)
    tags = {b.code: b.label for b in run_search(SearchQuery()).facets["tag"]}
    assert tags["ouderschapsplan"] == "ouderschapsplan"
    assert run_search(SearchQuery(q="ouderschapsplan")).hits[0].title == "Loket Zwolle"


def test_rebuild_builds_the_same_documents_as_single_page_indexing(demo, django_capture_on_commit_callbacks):
    """Rebuilds read relations from prefetched lists, single pages through the managers: both
    paths must give the same document, relations and lineage included."""
    from practices.models import ApproachLineage, ApproachPage
    from search.documents import build_document, iter_documents, public_pages

    source = ApproachPage.objects.live().get(slug="scheidingspunt-zoetermeer")
    with django_capture_on_commit_callbacks(execute=True):
        page = make_approach(
            "JZ24",
            title="Gelijk document",
            publish=False,
            municipalities=["0637"],
            partners=[{"organisation": "Wijkteam", "partner_type": "cjg", "discipline": "care"}],
        )
        page.lineage = [ApproachLineage(source=source, relation="adopted")]
        page.tags.add("ouderschapsplan")
        page.save_revision().publish()

    rebuilt = {data.page_id: data for data in iter_documents()}
    single = {page.pk: build_document(page) for page in public_pages()}
    assert rebuilt.keys() == single.keys()
    for page_id, data in single.items():
        assert rebuilt[page_id] == data, page_id
    assert rebuilt[page.pk].facets["adopted_from"] == [(str(source.pk), "Scheidingspunt")]
    assert rebuilt[page.pk].facets["tag"] == [("ouderschapsplan", "ouderschapsplan")]
