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


# --- writes: the index sync after a publish, and the rebuild ---


def _hanging_cluster():
    """Every request to the cluster times out, as a hanging node does (no server involved)."""
    from elastic_transport import ConnectionTimeout, Transport

    return mock.patch.object(
        Transport, "perform_request", autospec=True, side_effect=ConnectionTimeout("read timed out")
    )


def _publish(client, page, summary):
    from tests.admin_forms import form_data, post_data, streamfield_post_data

    edit_url = f"/admin/pages/{page.pk}/edit/"
    html = client.get(edit_url).content.decode()
    data = post_data(form_data(html), summary=summary, **{"action-publish": "1"})
    data.update(streamfield_post_data("body", page.body))
    return client.post(edit_url, data)


@pytest.mark.django_db
@override_settings(SEARCH_ENGINE="elasticsearch", ELASTICSEARCH_URL=DOWN)
def test_publishing_during_an_outage_waits_for_the_cluster_once_then_skips_it(
    client, demo, commit_after_requests, caplog
):
    from django.contrib.auth import get_user_model

    from practices.models import ApproachPage
    from search.engines.elasticsearch import sync_timeout
    from search.models import SearchDocument

    client.force_login(get_user_model().objects.create_superuser("eddie", "eddie@example.org", "pw"))
    page = ApproachPage.objects.get(slug="scheidingspunt-zoetermeer")
    with _hanging_cluster() as cluster, caplog.at_level(logging.WARNING, logger="search"):
        for summary in ("Eerste versie", "Tweede versie", "Derde versie"):
            response = _publish(client, page, summary)
            assert response.status_code == 302  # the editor's action succeeded
            page.refresh_from_db()
            assert page.summary == summary
            assert SearchDocument.objects.get(page=page).summary == summary  # database search is current
        # one request, with the short sync budget; the two later publishes did not touch the cluster
        assert cluster.call_count == 1
        assert cluster.call_args.kwargs["request_timeout"] == sync_timeout() <= 2
        searched = client.get("/zoeken/", {"q": "Derde versie"})
        assert searched.status_code == 200 and "tijdelijk niet bereikbaar" in searched.content.decode()
        assert cluster.call_count == 1  # searches skip the cluster too: one breaker for both
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 2  # the first publish only: the outage, and which page's sync failed
    assert "ConnectionTimeout" in errors[0] and f"sync of page {page.pk} failed" in errors[1]
    skipped = [r.getMessage() for r in caplog.records if "writes are skipped" in r.getMessage()]
    assert skipped == [  # logged once, not per publish
        "Elasticsearch is unavailable; index writes are skipped until it answers "
        f"(first: index page {page.pk})"
    ]


def test_skipped_writes_are_counted_and_the_recovery_says_to_rebuild(caplog):
    from search.engines.breaker import WriteSkipped, guarded_write

    clock = Clock()
    breaker = CircuitBreaker(cooldown=30, clock=clock)
    written = []

    def failing():
        raise ConnectionError("refused")

    with caplog.at_level(logging.WARNING, logger="search.engines"):
        with pytest.raises(ConnectionError):
            guarded_write(failing, "index page 1", breaker)
        for page_id in (2, 3):
            with pytest.raises(WriteSkipped):
                guarded_write(lambda n=page_id: written.append(n), f"index page {page_id}", breaker)
        assert written == [] and breaker.skipped_writes == 2
        clock.now += 31  # cool-down over: the next write is the trial
        assert guarded_write(lambda: written.append(4) or "ok", "index page 4", breaker) == "ok"
    assert written == [4] and not breaker.is_open and breaker.skipped_writes == 0
    messages = [r.getMessage() for r in caplog.records]
    assert (
        "2 Elasticsearch writes were skipped during the outage; run manage.py rebuild_search_index "
        "to bring the index up to date"
    ) in messages
    assert sum("writes are skipped" in m for m in messages) == 1


@pytest.mark.django_db
@override_settings(SEARCH_ENGINE="elasticsearch", ELASTICSEARCH_URL=DOWN)
def test_rebuild_is_not_attempted_while_the_breaker_is_open_but_the_database_documents_are(demo):
    from django.core.management import CommandError, call_command

    from search.models import SearchDocument

    SearchDocument.objects.all().delete()
    with _hanging_cluster() as cluster:
        with pytest.raises(CommandError, match="timed out"):
            call_command("rebuild_search_index")
        assert elasticsearch_breaker.is_open and cluster.call_count == 1
        with pytest.raises(CommandError, match="skipped"):
            call_command("rebuild_search_index")
        assert cluster.call_count == 1
    assert SearchDocument.objects.exists()
