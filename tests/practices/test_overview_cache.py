"""The live overview is kept per registry version (the search index version): a publish updates
it once the publish has committed and the profile's search document is rewritten."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from practices import figures
from tests.factories import make_approach

pytestmark = pytest.mark.django_db


@override_settings(OVERVIEW_CACHE_SECONDS=300)
def test_overview_is_cached_until_a_profile_is_published(demo, django_capture_on_commit_callbacks):
    figures.forget_overview()
    first = figures.overview_now()
    with CaptureQueriesContext(connection) as queries:
        again = figures.overview_now()
    assert len(queries.captured_queries) == 1  # only the version check (one primary-key read)
    assert again is first  # this worker's copy, not unpickled from a cache
    assert again.total == first.total

    with django_capture_on_commit_callbacks(execute=True):
        make_approach("JZ24", stage="implemented")
    after = figures.overview_now()
    assert after.total == first.total + 1
    stage = {row.code: row.count for row in after.figure("stage").rows}
    before = {row.code: row.count for row in first.figure("stage").rows}
    assert stage["implemented"] == before.get("implemented", 0) + 1


@override_settings(OVERVIEW_CACHE_SECONDS=0)
def test_caching_can_be_switched_off(demo):
    figures.forget_overview()
    figures.overview_now()
    with CaptureQueriesContext(connection) as queries:
        figures.overview_now()
    assert len(queries.captured_queries) > 2
