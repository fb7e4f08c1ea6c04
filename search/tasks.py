"""Background work for the Elasticsearch index (django_tasks; runs in the worker when a queueing
backend is configured, immediately otherwise, i.e. after the publish's commit in the same request).
A failure is logged and never reaches the editor. The write goes through the circuit breaker
(skipped while the cluster is known to be down) with the short sync timeout, so an editor waits at
most ``ELASTICSEARCH_SYNC_TIMEOUT`` once per worker and cool-down, never per page."""

from __future__ import annotations

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def sync_elasticsearch(page_id: int) -> str:
    from .documents import build_document, public_pages
    from .engines.breaker import WriteSkipped, guarded_write
    from .engines.elasticsearch import ElasticsearchEngine, sync_timeout

    engine = ElasticsearchEngine(timeout=sync_timeout())
    page = public_pages().filter(pk=page_id).first()
    try:
        if page is None:
            guarded_write(lambda: engine.delete(page_id), f"delete page {page_id}")
            return "deleted"
        document = build_document(page)
        guarded_write(lambda: engine.upsert([document]), f"index page {page_id}")
        return "indexed"
    except WriteSkipped:
        return "skipped"
    except Exception:
        logger.exception("Elasticsearch sync of page %s failed; run rebuild_search_index", page_id)
        return "failed"
