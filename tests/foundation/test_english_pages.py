"""At /en/ the menu, page titles and the fixed pages' headings are English; content written in
Dutch says so and is marked lang="nl" (one Dutch page tree: see README "English")."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from home.models import StandardPage

pytestmark = pytest.mark.django_db

ENGLISH_MENU = [
    "Regions",
    "Search",
    "National picture",
    "Sessions",
    "Interventions",
    "Basic offer",
    "About the knowledge network",
]
DUTCH_MENU = [
    "Regio's",
    "Zoeken",
    "Landelijk beeld",
    "Bijeenkomsten",
    "Interventies",
    "Basisaanbod",
    "Over het kennisnetwerk",
]


def soup(client, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content.decode(), "html.parser")


def menu(page: BeautifulSoup) -> list[str]:
    return [link.get_text(strip=True) for link in page.select(".site-nav li > a")][: len(ENGLISH_MENU)]


def test_menu_is_english_at_en_and_dutch_at_root(client, demo):
    assert menu(soup(client, "/en/")) == ENGLISH_MENU
    assert menu(soup(client, "/")) == DUTCH_MENU


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/en/over/", "About the knowledge network"),
        ("/en/privacy/", "Privacy statement"),
        ("/en/toegankelijkheid/", "Accessibility statement"),
        ("/en/regios/", "Regions"),
        ("/en/landelijk-beeld/", "National picture"),
        ("/en/bijeenkomsten/", "Sessions"),
    ],
)
def test_fixed_pages_have_english_titles(client, demo, path, title):
    page = soup(client, path)
    assert page.find("h1").get_text(strip=True).startswith(title)
    assert page.title.get_text().startswith(title)
    assert page.html["lang"] == "en"


def test_standard_page_says_its_text_is_dutch_only(client, demo):
    page = soup(client, "/en/privacy/")
    assert "The text of this page is available in Dutch only." in page.get_text()
    body = page.select_one('main div[lang="nl"]')
    assert body is not None and "persoonsgegevens" in body.get_text()
    dutch = soup(client, "/privacy/")
    assert "alleen in het Nederlands" not in dutch.get_text()


def test_profile_says_it_is_dutch_only(client, demo):
    page = soup(client, "/en/regios/zeeland/joop-zeeland/")
    assert "This profile is available in Dutch only." in page.get_text()
    assert page.find("h1")["lang"] == "nl"
    assert "alleen in het Nederlands" not in soup(client, "/regios/zeeland/joop-zeeland/").get_text()


def test_session_page_says_its_description_is_dutch_only(client, demo):
    page = soup(client, "/en/bijeenkomsten/demo-een-voordeur-voor-ouders/")
    assert "The description of this session is available in Dutch only." in page.get_text()


def test_a_title_an_editor_changed_stays_as_written(client, demo):
    about = StandardPage.objects.get(slug="over")
    about.title = "Over ons netwerk"
    about.save_revision().publish()
    page = soup(client, "/en/over/")
    assert page.find("h1").get_text(strip=True) == "Over ons netwerk"
    assert "Over ons netwerk" in menu(page)
