"""The Elasticsearch circuit breaker and timeouts, without a cluster: after one failure a worker
answers from the database for the cool-down without waiting for the cluster, logs the outage once,
tries again after the cool-down, and suggestions never go to the cluster at all."""

from __future__ import annotations

import logging
from unittest import mock

import pytest
from django.test import override_settings

from search.contract import SearchQuery
from search.engines import run_search
from search.engines.breaker import CircuitBreaker, elasticsearch_breaker
from search.engines.elasticsearch import ElasticsearchEngine, client, search_timeout

DOWN = "http://127.0.0.1:9"  # nothing listens on the discard port: a real connection error


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_breaker_opens_cools_down_and_lets_one_trial_through(caplog):
    clock = Clock()
    breaker = CircuitBreaker(cooldown=30, clock=clock)
    assert breaker.allow()
    with caplog.at_level(logging.WARNING, logger="search.engines"):
        breaker.record_failure(ConnectionError("refused"))
        assert not breaker.allow()
        clock.now += 29.9
        assert not breaker.allow()
        clock.now += 0.2
        assert breaker.allow()  # half-open: one trial ...
        assert not breaker.allow()  # ... and only one
        breaker.record_failure(ConnectionError("still refused"))
        assert not breaker.allow()
        clock.now += 30
        assert breaker.allow()
        breaker.record_success()
        assert breaker.allow() and breaker.allow() and not breaker.is_open
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "refused" in errors[0].getMessage()  # logged once per outage
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "Elasticsearch answers again; searches use it again"
    ]


@pytest.mark.django_db
def test_after_a_failure_searches_skip_the_cluster_for_the_cooldown(demo):
    engine = ElasticsearchEngine(url=DOWN, index="kn-none")
    with mock.patch.object(ElasticsearchEngine, "search", autospec=True, side_effect=engine.search) as calls:
        first = run_search(SearchQuery(q="scheiden"), engine=engine)
        assert first.engine == "database" and first.notice and calls.call_count == 1
        assert elasticsearch_breaker.is_open
        for _ in range(5):
            again = run_search(SearchQuery(q="scheiden"), engine=engine)
            assert again.engine == "database" and again.notice
        assert calls.call_count == 1  # the cluster was not asked again
        assert again.total == first.total


@pytest.mark.django_db
@override_settings(SEARCH_ENGINE="elasticsearch", ELASTICSEARCH_URL=DOWN)
def test_zero_result_page_with_many_filters_asks_the_cluster_at_most_once(client, demo):
    with mock.patch.object(
        ElasticsearchEngine, "search", autospec=True, side_effect=ConnectionError
    ) as calls:
        response = client.get(
            "/zoeken/",
            {"q": "qqqzzzxxx", "stage": "implemented", "level": "municipal", "offer": "mediation"},
        )
    assert response.status_code == 200
    assert "tijdelijk niet bereikbaar" in response.content.decode()
    assert calls.call_count == 1  # suggestions and counts run on the database engine


def test_client_waits_are_bounded_and_never_retried():
    es = client(DOWN)
    assert es._max_retries == 0 and es._retry_on_timeout is False
    assert search_timeout() <= 1.0  # a search plus the database fallback stays under a second
    searching = es.options(request_timeout=search_timeout())
    assert searching._request_timeout == search_timeout()


@pytest.mark.django_db
@override_settings(SEARCH_ENGINE="elasticsearch", ELASTICSEARCH_URL=DOWN)
def test_suggestions_for_a_zero_result_page_never_ask_the_cluster(client, demo):
    from search.engines.database import DatabaseEngine

    def answer(self, query):  # a healthy "cluster" (the database answers in its place)
        return DatabaseEngine().search(query)

    with mock.patch.object(ElasticsearchEngine, "search", autospec=True, side_effect=answer) as calls:
        response = client.get("/zoeken/", {"q": "qqqzzzxxx", "stage": "implemented", "level": "municipal"})
    assert response.status_code == 200 and response.context["result"].total == 0
    assert calls.call_count == 1  # only the page's own search; each suggestion ran on the database
