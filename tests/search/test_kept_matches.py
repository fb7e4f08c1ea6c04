"""Text matches are kept per worker for the index version (DatabaseEngine.kept_matches): refining
a query with filters does not match the text again, and a publish is found at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.engines import database
from tests.factories import make_approach

pytestmark = pytest.mark.django_db


def _search(client, query: str) -> tuple[dict, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/search/?{query}")
    assert response.status_code == 200
    text_matches = [q for q in queries.captured_queries if "indexentry" in q["sql"]]
    return response.json(), len(text_matches)


def _titles(body: dict) -> set[str]:
    return {hit["title"] for hit in body["results"]}


def test_refining_a_query_matches_the_text_once(demo, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_approach("JZ24", title="Ouderschapsloket Oost", stage="implemented", summary="Een loket")
        make_approach("JZ24", title="Ouderschapsloket West", stage="planning", summary="Een loket")
    first, matched = _search(client, "q=ouderschapsloket")
    assert matched == 1 and _titles(first) == {"Ouderschapsloket Oost", "Ouderschapsloket West"}
    refined, matched = _search(client, "q=ouderschapsloket&stage=implemented")
    assert matched == 0
    assert _titles(refined) == {"Ouderschapsloket Oost"}
    # the same answer as a worker that never kept anything
    database._kept.update(version=None)
    fresh, matched = _search(client, "q=ouderschapsloket&stage=implemented")
    assert matched == 1 and fresh["results"] == refined["results"] and fresh["facets"] == refined["facets"]


def test_a_publish_is_found_by_the_next_search(demo, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_approach("JZ24", title="Zilverreigerpunt Noord", summary="Een loket")
    before, _ = _search(client, "q=zilverreigerpunt")
    assert _titles(before) == {"Zilverreigerpunt Noord"}
    with django_capture_on_commit_callbacks(execute=True):
        make_approach("JZ24", title="Zilverreigerpunt Zuid", summary="Een loket")
    after, matched = _search(client, "q=zilverreigerpunt")
    assert matched == 1
    assert _titles(after) == {"Zilverreigerpunt Noord", "Zilverreigerpunt Zuid"}


def test_only_the_most_recent_queries_are_kept(demo, client, monkeypatch):
    monkeypatch.setattr(database, "KEPT_MATCHES", 2)
    for word in ("aanpak", "loket", "ouders"):
        _search(client, f"q={word}")
    assert len(database._kept["matches"]) == 2
    assert _search(client, "q=aanpak")[1] == 1  # dropped first
    assert _search(client, "q=ouders")[1] == 0
