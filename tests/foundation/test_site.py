"""Page tree rules, rendering of every page type, sitemap, demo loader."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.demo.loader import load_demo_content
from home.models import HomePage, StandardPage
from practices.models import ApproachPage
from regions.models import RegionIndexPage, RegionPage

pytestmark = pytest.mark.django_db


class TestPageTreeRules(WagtailPageTestCase):
    def test_allowed_parents(self):
        self.assertAllowedParentPageTypes(RegionIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(RegionPage, {RegionIndexPage})
        self.assertAllowedParentPageTypes(ApproachPage, {RegionPage})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})

    def test_approach_pages_are_leaves(self):
        self.assertAllowedSubpageTypes(ApproachPage, {})
        self.assertAllowedSubpageTypes(RegionPage, {ApproachPage})
        self.assertCanNotCreateAt(HomePage, ApproachPage)


def test_every_page_type_renders(client, demo):
    pages = Page.objects.live().filter(depth__gte=2).specific()
    types = set()
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, (page.url, response.status_code)
        types.add(type(page).__name__)
    assert {"HomePage", "RegionIndexPage", "RegionPage", "ApproachPage", "StandardPage"} <= types


def test_region_page_lists_municipalities_and_approaches(client, demo):
    html = client.get(RegionPage.objects.get(youth_care_region__code="JZ24").url).content.decode()
    assert "Zoetermeer" in html and "Scheidingspunt" in html and "Kenniscentrum Kind en Scheiding" in html
    assert "Bron: CBS" in html


def test_home_page_has_skip_link_and_latest_profiles(client, demo):
    html = client.get("/").content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert 'id="main"' in html
    assert "JOOP" in html
    assert "CC BY 4.0" in html


def test_sitemap_lists_every_live_page(client, demo):
    xml = client.get("/sitemap.xml").content.decode()
    for page in ApproachPage.objects.live():
        assert page.full_url in xml
    assert xml.count("<url>") == Page.objects.live().filter(depth__gte=2).count()


def test_demo_loader_is_idempotent(demo):
    before = (Page.objects.count(), ApproachPage.objects.count())
    report = load_demo_content(users=True, log=lambda *a: None)
    assert report["profiles"] == {"created": 0, "updated": 0, "skipped": 5}
    assert (Page.objects.count(), ApproachPage.objects.count()) == before
    assert RegionPage.objects.count() == 42


def test_demo_never_contains_fictional_profiles(demo):
    assert not ApproachPage.objects.filter(is_fictional=True).exists()
