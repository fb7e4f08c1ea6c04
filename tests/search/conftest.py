"""Engines under test: the database engine always; Elasticsearch only against a real cluster
(ELASTICSEARCH_URL), whose index is rebuilt from the demo documents first."""

from __future__ import annotations

import os

import pytest

from search.documents import iter_documents
from search.engines.database import DatabaseEngine

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")


def _engine(name):
    if name == "database":
        return DatabaseEngine()
    if not ES_URL:
        pytest.skip("Elasticsearch conformance needs a real cluster: set ELASTICSEARCH_URL to run it")
    from search.engines.elasticsearch import ElasticsearchEngine

    engine = ElasticsearchEngine(url=ES_URL, index=f"kn-test-{os.getpid()}")
    engine.rebuild(iter_documents())
    return engine


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request, demo):
    return _engine(request.param)


@pytest.fixture(autouse=True)
def _closed_breaker():
    """Each test starts with the Elasticsearch circuit breaker closed (it is per process)."""
    from search.engines.breaker import elasticsearch_breaker

    elasticsearch_breaker.reset()
    yield
    elasticsearch_breaker.reset()
