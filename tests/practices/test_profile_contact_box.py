"""The profile's Contact box says what to do when nobody is listed yet."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from practices.models import ApproachContact, ApproachPage

pytestmark = pytest.mark.django_db


def contact_box(client, page) -> str:
    soup = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
    return soup.find(id="h-contact").find_parent("section").get_text(" ", strip=True)


def test_no_contact_person_points_at_the_region(client, demo):
    page = ApproachPage.objects.live().get(slug="joop-zeeland")
    assert not page.contacts.exists() and not page.contact_email and not page.website
    text = contact_box(client, page)
    assert "Voor deze aanpak is nog geen contactpersoon opgegeven." in text
    assert f"andere aanpakken in {page.region_page.title}" in text
    assert "De coördinator van de regio kan in het beheer een contactpersoon toevoegen." in text
    # no promise of names that do not exist
    assert "zichtbaar voor geverifieerde leden" not in text
    assert "Log in als lid" not in text


def test_functional_address_but_no_person(client, demo):
    page = ApproachPage.objects.live().get(slug="joop-zeeland")
    page.contact_email = "info@joop.example"
    page.save_revision().publish()
    text = contact_box(client, page)
    assert "info@joop.example" in text
    assert "Er is nog geen contactpersoon opgegeven; gebruik het adres hierboven." in text


def test_contact_persons_are_for_verified_members(client, demo):
    page = ApproachPage.objects.live().get(slug="joop-zeeland")
    page.contacts = [ApproachContact(name="Fictief Contact", role="Coördinator", email="c@example.org")]
    page.save_revision().publish()
    text = contact_box(client, page)
    assert "Namen van contactpersonen zijn zichtbaar voor geverifieerde leden van het netwerk." in text
    assert "Log in als lid" in text
    assert "Fictief Contact" not in text
    assert "nog geen contactpersoon" not in text
