"""Pages cost the same number of queries whatever the number of profiles (issue 19): measured with
a few profiles, then again with five times as many."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_approach

pytestmark = pytest.mark.django_db

# version row, routing (2), view restrictions, partners, principles, interventions, municipalities,
# lineage, reports, contacts, tags; the site, home page, menu and catalogue address come from the
# worker's cache (search.site_cache), the breadcrumbs and region link from routing (issue 19)
PROFILE_PAGE_MAX = 12


def _paths(profile) -> dict[str, str]:
    from events.models import ExchangeSessionPage

    session = ExchangeSessionPage.objects.live().order_by("pk").first()
    paths = {
        "home": "/",
        "profile": profile.url,
        "search": "/zoeken/?q=aanpak&stage=implemented",
        "search_api": "/api/search/?q=aanpak&stage=implemented",
        "overview": "/landelijk-beeld/",
        "sessions": "/bijeenkomsten/",
    }
    if session is not None:
        paths["session"] = session.url
    return paths


def _counts(client, paths: dict[str, str]) -> dict[str, int]:
    counts = {}
    for name, path in paths.items():
        assert client.get(path).status_code == 200, path  # warm: per-worker structures loaded
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, path
        counts[name] = len(queries.captured_queries)
    return counts


def _publish(count: int, django_capture_on_commit_callbacks, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        return [
            make_approach("JZ24", stage="implemented", summary="Een aanpak", **fields) for _ in range(count)
        ]


def test_pages_cost_the_same_queries_at_two_sizes(
    demo, client, django_capture_on_commit_callbacks, django_assert_max_num_queries, settings
):
    settings.OVERVIEW_CACHE_SECONDS = 300
    profile = _publish(3, django_capture_on_commit_callbacks, last_reviewed=None)[0]
    paths = _paths(profile)
    small = _counts(client, paths)
    _publish(15, django_capture_on_commit_callbacks)
    large = _counts(client, paths)
    assert large == small
    with django_assert_max_num_queries(PROFILE_PAGE_MAX):
        client.get(paths["profile"])
