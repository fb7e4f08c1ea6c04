"""A coordinator edits and submits their region's profile, the ministry approves, the public page
shows the change; the coordinator cannot open another region's profile for editing."""

import re

from playwright.sync_api import expect

from .helpers import admin_login, open_footer_actions, page_ids


def test_coordinator_submits_ministry_approves_public_page_changes(site, new_page):
    ids = page_ids(site, "scheidingspunt-zoetermeer", "joop-zeeland")
    public_url = "/regios/haaglanden/scheidingspunt-zoetermeer/"
    new_summary = "Scheidingspunt helpt ouders in Zoetermeer sinds kort ook digitaal (e2e-wijziging)."

    coordinator = new_page()
    admin_login(coordinator, "coordinator-haaglanden")
    coordinator.goto(f"/admin/pages/{ids['scheidingspunt-zoetermeer']}/edit/")
    # the coordinator has no publish button: publishing goes through the ministry
    expect(coordinator.locator('button[name="action-publish"]')).to_have_count(0)
    coordinator.fill("#id_summary", new_summary)
    open_footer_actions(coordinator)
    coordinator.locator('button[name="action-submit"]').click()
    expect(coordinator.locator(".messages")).to_contain_text("ter goedkeuring ingediend")

    visitor = new_page()
    visitor.goto(public_url)
    expect(visitor.locator("main")).not_to_contain_text("e2e-wijziging")

    # another region's profile: Wagtail refuses the edit view
    coordinator.goto(f"/admin/pages/{ids['joop-zeeland']}/edit/")
    expect(coordinator.locator("#id_summary")).to_have_count(0)
    assert f"/admin/pages/{ids['joop-zeeland']}/edit/" not in coordinator.url
    refused = re.compile("geen toegang|geen toestemming", re.I)
    expect(coordinator.locator(".messages")).to_contain_text(refused)

    ministry = new_page()
    admin_login(ministry, "ministerie")
    expect(ministry.locator("main")).to_contain_text("Scheidingspunt")  # awaiting review on dashboard
    ministry.goto(f"/admin/pages/{ids['scheidingspunt-zoetermeer']}/edit/")
    open_footer_actions(ministry)
    ministry.locator(
        'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    ).click()
    expect(ministry.locator(".messages")).to_contain_text("Scheidingspunt")

    visitor.goto(public_url)
    expect(visitor.locator("main")).to_contain_text(new_summary)
    assert not visitor.console_errors, visitor.console_errors
