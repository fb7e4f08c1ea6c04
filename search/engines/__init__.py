"""Engine selection and the fallback: ``run_search`` never fails because a cluster is down.

``settings.SEARCH_ENGINE`` is "database" (default) or "elasticsearch" (with
``settings.ELASTICSEARCH_URL``). When Elasticsearch cannot answer (connection refused, timeout,
missing index, ...) the query is answered by the database engine and the result carries a Dutch
``notice`` saying so; the per-worker circuit breaker (``breaker.py``) then skips the cluster for a
cool-down. Suggestions and counts use ``run_auxiliary_search`` (always the database engine).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.translation import gettext as _

from ..contract import SearchQuery, SearchResult
from .breaker import elasticsearch_breaker
from .database import DatabaseEngine

logger = logging.getLogger(__name__)

ENGINES = ("database", "elasticsearch")


def elasticsearch_configured() -> bool:
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def get_engine(name: str | None = None):
    name = name or getattr(settings, "SEARCH_ENGINE", "database") or "database"
    if name == "elasticsearch" and elasticsearch_configured():
        from .elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine()
    if name == "elasticsearch":
        logger.warning("SEARCH_ENGINE=elasticsearch without ELASTICSEARCH_URL; using the database engine")
    return DatabaseEngine()


def run_search(query: SearchQuery, engine=None) -> SearchResult:
    engine = engine or get_engine()
    if engine.name == "database":
        return engine.search(query)
    if not elasticsearch_breaker.allow():  # failed recently: do not wait for it again
        return _database_fallback(query)
    try:
        result = engine.search(query)
    except Exception as error:  # any transport or API error: answer from the database instead
        elasticsearch_breaker.record_failure(error)
        return _database_fallback(query)
    elasticsearch_breaker.record_success()
    return result


def run_auxiliary_search(query: SearchQuery) -> SearchResult:
    """Suggestions, counts and other extra searches around a page: always the database engine
    (in-process facet index, no network), so they never multiply a slow cluster's wait."""
    return DatabaseEngine().search(query)


def _database_fallback(query: SearchQuery) -> SearchResult:
    result = DatabaseEngine().search(query)
    result.notice = _(
        "De zoekmachine is tijdelijk niet bereikbaar. Deze resultaten komen uit de eenvoudige "
        "zoekfunctie van de database; de volgorde kan afwijken."
    )
    return result
