"""Background work for the Elasticsearch index (django_tasks; runs in the worker when a queueing
backend is configured, immediately otherwise). A failure is logged and never reaches the editor."""

from __future__ import annotations

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def sync_elasticsearch(page_id: int) -> str:
    from .documents import build_document, public_pages
    from .engines.elasticsearch import ElasticsearchEngine

    engine = ElasticsearchEngine()
    page = public_pages().filter(pk=page_id).first()
    try:
        if page is None:
            engine.delete(page_id)
            return "deleted"
        engine.upsert([build_document(page)])
        return "indexed"
    except Exception:
        logger.exception("Elasticsearch sync of page %s failed; run rebuild_search_index", page_id)
        return "failed"
