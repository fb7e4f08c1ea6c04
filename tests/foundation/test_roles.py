"""Coordinators edit only their own region; publishing goes through the ministry's approval."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowState

from practices.models import ApproachPage
from regions.roles import MINISTRY_GROUP, ensure_roles
from tests.admin_forms import form_data, post_data, streamfield_post_data

pytestmark = pytest.mark.django_db


def _user(username, group):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def coordinator(demo):
    return _user("coby", "Coördinator Haaglanden")


@pytest.fixture
def ministry(demo):
    return _user("mira", MINISTRY_GROUP)


def test_roles_command_is_idempotent(demo):
    groups = Group.objects.count()
    ensure_roles()
    assert Group.objects.count() == groups
    assert Group.objects.filter(name=MINISTRY_GROUP).count() == 1
    assert Group.objects.filter(name__startswith="Coördinator ").count() == 42


def test_coordinator_cannot_edit_another_regions_profile(client, coordinator):
    client.force_login(coordinator)
    joop = ApproachPage.objects.get(slug="joop-zeeland")
    response = client.get(f"/admin/pages/{joop.pk}/edit/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert f"/admin/pages/{joop.pk}/edit/" not in response["Location"]


def test_coordinator_can_edit_own_region_but_not_publish(client, coordinator):
    client.force_login(coordinator)
    page = ApproachPage.objects.get(slug="scheidingspunt-zoetermeer")
    edit_url = f"/admin/pages/{page.pk}/edit/"
    response = client.get(edit_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="action-publish"' not in html

    data = post_data(form_data(html), summary="Nieuwe samenvatting", **{"action-publish": "1"})
    data.update(streamfield_post_data("body", page.body))
    response = client.post(edit_url, data)
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.summary != "Nieuwe samenvatting"  # live version unchanged
    assert page.get_latest_revision_as_object().summary == "Nieuwe samenvatting"
    assert page.has_unpublished_changes


def test_coordinator_submits_and_ministry_approves(client, coordinator, ministry):
    page = ApproachPage.objects.get(slug="scheidingspunt-zoetermeer")
    edit_url = f"/admin/pages/{page.pk}/edit/"
    client.force_login(coordinator)
    data = post_data(form_data(client.get(edit_url).content.decode()), summary="Ter goedkeuring")
    data.update(streamfield_post_data("body", page.body), **{"action-submit": "1"})
    response = client.post(edit_url, data)
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    page.refresh_from_db()
    assert page.summary != "Ter goedkeuring"

    client.force_login(ministry)
    task_state = state.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": "Akkoord"},
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.summary == "Ter goedkeuring"
    public = client.get(page.url).content.decode()
    assert "Ter goedkeuring" in public
