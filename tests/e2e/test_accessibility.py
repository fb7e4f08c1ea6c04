"""axe-core in Chromium: zero WCAG 2.1 A/AA violations on the main page types."""

import pytest
from playwright.sync_api import expect

from .helpers import axe_violations, create_session, page_ids

PAGES = {
    "home": "/",
    "home-en": "/en/",
    "region-index": "/regios/",
    "region": "/regios/haaglanden/",
    "profile": "/regios/zeeland/joop-zeeland/",
    "profile-en": "/en/regios/haaglanden/scheidingspunt-zoetermeer/",
    "standard-page": "/toegankelijkheid/",
    "search": "/zoeken/",
    "search-en": "/en/zoeken/?q=scheiden",
    "overview": "/landelijk-beeld/",
    "overview-en": "/en/landelijk-beeld/",
    "sessions": "/bijeenkomsten/",
    "not-found": "/bestaat-niet/",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_axe_violations(page, name):
    response = page.goto(PAGES[name])
    assert response.status == (404 if name == "not-found" else 200)
    assert axe_violations(page) == []
    if name != "not-found":  # the browser logs the 404 of the page itself
        assert not page.console_errors, page.console_errors


def test_axe_harness_reports_violations(page):
    """The gate can fail: a page with known problems yields those violations."""
    page.goto("/")
    page.set_content("<html><body><img src='/static/img/favicon.svg'><a href='/'></a></body></html>")
    found = " ".join(axe_violations(page))
    assert "image-alt" in found
    assert "html-has-lang" in found
    assert "link-name" in found


def test_search_with_filters_has_no_axe_violations(page):
    page.goto("/zoeken/")
    boxes = page.locator("details.facet[open] .facet-values input[type=checkbox]")
    boxes.nth(0).check()
    page.wait_for_url("**/zoeken/?*")
    page.locator("details.facet[open] .facet-values input[type=checkbox]:not(:checked)").last.check()
    expect(page.locator(".chips a.chip")).not_to_have_count(0)
    expect(page.locator("#search-app")).not_to_have_attribute("aria-busy", "true")
    assert axe_violations(page) == []


def test_search_server_rendered_state(page):
    """The page as the server renders it from the URL (what visitors without JavaScript get).
    axe itself needs JavaScript, so the page is loaded straight from a URL with state."""
    page.goto("/zoeken/?q=scheiden&sort=name&page=1")
    assert axe_violations(page) == []


def test_compare_view_has_no_axe_violations(page, site):
    ids = page_ids(site, "scheidingspunt-zoetermeer", "joop-zeeland")
    page.goto(f"/vergelijk/?ids={ids['scheidingspunt-zoetermeer']}&ids={ids['joop-zeeland']}")
    expect(page.locator("main table")).to_be_visible()
    assert axe_violations(page) == []


def test_session_page_and_registration_form(page, site):
    url = create_session(site, "e2e-toegankelijk", capacity=20)
    page.goto(url)
    expect(page.locator("#id_name")).to_be_visible()
    assert axe_violations(page) == []


def test_registration_form_error_state(new_page, site):
    url = create_session(site, "e2e-toegankelijk", capacity=20)
    page = new_page()
    page.goto(url)  # the form has novalidate: the browser sends it, the server shows the errors
    page.fill("#id_email", "geen-adres")
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("main")).to_contain_text("Controleer")
    # errors are tied to their fields
    expect(page.locator("#id_name")).to_have_attribute("aria-invalid", "true")
    assert axe_violations(page) == []


def test_charts_and_map_have_text_alternatives(page):
    """Every chart and the map is an image with a name and a summary, and its data is also
    available as a table."""
    page.goto("/landelijk-beeld/")
    charts = page.locator("main svg:not([aria-hidden=true])")
    assert charts.count() >= 2
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.get_attribute("role") == "img"
        labelled_by = (chart.get_attribute("aria-labelledby") or "").split()
        assert labelled_by, "chart without aria-labelledby"
        name = " ".join(page.locator(f"[id='{ref}']").inner_text() for ref in labelled_by)
        assert len(name.strip()) > 20, name
    assert page.locator("main table").count() >= charts.count()
    assert page.locator("main table caption").count() >= charts.count()
