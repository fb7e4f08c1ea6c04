"""The interventions catalogue and the basisaanbod in Chromium: no sideways scrolling at 390 px,
no axe violations, and the profile form's chooser adding a missing intervention as a draft."""

import pytest
from playwright.sync_api import expect

from .helpers import admin_login, axe_violations, page_ids

PAGES = [
    "/interventies/",
    "/interventies/masic/",
    "/interventies/?erkenning=bogus",
    "/basisaanbod/",
    "/en/interventies/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scroll_at_390_px_and_no_axe_violations(page, path):
    page.set_viewport_size({"width": 390, "height": 844})
    response = page.goto(path)
    assert response.status == (400 if "bogus" in path else 200)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 390 px"
    assert axe_violations(page) == []


def test_coordinator_adds_a_missing_intervention_from_the_profile_form(page, site):
    ids = page_ids(site, "scheidingspunt-zoetermeer")
    admin_login(page, "coordinator-haaglanden")
    page.goto(f"/admin/pages/{ids['scheidingspunt-zoetermeer']}/edit/")
    page.get_by_role("tab", name="Profiel").click()  # the questionnaire's sections, in one tab
    field = page.locator("[data-autocomplete-input-name='interventions'] input[type=text]").first
    field.scroll_into_view_if_needed()
    expect(field).to_be_visible()
    # the widget ignores Enter while its search request is out: wait for the answer first
    with page.expect_response(lambda response: "/autocomplete/search/" in response.url, timeout=15_000):
        field.fill("Proeftraining voor ouders")
    create = page.locator(".c-wagtailautocomplete__suggestions__item--create")
    expect(create).to_contain_text("Proeftraining voor ouders")
    with page.expect_response(lambda response: "/autocomplete/create/" in response.url, timeout=15_000):
        field.press("Enter")  # the create item is the active suggestion
    chosen = page.locator(".c-wagtailautocomplete__selection__label", has_text="Proeftraining voor ouders")
    expect(chosen).to_have_text("Proeftraining voor ouders (te controleren)")
    # searching finds the catalogue's interventions
    field.fill("pined")
    suggestion = page.locator(".c-wagtailautocomplete__suggestions__item", has_text="Stichting Villa Pinedo")
    expect(suggestion).to_be_visible()
    assert not page.console_errors, page.console_errors
    out = site.run_python(
        """
        from practices.models import Intervention
        print(Intervention.objects.get(name="Proeftraining voor ouders").needs_review)
        """
    )
    assert out.strip().splitlines()[-1] == "True"
