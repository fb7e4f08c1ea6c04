"""The public interventions catalogue at /interventies/: listing, filters, search, one page per
intervention with the (public) profiles that use it and the map."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from interventions.models import InterventionIndexPage
from practices.models import Intervention
from regions.models import Municipality
from tests.factories import make_approach

pytestmark = pytest.mark.django_db

KIES = "KIES (Kinderen In Echtscheiding Situatie)"


def _index():
    return InterventionIndexPage.objects.get()


def _names(response) -> list[str]:
    return [item.name for item, _url in response.context["items"]]


def test_catalogue_lists_the_seeded_interventions(client, demo):
    response = client.get("/interventies/")
    assert response.status_code == 200
    names = _names(response)
    for name in (KIES, "Dappere Dino's", "MASIC", "RITAX", "Stichting Villa Pinedo", "Parentshouse"):
        assert name in names
    assert 'href="/interventies/masic/"' in response.content.decode()


def test_catalogue_is_in_the_menu(client, demo):
    html = client.get("/").content.decode()
    assert 'href="/interventies/"' in html and 'href="/basisaanbod/"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("erkenning=effective_good", {KIES}),
        ("doelgroep=professionals", {"MASIC"}),
        ("fase=complex_divorce", {"MASIC"}),
        ("q=pinedo", {"Stichting Villa Pinedo"}),
        ("q=PINEDO&erkenning=effective_good", set()),
    ],
)
def test_filters_and_search(client, demo, query, expected):
    response = client.get(f"/interventies/?{query}")
    assert response.status_code == 200
    assert set(_names(response)) == expected


@pytest.mark.parametrize(
    "query",
    ["erkenning=bogus", "doelgroep=kinderen", "fase=%00", "q=" + "x" * 201, "doelgroep=children&fase=later"],
)
def test_bad_filter_values_are_a_dutch_400(client, demo, query):
    response = client.get(f"/interventies/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dit filter klopt niet" in html
    assert response.context["items"] == []


def test_a_page_per_intervention_with_its_facts_and_sources(client, demo):
    html = client.get("/interventies/masic/").content.decode()
    assert "geweldproblematiek in een (complexe) echtscheidingssituatie" in html
    assert "Professionals" in html
    assert "Complexe scheiding" in html
    assert "regels 1680–1684 · peildatum voorjaar 2018" in html
    kies = client.get(f"/interventies/{Intervention.objects.get(name=KIES).slug}/").content.decode()
    assert "Effectief volgens goede aanwijzingen" in kies and "11 december 2020" in kies


def test_the_quickscan_warning_on_parenting_mediation(client, demo):
    html = client.get("/interventies/ouderschapsbemiddeling/").content.decode()
    assert "Kanttekening" in html
    assert "bij complexe scheidingen contraproductief" in html
    assert "regel 451" in html


def test_english_page_uses_the_english_description(client, demo):
    html = client.get("/en/interventies/masic/").content.decode()
    assert "A method to assess violence" in html


def test_unknown_and_draft_interventions_are_404(client, demo):
    Intervention.objects.create(name="Nog te controleren", needs_review=True)
    assert client.get("/interventies/bestaat-niet/").status_code == 404
    assert client.get("/interventies/nog-te-controleren/").status_code == 404
    assert "Nog te controleren" not in _names(client.get("/interventies/"))


def test_only_public_profiles_are_listed_and_mapped(client, demo):
    masic = Intervention.objects.get(name="MASIC")
    one, two, three = Municipality.objects.filter(youth_care_region__code="JZ39").values_list(
        "code", flat=True
    )[:3]
    public = make_approach("JZ39", title="Openbare aanpak", municipalities=[one])
    hidden = make_approach("JZ39", title="Afgeschermde aanpak", municipalities=[two])
    draft = make_approach("JZ39", title="Conceptaanpak", publish=False, live=False, municipalities=[three])
    for page in (public, hidden, draft):
        page.interventions.add(masic)
        page.save()  # a parental relation is written on save
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/interventies/masic/")
    html = response.content.decode()
    assert "Openbare aanpak" in html
    assert "Afgeschermde aanpak" not in html and "Conceptaanpak" not in html
    offered = response.context["offered"]
    assert one in offered.named
    assert not {two, three} & offered.named
    assert "<svg" in html


def test_profile_links_its_interventions_to_the_catalogue(client, demo):
    from practices.models import ApproachPage

    masic = Intervention.objects.get(name="MASIC")
    profile = ApproachPage.objects.live().get(interventions=masic)  # Wijzer-Scheiden (seed used_by)
    html = client.get(profile.url).content.decode()
    assert f'href="/interventies/{masic.slug}/"' in html


def test_intervention_slugs_are_unique_and_made_from_the_name(demo):
    first = Intervention.objects.create(name="Proef Training")
    second = Intervention.objects.create(name="Proef training!")
    assert first.slug == "proef-training"
    assert second.slug == "proef-training-2"
