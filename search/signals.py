"""Keep the search documents in sync with the page tree.

Publish, unpublish, move, delete, privacy changes and renamed interventions schedule a re-index of
the affected profiles *after the transaction commits*. The database document is rebuilt right
away (a handful of queries); Elasticsearch is updated through a background task. Indexing errors
are logged and never fail the editor's action; ``rebuild_search_index`` repairs any drift.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from practices.models import ApproachPage, Intervention

from .models import IndexVersion, SearchDocument

logger = logging.getLogger(__name__)


def reindex_pages(page_ids) -> None:
    from .documents import index_page
    from .engines import elasticsearch_configured

    for page_id in page_ids:
        try:
            index_page(page_id)
        except Exception:
            logger.exception("Could not update the search document of page %s", page_id)
        if elasticsearch_configured():
            from .tasks import sync_elasticsearch

            try:
                sync_elasticsearch.enqueue(page_id)
            except Exception:
                logger.exception("Could not queue the Elasticsearch sync of page %s", page_id)


def schedule(page_ids) -> None:
    ids = sorted(set(page_ids))
    if ids:
        transaction.on_commit(lambda: reindex_pages(ids))


def _approach_ids_under(page: Page) -> list[int]:
    return list(ApproachPage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def on_publish_change(sender, instance, **kwargs):
    schedule(_approach_ids_under(instance))


def on_move(sender, instance, **kwargs):
    schedule(_approach_ids_under(instance))


def on_approach_deleted(sender, instance, **kwargs):
    # The database document goes with the page (foreign key cascade); Elasticsearch needs a call.
    schedule([instance.pk])


def on_restriction_change(sender, instance, **kwargs):
    try:
        page = instance.page
    except Page.DoesNotExist:
        return
    schedule(_approach_ids_under(page))


def on_intervention_saved(sender, instance, **kwargs):
    schedule(instance.approaches.values_list("pk", flat=True))


def on_document_deleted(sender, instance, **kwargs):
    # Also when the page's deletion cascades to its document (no call of search.documents).
    IndexVersion.bump([instance.pk])


def connect() -> None:
    page_published.connect(on_publish_change, dispatch_uid="search-published")
    page_unpublished.connect(on_publish_change, dispatch_uid="search-unpublished")
    post_page_move.connect(on_move, dispatch_uid="search-moved")
    post_delete.connect(on_approach_deleted, sender=ApproachPage, dispatch_uid="search-deleted")
    post_delete.connect(on_document_deleted, sender=SearchDocument, dispatch_uid="search-document-deleted")
    post_save.connect(on_restriction_change, sender=PageViewRestriction, dispatch_uid="search-restr-save")
    post_delete.connect(on_restriction_change, sender=PageViewRestriction, dispatch_uid="search-restr-del")
    post_save.connect(on_intervention_saved, sender=Intervention, dispatch_uid="search-intervention")
