"""Engine selection and the fallback: ``run_search`` never fails because a cluster is down.

``settings.SEARCH_ENGINE`` is "database" (default) or "elasticsearch" (with
``settings.ELASTICSEARCH_URL``). When Elasticsearch cannot answer (connection refused, timeout,
missing index, ...) the query is answered by the database engine and the result carries a Dutch
``notice`` saying so.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.translation import gettext as _

from ..contract import SearchQuery, SearchResult
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
    try:
        return engine.search(query)
    except Exception:  # any transport or API error: answer from the database instead
        logger.exception("Search engine %s failed; falling back to the database engine", engine.name)
        result = DatabaseEngine().search(query)
        result.notice = _(
            "De zoekmachine is tijdelijk niet bereikbaar. Deze resultaten komen uit de eenvoudige "
            "zoekfunctie van de database; de volgorde kan afwijken."
        )
        return result
