"""Only the Ministerie group may set or change ``recommended_by_ministry`` (enforced on save)."""

import pytest
from django.http import QueryDict
from wagtail.models import GroupPagePermission, Page

from events.models import EventIndexPage, ExchangeSessionPage
from regions.roles import MINISTRY_GROUP
from tests.admin_forms import form_data, post_data

from .conftest import make_user

pytestmark = pytest.mark.django_db

COORDINATOR_GROUP = "Coördinator Haaglanden"


@pytest.fixture
def coordinator(demo):
    user = make_user("coby-events", COORDINATOR_GROUP)
    # Let this coordinator edit sessions too, so only the recommendation rule stands in the way.
    index = EventIndexPage.objects.get()
    from django.contrib.auth.models import Permission

    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=user.groups.get(),
            page=Page.objects.get(pk=index.pk),
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    return user


@pytest.fixture
def ministry(demo):
    return make_user("mira-events", MINISTRY_GROUP)


def _form(client, page, user, **changes):
    """The admin edit form bound to what the browser would post (plus ``changes``)."""
    client.force_login(user)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    form_class = ExchangeSessionPage.get_edit_handler().get_form_class()
    data = QueryDict(mutable=True)
    for key, value in post_data(form_data(html), **changes).items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return form_class(data, instance=page, for_user=user, parent_page=page.get_parent())


def test_coordinator_form_disables_the_fields(client, session_factory, coordinator):
    page = session_factory()
    form = _form(client, page, coordinator)
    assert form.fields["recommended_by_ministry"].disabled
    assert form.fields["recommendation_reason"].disabled


def test_coordinator_setting_the_flag_is_refused_with_dutch_message(client, session_factory, coordinator):
    page = session_factory()
    form = _form(
        client, page, coordinator, recommended_by_ministry="on", recommendation_reason="Wij vinden het goed"
    )
    assert not form.is_valid()
    messages = [str(m) for errors in form.errors.values() for m in errors]
    assert "Alleen het ministerie mag de aanbeveling van een bijeenkomst instellen of wijzigen." in messages


def test_ministry_may_set_the_flag(client, session_factory, ministry):
    page = session_factory()
    form = _form(
        client,
        page,
        ministry,
        recommended_by_ministry="on",
        recommendation_reason="Sluit aan bij de quickscan",
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["recommended_by_ministry"] is True


def test_coordinator_edit_through_admin_keeps_flag(client, session_factory, coordinator):
    page = session_factory(recommended_by_ministry=True, recommendation_reason="Aanbevolen door JenV")
    client.force_login(coordinator)
    url = f"/admin/pages/{page.pk}/edit/"
    html = client.get(url).content.decode()
    # The browser does not submit disabled fields; a tampering client posts them anyway.
    data = post_data(form_data(html), title="Nieuwe titel", recommendation_reason="Zelf aangepast")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Alleen het ministerie mag de aanbeveling" in response.content.decode()
    page.refresh_from_db()
    assert page.recommendation_reason == "Aanbevolen door JenV"
    assert page.get_latest_revision().as_object().recommendation_reason == "Aanbevolen door JenV"

    # Without tampering the coordinator can save; the flag stays as the ministry set it.
    data = post_data(form_data(html), title="Nieuwe titel")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    revision = page.get_latest_revision().as_object()
    assert revision.title == "Nieuwe titel"
    assert revision.recommended_by_ministry is True


def test_ministry_sets_flag_through_admin(client, session_factory, ministry):
    page = session_factory()
    client.force_login(ministry)
    url = f"/admin/pages/{page.pk}/edit/"
    html = client.get(url).content.decode()
    data = post_data(
        form_data(html),
        recommended_by_ministry="on",
        recommendation_reason="Sluit aan bij de eerste aanbeveling van de quickscan",
        **{"action-publish": "1"},
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    assert page.recommended_by_ministry is True
