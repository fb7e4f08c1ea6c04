"""The picture at an earlier date, rebuilt from page revisions and publish/unpublish log entries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageLogEntry

from practices import trend
from practices.models import ApproachPage
from tests.factories import make_approach

pytestmark = pytest.mark.django_db


def at(year, month, day):
    return datetime.datetime(year, month, day, 12, tzinfo=datetime.UTC)


def backdate_last(page, action, moment):
    entry = PageLogEntry.objects.filter(page=page, action=action).order_by("-timestamp", "-pk").first()
    entry.timestamp = moment
    entry.save(update_fields=["timestamp"])


@pytest.fixture
def moving_profile(demo):
    """Published as 'exploring' in 2021, 'implemented' from 2024, unpublished in autumn 2024."""
    page = make_approach("JZ24", stage="exploring", offers=["mediation"])
    backdate_last(page, "wagtail.publish", at(2021, 3, 1))
    page = ApproachPage.objects.get(pk=page.pk)
    page.stage = "implemented"
    page.offers = ["mediation", "uha"]
    page.save_revision().publish()
    backdate_last(page, "wagtail.publish", at(2024, 2, 1))
    page = ApproachPage.objects.get(pk=page.pk)
    page.unpublish()
    backdate_last(page, "wagtail.unpublish", at(2024, 9, 1))
    return page


def test_stage_follows_the_revision_live_at_each_date(moving_profile):
    assert trend.facts_at(datetime.date(2020, 12, 31)) == []
    (early,) = trend.facts_at(datetime.date(2021, 6, 1))
    assert early.page_id == moving_profile.pk
    assert early.stage == "exploring"
    assert early.offers == ("mediation",)
    assert early.region_code == "JZ24"
    (later,) = trend.facts_at(datetime.date(2024, 3, 1))
    assert later.stage == "implemented"
    assert later.offers == ("mediation", "uha")
    assert trend.facts_at(datetime.date(2024, 10, 1)) == []  # unpublished by then


def test_overview_at_counts_the_past(moving_profile):
    overview = trend.overview_at(datetime.date(2022, 1, 1))
    stage = {row.code: row.count for row in overview.figure("stage").rows}
    assert overview.total == 1
    assert stage["exploring"] == 1 and stage["implemented"] == 0
    regions = {r.region_code: r for r in overview.regions}
    assert regions["JZ24"].stage == "exploring"
    # and the same day in 2024: one step further
    later = {row.code: row.count for row in trend.overview_at(datetime.date(2024, 6, 1)).figure("stage").rows}
    assert later["implemented"] == 1 and later["exploring"] == 0


def test_partner_types_and_municipalities_come_from_the_revision(demo):
    page = make_approach(
        "JZ24", municipalities=["GM0503"], partners=[{"organisation": "Huisarts", "partner_type": "gp"}]
    )
    backdate_last(page, "wagtail.publish", at(2023, 1, 1))
    (item,) = trend.facts_at(datetime.date(2023, 6, 1))
    assert item.partner_types == ("gp",)
    assert item.size_class == "over_100k"  # Delft


def test_query_count_is_bounded(moving_profile):
    for _ in range(3):
        extra = make_approach("JZ01", stage="planning")
        backdate_last(extra, "wagtail.publish", at(2022, 5, 1))
    with CaptureQueriesContext(connection) as captured:
        facts = trend.facts_at(datetime.date(2023, 1, 1))
    assert len(facts) == 4
    assert len(captured.captured_queries) <= 8
