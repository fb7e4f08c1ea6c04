"""A respondent answers the quickscan through a personal link, in a real browser, without an
account: the short route (Q4 e–h) with a break halfway, the long route's first steps, axe on
every step, and the same without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .helpers import axe_violations


def invitation_link(site, code: str, label: str = "2027") -> str:
    out = site.run_python(
        f"""
        from django.core.management import call_command
        from quickscan.invitations import ensure_invitations
        from quickscan.models import Round
        from quickscan.tokens import invitation_path
        from regions.models import Municipality
        call_command("quickscan_round", "open", {label!r}, "--title", "Quickscan {label}", verbosity=0)
        municipality = Municipality.objects.get(code={code!r})
        invitation = ensure_invitations(Round.objects.get(label={label!r}), [municipality])[0]
        print(invitation_path(invitation))
        """
    )
    return out.strip().splitlines()[-1]


def submitted(site, code: str) -> str:
    return (
        site.run_python(
            f"""
        from quickscan.models import Response
        response = Response.objects.get(invitation__municipality__code={code!r})
        print(response.is_complete, response.answers.get("q4"), response.answers.get("q6"))
        """
        )
        .strip()
        .splitlines()[-1]
    )


def test_short_route_with_a_break_halfway(new_page, site):
    link = invitation_link(site, "GM0717")  # Veere
    page = new_page()
    page.goto(link)
    expect(page.locator("h1")).to_contain_text("Quickscan 2027")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Beginnen").click()
    page.get_by_label("2. Wat is uw functie?").fill("Beleidsadviseur jeugd")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label(
        "Gemeente is zich bewust van het thema, maar heeft hier nog geen concrete actie", exact=False
    ).check()
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.locator("h1")).to_contain_text("Verkorte versie")
    page.close()  # the browser closes halfway

    again = new_page()
    again.goto(link)  # another device: the same link resumes at the short route
    expect(again.locator("h1")).to_contain_text("Verkorte versie")
    assert axe_violations(again) == []
    again.get_by_label("5. Wat is de voornaamste reden", exact=False).fill("Andere prioriteiten.")
    again.get_by_label("Zelden").first.check()
    again.get_by_role("button", name="Opslaan en verder").click()
    again.get_by_role("button", name="Opslaan en verder").click()  # closing questions, all optional
    expect(again.locator("h1")).to_contain_text("Controleren en versturen")
    assert axe_violations(again) == []
    again.get_by_role("button", name="Antwoorden versturen").click()
    expect(again.locator("h1")).to_contain_text("Bedankt")
    assert submitted(site, "GM0717") == "True no_action rarely"


@pytest.mark.parametrize("javascript", [False])
def test_long_route_without_javascript_shows_q8_after_q4_a(new_page, site, javascript):
    link = invitation_link(site, "GM0718")  # Vlissingen
    page = new_page(javascript=javascript)
    page.goto(link)
    page.get_by_role("link", name="Beginnen").click()
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label("Gemeente heeft een duidelijke aanpak geïmplementeerd", exact=False).check()
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.locator("body")).to_contain_text("8. Hoe lang wordt de aanpak")
    expect(page.locator("progress")).to_have_attribute("max", "10")
