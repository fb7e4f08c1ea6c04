"""The approach profile: validation, presentation of the seed facts, staleness."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from practices.models import ApproachPage
from practices.validation import validate_municipalities
from regions.models import Municipality
from tests.factories import make_approach, region_page

pytestmark = pytest.mark.django_db


def test_municipality_outside_region_is_rejected_in_dutch(demo):
    haaglanden = region_page("JZ24")
    dalfsen = Municipality.objects.get(code="GM0148")
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        validate_municipalities(haaglanden, [dalfsen])
    assert "Dalfsen hoort niet bij jeugdregio Haaglanden" in str(error.value)


def test_model_clean_rejects_outside_municipality_on_save(demo):
    with pytest.raises(ValidationError) as error:
        make_approach("JZ24", municipalities=["GM0637", "GM0148"])  # Zoetermeer ok, Dalfsen not
    assert "municipalities" in error.value.message_dict
    assert not ApproachPage.objects.filter(title__startswith="Testaanpak").exists()


def test_municipality_inside_region_is_accepted(demo):
    page = make_approach("JZ24", municipalities=["GM0637"])
    assert list(page.municipalities.values_list("name", flat=True)) == ["Zoetermeer"]


def test_admin_form_offers_only_the_regions_municipalities(demo, admin_client):
    parent = region_page("JZ38")  # Zeeland: 13 municipalities
    response = admin_client.get(f"/admin/pages/add/practices/approachpage/{parent.pk}/")
    assert response.status_code == 200
    field = response.context["form"].fields["municipalities"]
    assert field.queryset.count() == 13
    assert not field.queryset.filter(code="GM0148").exists()


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        (
            "scheidingspunt-zoetermeer",
            [
                "Een jurist heeft de medewerkers van de front office",
                "KIES-training",
                "Dappere Dino",
                "Bij de partners bestaat het idee van drie schillen",
                "Fysiek echtscheidingsloket",
                "Zoetermeer",
            ],
        ),
        (
            "wijzer-scheiden-midden-brabant",
            ["High Conflict Forum", "MASIC", "Tilburg", "Geen fysiek loket, wel gezamenlijke website"],
        ),
        ("joop-zeeland", ["Een plan tot uitvoering", "Vaste persoon als aanspreekpunt"]),
        (
            "scheiden-doe-je-samen-dalfsen",
            ["Dalfsen", "we moeten echt de hort op", "kleine lokale organisaties"],
        ),
        ("kenniscentrum-kind-en-scheiding-haaglanden", ["congres", "begeleidingsgroep van de quickscan"]),
    ],
)
def test_profile_page_shows_seed_facts_with_labels(client, demo, slug, expected):
    page = ApproachPage.objects.get(slug=slug)
    html = client.get(page.url).content.decode()
    for text in expected:
        assert text in html, text
    # codes never leak into the page: labels are shown instead
    for code in ("connector_person", "digital_only", "care_legal_tension", "lack_of_time"):
        assert code not in html


def test_unknown_fields_stay_empty_for_real_initiatives(demo):
    scheidingspunt = ApproachPage.objects.get(slug="scheidingspunt-zoetermeer")
    assert scheidingspunt.stage == ""  # the sources give no stage
    assert scheidingspunt.annual_budget is None
    assert scheidingspunt.offers == []
    assert not scheidingspunt.contacts.exists()
    # JOOP's stage is a 2018 description, not an answer to Q4 of the 2025 quickscan
    assert ApproachPage.objects.get(slug="joop-zeeland").stage == ""


def test_empty_sections_are_hidden(client, demo):
    html = client.get(ApproachPage.objects.get(slug="joop-zeeland").url).content.decode()
    assert 'id="h-funding"' not in html
    assert 'id="h-vision"' not in html


def test_profile_in_english_shows_english_labels(client, demo):
    page = ApproachPage.objects.get(slug="joop-zeeland")
    html = client.get("/en" + page.url).content.decode()
    assert "A named connector person" in html


def test_stale_after_twelve_months(demo):
    page = make_approach("JZ24", last_reviewed=timezone.localdate() - datetime.timedelta(days=366))
    assert page.is_stale
    page.last_reviewed = timezone.localdate() - datetime.timedelta(days=30)
    assert not page.is_stale


def test_contact_persons_hidden_from_anonymous_visitors(client, demo):
    from practices.models import ApproachContact

    page = ApproachPage.objects.get(slug="scheidingspunt-zoetermeer")
    ApproachContact.objects.create(page=page, name="Geheime Naam", email="persoon@example.org")
    html = client.get(page.url).content.decode()
    assert "Geheime Naam" not in html
    assert "persoon@example.org" not in html
