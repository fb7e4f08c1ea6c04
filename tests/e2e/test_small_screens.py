"""Every public page type at 390 px (a small phone): the page never scrolls sideways, and the
wide tables scroll inside a region that can be reached with the keyboard. axe runs on the same
pages (WCAG 2.1 A/AA, which includes ``scrollable-region-focusable``)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .helpers import DEMO_PASSWORD, axe_violations, create_session, page_ids

PHONE = {"width": 390, "height": 844}

# name -> (path, expected status); paths that need data made first are added by fixtures below
PAGES = {
    "home": "/",
    "home-en": "/en/",
    "region-index": "/regios/",
    "region": "/regios/haaglanden/",
    "profile": "/regios/haaglanden/scheidingspunt-zoetermeer/",
    "profile-long": "/regios/midden-brabant-hart-van-brabant/wijzer-scheiden-midden-brabant/",
    "profile-en": "/en/regios/zeeland/joop-zeeland/",
    "search": "/zoeken/",
    "search-query": "/zoeken/?q=scheiden",
    "overview": "/landelijk-beeld/",
    "overview-round-2025": "/landelijk-beeld/?ronde=2025",
    "overview-round-2021": "/landelijk-beeld/?ronde=2021",
    "overview-en": "/en/landelijk-beeld/",
    "sessions": "/bijeenkomsten/",
    "session": "/bijeenkomsten/demo-een-voordeur-voor-ouders/",
    "about": "/over/",
    "privacy": "/privacy/",
    "accessibility": "/toegankelijkheid/",
    "about-en": "/en/over/",
    "login": "/account/login/",
    "signup": "/account/signup/",
    "password-reset": "/account/password/reset/",
    "not-found": "/bestaat-niet/",
}

SCROLL_CHECK = """() => {
  const width = document.documentElement.clientWidth;
  const offenders = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let parent = el.parentElement, clipped = false;
    while (parent) {
      const overflow = getComputedStyle(parent).overflowX;
      if (['auto', 'scroll', 'hidden'].includes(overflow)) { clipped = true; break; }
      parent = parent.parentElement;
    }
    const name = el.tagName.toLowerCase() + '.' + String(el.className).trim().replace(/\\s+/g, '.');
    if (!clipped) offenders.push(name);
  }
  return {scrollWidth: document.documentElement.scrollWidth, offenders: offenders.slice(0, 8)};
}"""


@pytest.fixture
def phone(new_page):
    page = new_page()
    page.set_viewport_size(PHONE)
    return page


def assert_no_sideways_scroll(page) -> None:
    result = page.evaluate(SCROLL_CHECK)
    assert result["scrollWidth"] <= PHONE["width"], f"{page.url}: {result}"


def assert_scroll_regions_focusable(page) -> None:
    """Each table that scrolls sits in a named, focusable region (keyboard users can scroll it)."""
    regions = page.locator("main .table-scroll, main .compare-scroll")
    for index in range(regions.count()):
        region = regions.nth(index)
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("aria-label") or region.get_attribute("aria-labelledby")


@pytest.mark.parametrize("name", list(PAGES))
def test_page_fits_390px(phone, name):
    response = phone.goto(PAGES[name])
    assert response.status == (404 if name == "not-found" else 200)
    assert_no_sideways_scroll(phone)
    assert_scroll_regions_focusable(phone)
    assert axe_violations(phone) == []


def test_municipality_table_scrolls_inside_a_focusable_region(phone):
    phone.goto("/regios/haaglanden/")
    region = phone.locator(".table-scroll").first
    assert region.evaluate("el => el.scrollWidth > el.clientWidth"), "the table should be wider than 390 px"
    region.focus()
    phone.keyboard.press("ArrowRight")
    phone.wait_for_function("() => document.querySelector('.table-scroll').scrollLeft > 0")
    assert_no_sideways_scroll(phone)


def test_compare_and_session_pages_fit_390px(phone, site):
    ids = page_ids(site, "scheidingspunt-zoetermeer", "joop-zeeland", "wijzer-scheiden-midden-brabant")
    phone.goto("/vergelijk/?" + "&".join(f"ids={pk}" for pk in ids.values()))
    expect(phone.locator("main table")).to_be_visible()
    assert_no_sideways_scroll(phone)
    assert axe_violations(phone) == []

    phone.goto(create_session(site, "e2e-smal-scherm", capacity=10))
    phone.locator("main form button[type=submit]").last.click()  # empty form: the error state
    expect(phone.locator("#id_name")).to_have_attribute("aria-invalid", "true")
    assert_no_sideways_scroll(phone)
    assert axe_violations(phone) == []


def test_registration_page_fits_390px(phone, site):
    create_session(site, "e2e-smal-scherm-aanmelding", capacity=10)
    path = (
        site.run_python(
            """
        from events.models import ExchangeSessionPage
        from events.registration import register
        from events.tokens import registration_url_path
        session = ExchangeSessionPage.objects.get(slug="e2e-smal-scherm-aanmelding")
        registration = register(session, {"name": "Ria Smal", "email": "ria.smal@example.org",
            "organisation": "Gemeente Voorbeeldstad met een heel lange naam", "municipality": None,
            "role": "policy"})
        print(registration_url_path(registration))
        """
        )
        .strip()
        .splitlines()[-1]
    )
    phone.goto(path)
    expect(phone.locator("h1")).to_be_visible()
    assert_no_sideways_scroll(phone)
    assert axe_violations(phone) == []


def test_member_pages_fit_390px(phone, site):
    site.manage("add_demo_contact")  # the contact form needs a (fictional) contact person
    ids = page_ids(site, "scheidingspunt-zoetermeer")
    phone.goto("/account/login/")
    phone.fill("input[name=login]", "lid@example.org")
    phone.fill("input[name=password]", DEMO_PASSWORD)
    phone.locator("main form button[type=submit]").last.click()
    phone.wait_for_url("**/leden/account/")
    contact = f"/leden/contact/{ids['scheidingspunt-zoetermeer']}/"
    for path in [
        "/leden/account/",
        contact,
        "/leden/account/verwijderen/",
        "/account/email/",
        "/account/password/change/",
    ]:
        response = phone.goto(path)
        assert response.status == 200, path
        assert_no_sideways_scroll(phone)
        assert axe_violations(phone) == [], path


def test_quickscan_pages_fit_390px(phone, site):
    from .test_quickscan_journey import invitation_link

    link = invitation_link(site, "GM0664", label="2028")  # Goes
    phone.goto(link)
    assert_no_sideways_scroll(phone)
    phone.get_by_role("link", name="Beginnen").click()
    assert_no_sideways_scroll(phone)
    assert axe_violations(phone) == []
    phone.goto("/quickscan/ronde/2028/")
    assert_no_sideways_scroll(phone)
    assert_scroll_regions_focusable(phone)
    assert axe_violations(phone) == []
