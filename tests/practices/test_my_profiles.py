""" "Mijn profielen" on the dashboard and the one-click review "Gecontroleerd, nog actueel"."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageLogEntry, WorkflowState

from practices import review
from practices.models import ApproachPage
from regions.roles import MINISTRY_GROUP

pytestmark = pytest.mark.django_db

OLD = datetime.date(2020, 1, 1)


@pytest.fixture
def coordinator(demo):
    return get_user_model().objects.get(username="coordinator-haaglanden")


@pytest.fixture
def ministry(demo):
    user = get_user_model().objects.create_user("mira", "mira@example.org", "pw")
    user.groups.add(Group.objects.get(name=MINISTRY_GROUP))
    return user


@pytest.fixture
def stale_profile(demo):
    page = ApproachPage.objects.get(slug="scheidingspunt-zoetermeer")
    page.last_reviewed = OLD
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.is_stale and not page.has_unpublished_changes
    return page


def _fields(page) -> dict:
    """Every concrete field of the page version, except Wagtail's bookkeeping."""
    skip = {
        "latest_revision",
        "latest_revision_created_at",
        "last_published_at",
        "live_revision",
        "has_unpublished_changes",
        "draft_title",
        "last_reviewed",
        "first_published_at",  # revisions keep timestamps to the millisecond
    }
    return {f.attname: getattr(page, f.attname) for f in page._meta.concrete_fields if f.name not in skip}


def _review_url(page):
    return f"/admin/profielen/{page.pk}/gecontroleerd/"


def test_the_panel_lists_the_coordinators_region_only(client, coordinator, stale_profile):
    client.force_login(coordinator)
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    panel = soup.select_one("#my-profiles-section")
    assert panel is not None
    text = panel.get_text(" ", strip=True)
    assert "Scheidingspunt" in text
    assert "Verouderd" in text
    titles = [a.get_text(strip=True) for a in panel.select("td.title a")]
    expected = ApproachPage.objects.descendant_of(stale_profile.get_parent()).order_by("title")
    assert titles == [str(p.get_admin_display_title()) for p in expected]
    assert panel.select_one(f"form[action='{_review_url(stale_profile)}']") is not None
    assert "van" in panel.select_one("td details summary").get_text()  # completeness "n van m"


def test_the_ministry_has_no_such_panel(client, ministry):
    client.force_login(ministry)
    assert b'id="my-profiles-section"' not in client.get("/admin/").content


def test_a_coordinators_review_is_a_revision_with_a_log_entry_submitted_for_approval(
    client, coordinator, stale_profile
):
    before = _fields(stale_profile.get_latest_revision_as_object())
    revisions = stale_profile.revisions.count()
    client.force_login(coordinator)
    response = client.post(_review_url(stale_profile), {"next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"

    stale_profile.refresh_from_db()
    assert stale_profile.revisions.count() == revisions + 1
    latest = stale_profile.get_latest_revision_as_object()
    assert latest.last_reviewed == timezone.localdate()
    assert _fields(latest) == before  # nothing else changed
    entry = PageLogEntry.objects.filter(page=stale_profile, action=review.REVIEWED_ACTION).get()
    assert entry.user == coordinator and entry.revision == stale_profile.latest_revision
    assert entry.data == {"last_reviewed": timezone.localdate().isoformat()}
    # a coordinator may not publish: the review waits in the ministry's workflow, the live page is unchanged
    assert stale_profile.last_reviewed == OLD
    state = WorkflowState.objects.active().get(object_id=str(stale_profile.pk))
    assert state.current_task_state.revision == stale_profile.latest_revision


def test_the_ministry_review_is_published(ministry, stale_profile):
    assert review.record_review(stale_profile, ministry) == review.PUBLISHED
    stale_profile.refresh_from_db()
    assert stale_profile.last_reviewed == timezone.localdate()
    assert not stale_profile.is_stale and not stale_profile.has_unpublished_changes
    assert PageLogEntry.objects.filter(page=stale_profile, action=review.REVIEWED_ACTION).count() == 1


def test_pending_changes_keep_the_review_in_the_draft(ministry, stale_profile):
    draft = ApproachPage.objects.get(pk=stale_profile.pk)
    draft.summary = "Concepttekst die nog niet gepubliceerd is"
    draft.save_revision()
    stale_profile.refresh_from_db()
    assert review.record_review(stale_profile, ministry) == review.IN_DRAFT
    stale_profile.refresh_from_db()
    assert stale_profile.summary != draft.summary  # the pending edit was not published
    latest = stale_profile.get_latest_revision_as_object()
    assert latest.summary == draft.summary and latest.last_reviewed == timezone.localdate()


def test_another_regions_coordinator_is_refused(client, demo, stale_profile):
    zeeland = get_user_model().objects.get(username="coordinator-zeeland")
    client.force_login(zeeland)
    revisions = stale_profile.revisions.count()
    response = client.post(_review_url(stale_profile))
    assert response.status_code == 403
    assert stale_profile.revisions.count() == revisions
    assert not PageLogEntry.objects.filter(action=review.REVIEWED_ACTION).exists()


def test_the_review_is_post_only_and_needs_csrf(coordinator, stale_profile):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    assert client.get(_review_url(stale_profile)).status_code == 405
    assert client.post(_review_url(stale_profile)).status_code == 403
    assert not PageLogEntry.objects.filter(action=review.REVIEWED_ACTION).exists()


def test_a_profile_in_moderation_cannot_be_reviewed_by_the_coordinator(client, coordinator, stale_profile):
    client.force_login(coordinator)
    assert client.post(_review_url(stale_profile)).status_code == 302
    stale_profile.refresh_from_db()
    assert client.post(_review_url(stale_profile)).status_code == 403  # locked by the workflow
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    assert soup.select_one(f"form[action='{_review_url(stale_profile)}']") is None
    assert "Wacht op goedkeuring" in soup.select_one("#my-profiles-section").get_text()


def test_an_unknown_profile_is_a_404(client, coordinator):
    client.force_login(coordinator)
    assert client.post("/admin/profielen/999999/gecontroleerd/").status_code == 404


def test_the_log_action_has_a_dutch_label():
    from wagtail.log_actions import registry

    assert registry.action_exists(review.REVIEWED_ACTION)
    assert "Gecontroleerd" in str(registry.get_action_label(review.REVIEWED_ACTION))
