"""Builds the page tree (README, "Architecture") idempotently (used by the demo loader and the tests).

HomePage
├── RegionIndexPage "Regio's" → one RegionPage per youth-care region
├── PracticeSearchPage "Zoeken", OverviewPage "Landelijk beeld", EventIndexPage "Bijeenkomsten",
│   InterventionIndexPage "Interventies", BasisaanbodPage "Basisaanbod" (no proposal yet)
└── StandardPage: over, privacy, toegankelijkheid
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext_noop
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from regions.models import RegionIndexPage, RegionPage, YouthCareRegion
from sitelinks.absolute_urls import configured_base_url, site_address

from .models import HomePage, StandardPage
from .standard_pages import STANDARD_PAGES

# Section pages owned by other apps, created when the app provides the model.
SECTION_PAGES = [
    # titles stay Dutch in the database; gettext_noop puts them in the catalogue (site_tags.page_title)
    ("search", "PracticeSearchPage", "zoeken", gettext_noop("Zoeken")),
    ("practices", "OverviewPage", "landelijk-beeld", gettext_noop("Landelijk beeld")),
    ("events", "EventIndexPage", "bijeenkomsten", gettext_noop("Bijeenkomsten")),
    ("interventions", "InterventionIndexPage", "interventies", gettext_noop("Interventies")),
    ("interventions", "BasisaanbodPage", "basisaanbod", gettext_noop("Basisaanbod")),
]


@transaction.atomic
def ensure_site_tree() -> HomePage:
    home = ensure_home_page()
    index = _ensure_child(
        home,
        RegionIndexPage,
        "regios",
        gettext_noop("Regio's"),
        show_in_menus=True,
        intro="<p>Alle jeugdregio's met hun gemeenten en de aanpakken die er lopen.</p>",
    )
    ensure_region_pages(index)
    for app_label, model_name, slug, title in SECTION_PAGES:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        _ensure_child(home, model, slug, title, show_in_menus=True)
    for spec in STANDARD_PAGES:
        _ensure_child(
            home,
            StandardPage,
            spec["slug"],
            spec["title"],
            show_in_menus=spec["menu"],
            intro=spec["intro"],
            body=spec["body"],
        )
    return home


def ensure_wagtail_roots() -> Page:
    """The tree root, default locale and root collection Wagtail's migrations create (they are
    gone after a database flush, e.g. between transactional tests)."""
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(
            instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page))
        )
    return root


def ensure_home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = ensure_wagtail_roots()
    # Wagtail's initial migration leaves a bare "Welcome" page at slug "home": replace it.
    for welcome in root.get_children().filter(slug="home", content_type__model="page"):
        if not welcome.get_children().exists():
            Site.objects.filter(root_page=welcome).delete()
            welcome.delete()
    home = HomePage(
        title="Kennisnetwerk Scheiden",
        slug="home",
        intro=(
            "<p>Gemeenten en regio's laten hier zien hoe zij ouders en kinderen helpen bij "
            "relatieproblemen en (complexe) scheidingen: hun visie, partners, financiering, aanbod "
            "en knelpunten. Vind vergelijkbare regio's, leer van wie verder is en ontmoet elkaar "
            "op bijeenkomsten van het ministerie van Justitie en Veiligheid.</p>"
        ),
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        hostname, port = site_address(configured_base_url() or "http://localhost")
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="Kennisnetwerk Scheiden",
        )
    else:
        site.root_page = home
        site.site_name = "Kennisnetwerk Scheiden"
        site.save()
    return home


def ensure_region_pages(index: RegionIndexPage) -> None:
    existing = set(RegionPage.objects.values_list("youth_care_region_id", flat=True))
    for region in YouthCareRegion.objects.order_by("name"):
        if region.pk in existing:
            continue
        page = RegionPage(title=region.name, youth_care_region=region)
        index.add_child(instance=page)
        page.save_revision().publish()


def _ensure_child(parent: Page, model, slug: str, title: str, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(title=title, slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page
