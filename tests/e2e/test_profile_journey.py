"""A coordinator creates a new profile from scratch with only a title and a summary (the slug
fills itself), sees the route's notes follow the stage, and confirms a profile with
"Gecontroleerd, nog actueel" on the dashboard."""

import re

from playwright.sync_api import expect

from .helpers import admin_login, open_footer_actions


def _region_id(site, slug):
    out = site.run_python(
        f"""
        from regions.models import RegionPage
        print(RegionPage.objects.get(slug={slug!r}).pk)
        """
    )
    return int(out.strip().splitlines()[-1])


def test_coordinator_creates_a_profile_with_title_and_summary_only(site, new_page):
    coordinator = new_page()
    admin_login(coordinator, "coordinator-haaglanden")
    # "Mijn profielen" offers the new profile in the coordinator's region
    coordinator.get_by_role("link", name="Nieuw profiel in Haaglanden").click()
    coordinator.wait_for_url(re.compile(r"/admin/pages/add/practices/approachpage/\d+/"))

    # all tabs fit the window: the last tab's right edge is inside the viewport
    tabs = coordinator.locator("[role=tablist] [role=tab]")
    last = tabs.nth(tabs.count() - 1).bounding_box()
    assert last["x"] + last["width"] <= coordinator.viewport_size["width"], last

    coordinator.fill("#id_title", "Samen verder Westland (e2e)")
    coordinator.fill("#id_summary", "Ouders in het Westland vinden hier hulp bij scheiden (e2e).")
    coordinator.locator("#id_summary").blur()
    coordinator.get_by_role("tab", name=re.compile("Promoten")).click()
    expect(coordinator.locator("#id_slug")).to_have_value("samen-verder-westland-e2e")
    coordinator.get_by_role("tab", name=re.compile("Profiel")).click()

    # the route: at stage "geen aandacht" the bottlenecks part is collapsed with a note
    coordinator.select_option("#id_stage", "no_attention")
    bottlenecks = coordinator.locator("section[data-profile-section]", has_text="Knelpunten en behoeften")
    expect(bottlenecks.locator("[data-panel-toggle]")).to_have_attribute("aria-expanded", "false")
    coordinator.select_option("#id_stage", "")

    # Wagtail autosaves the new page (WAGTAIL_AUTOSAVE_INTERVAL); let it finish before submitting
    coordinator.wait_for_timeout(1500)
    coordinator.wait_for_load_state("networkidle")
    open_footer_actions(coordinator)
    coordinator.locator('button[name="action-submit"]').click()
    expect(coordinator.locator(".messages")).to_contain_text("ingediend")
    assert not coordinator.console_errors, coordinator.console_errors

    out = site.run_python(
        """
        from practices.models import ApproachPage
        page = ApproachPage.objects.get(title="Samen verder Westland (e2e)")
        print(page.slug, page.get_parent().slug, page.live)
        """
    )
    assert out.strip().splitlines()[-1] == "samen-verder-westland-e2e haaglanden False"


def test_coordinator_confirms_a_profile_is_still_current(site, new_page):
    site.run_python(
        """
        import datetime
        from practices.models import ApproachPage
        page = ApproachPage.objects.get(slug="scheidingspunt-zoetermeer")
        page.last_reviewed = datetime.date(2020, 1, 1)
        page.save_revision().publish()
        """
    )
    coordinator = new_page()
    admin_login(coordinator, "coordinator-haaglanden")
    panel = coordinator.locator("#my-profiles-section")
    row = panel.locator("tr", has_text="Scheidingspunt")
    expect(row).to_contain_text("Verouderd")
    row.get_by_role("button", name=re.compile("Gecontroleerd, nog actueel")).click()
    expect(coordinator.locator(".messages")).to_contain_text("is gecontroleerd")
    row = coordinator.locator("#my-profiles-section tr", has_text="Scheidingspunt")
    expect(row).to_contain_text("Wacht op goedkeuring")
    expect(row.get_by_role("button", name=re.compile("Gecontroleerd"))).to_have_count(0)

    out = site.run_python(
        """
        from wagtail.models import PageLogEntry
        from practices.models import ApproachPage
        page = ApproachPage.objects.get(slug="scheidingspunt-zoetermeer")
        latest = page.get_latest_revision_as_object()
        entries = PageLogEntry.objects.filter(page=page, action="practices.reviewed")
        print(entries.count(), latest.last_reviewed)
        """
    )
    count, reviewed = out.strip().splitlines()[-1].split()
    assert count == "1" and reviewed != "2020-01-01"
    assert not coordinator.console_errors, coordinator.console_errors
