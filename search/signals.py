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
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from practices.models import ApproachPage, Intervention

from . import site_cache
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


def on_site_change(sender, **kwargs):
    # A site, or a page or view restriction near the top of the tree: what workers keep about the
    # site (search.site_cache) is stale. Saving a profile three levels down (every publish)
    # leaves the menu and the home page as they are.
    if kwargs.get("raw"):
        return  # loading fixtures
    page = kwargs.get("instance")
    if isinstance(page, PageViewRestriction):
        try:
            page = page.page
        except Page.DoesNotExist:  # deleted together with its page
            page = None
    if isinstance(page, Page) and page.depth and page.depth > site_cache.DEEPEST_CACHED_DEPTH:
        return
    IndexVersion.bump_site()


def on_site_move(sender, instance, parent_page_before=None, parent_page_after=None, **kwargs):
    # Into or out of the top of the tree (the menu level) counts; a profile moving between regions
    # does not.
    depths = [parent.depth + 1 for parent in (parent_page_before, parent_page_after) if parent is not None]
    if not depths or min(depths) <= site_cache.DEEPEST_CACHED_DEPTH:
        IndexVersion.bump_site()


def connect() -> None:
    for model in get_page_models():
        post_save.connect(on_site_change, sender=model, dispatch_uid=f"site-saved-{model._meta.label}")
        post_delete.connect(on_site_change, sender=model, dispatch_uid=f"site-deleted-{model._meta.label}")
    post_page_move.connect(on_site_move, dispatch_uid="site-moved")
    for model in (PageViewRestriction, Site):
        post_save.connect(on_site_change, sender=model, dispatch_uid=f"site-saved-{model._meta.label}")
        post_delete.connect(on_site_change, sender=model, dispatch_uid=f"site-deleted-{model._meta.label}")
    page_published.connect(on_publish_change, dispatch_uid="search-published")
    page_unpublished.connect(on_publish_change, dispatch_uid="search-unpublished")
    post_page_move.connect(on_move, dispatch_uid="search-moved")
    post_delete.connect(on_approach_deleted, sender=ApproachPage, dispatch_uid="search-deleted")
    post_delete.connect(on_document_deleted, sender=SearchDocument, dispatch_uid="search-document-deleted")
    post_save.connect(on_restriction_change, sender=PageViewRestriction, dispatch_uid="search-restr-save")
    post_delete.connect(on_restriction_change, sender=PageViewRestriction, dispatch_uid="search-restr-del")
    post_save.connect(on_intervention_saved, sender=Intervention, dispatch_uid="search-intervention")
