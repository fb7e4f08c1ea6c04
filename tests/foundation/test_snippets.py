import pytest

pytestmark = pytest.mark.django_db


def test_interventions_are_snippets_with_recognition_levels(admin_client, demo):
    response = admin_client.get("/admin/snippets/practices/intervention/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "KIES (Kinderen In Echtscheiding Situatie)" in html
    assert "MASIC" in html


def test_reference_data_snippets_are_listed(admin_client, demo):
    response = admin_client.get("/admin/snippets/regions/municipality/?q=Dalfsen")
    assert response.status_code == 200
    assert "GM0148" in response.content.decode()


def test_approach_edit_form_is_grouped_in_tabs(admin_client, demo):
    from tests.factories import region_page

    response = admin_client.get(f"/admin/pages/add/practices/approachpage/{region_page('JZ24').pk}/")
    html = response.content.decode()
    for tab in (
        "Aanpak",
        "Stand en visie",
        "Financiering",
        "Aanbod en partners",
        "Organisatie",
        "Knelpunten",
    ):
        assert tab in html
