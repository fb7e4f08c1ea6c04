"""The profile form's intervention chooser: search, add a missing one as "te controleren", and
only interventions through its endpoints; the ministry maintains the catalogue."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from practices.intervention_chooser import SafeAutocomplete
from practices.models import ApproachPage, Intervention
from regions.roles import MINISTRY_GROUP

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


def test_profile_form_has_the_chooser_with_create(client, coordinator):
    page = ApproachPage.objects.get(slug="scheidingspunt-zoetermeer")
    client.force_login(coordinator)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "autocomplete-controller" in html
    assert "practices.Intervention" in html and "data-autocomplete-input-can-create" in html


def test_search_finds_interventions_by_name(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/admin/autocomplete/search/", {"type": "practices.Intervention", "query": "pine"})
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Stichting Villa Pinedo"]


@pytest.mark.parametrize("model", ["auth.User", "wagtailcore.Page", "quickscan.Response", ""])
def test_the_endpoints_serve_only_interventions(client, coordinator, model):
    client.force_login(coordinator)
    assert client.post("/admin/autocomplete/search/", {"type": model, "query": "a"}).status_code == 400
    assert client.get("/admin/autocomplete/objects/", {"type": model, "pks": "1"}).status_code == 400
    assert client.post("/admin/autocomplete/create/", {"type": model, "value": "x"}).status_code == 400


def test_anonymous_visitors_cannot_use_the_chooser(client, demo):
    response = client.post(
        "/admin/autocomplete/create/", {"type": "practices.Intervention", "value": "Nieuw"}
    )
    assert response.status_code in (302, 403)
    assert not Intervention.objects.filter(name="Nieuw").exists()


def test_a_coordinator_adds_a_missing_intervention_as_a_draft(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/admin/autocomplete/create/",
        {"type": "practices.Intervention", "value": "  Ouderschapsplan   training "},
    )
    assert response.status_code == 200
    created = Intervention.objects.get(pk=response.json()["pk"])
    assert created.name == "Ouderschapsplan training"
    assert created.needs_review
    assert "te controleren" in response.json()["title"]
    # not public until the ministry has completed it
    assert client.get(f"/interventies/{created.slug}/").status_code == 404
    # the same name again chooses the existing one
    again = client.post(
        "/admin/autocomplete/create/", {"type": "practices.Intervention", "value": "ouderschapsplan training"}
    )
    assert again.json()["pk"] == created.pk


@pytest.mark.parametrize("value", ["", "   ", "x" * 201])
def test_bad_names_are_a_400(client, coordinator, value):
    client.force_login(coordinator)
    before = Intervention.objects.count()
    response = client.post("/admin/autocomplete/create/", {"type": "practices.Intervention", "value": value})
    assert response.status_code == 400
    assert Intervention.objects.count() == before


def test_a_malformed_widget_value_is_no_choice_not_an_error():
    widget = SafeAutocomplete(target_model=Intervention, can_create=True, is_single=False)
    assert widget.value_from_datadict({"interventions": "{not json"}, {}, "interventions") is None
    assert widget.value_from_datadict({"interventions": '[{"pk": 3}]'}, {}, "interventions") == [3]


def test_what_a_coordinator_adds_in_the_snippet_admin_stays_to_be_checked(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/admin/snippets/practices/intervention/add/",
        {"name": "Coördinatorinterventie", "needs_review": "", "evidence_level": "", "offer": ""},
    )
    assert response.status_code in (200, 302)
    created = Intervention.objects.get(name="Coördinatorinterventie")
    assert created.needs_review


def test_the_ministry_completes_a_draft(client, ministry):
    draft = Intervention.objects.create(name="Aan te vullen", needs_review=True)
    client.force_login(ministry)
    response = client.post(
        f"/admin/snippets/practices/intervention/edit/{draft.pk}/",
        {
            "name": "Aan te vullen",
            "slug": draft.slug,
            "evidence_level": "",
            "offer": "",
            "description": "Aangevuld.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert not draft.needs_review and draft.description == "Aangevuld."
    assert client.get(f"/interventies/{draft.slug}/").status_code == 200
