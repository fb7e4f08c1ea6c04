"""The organiser's desk and links from mails, in the browser.

* The ministry opens "Bijeenkomsten", creates a session with "Nieuwe bijeenkomst", publishes it,
  opens its suggested invitees and invites one with "Uitnodigen"; the invitation mail arrives, its
  link (as sent, host and port included) opens the session, the invitee registers, and the
  organiser sees the invitee as registered.
* A visitor registers; the confirmation mail's cancel link, opened exactly as sent, works.
"""

from __future__ import annotations

import datetime
import re
from email.header import decode_header, make_header

from playwright.sync_api import expect

from .helpers import admin_login, fill_registration, open_footer_actions
from .server import mail_text


def _mails_to(site, address: str):
    return [message for message in site.mails() if address in (message["To"] or "")]


def _links(message) -> list[str]:
    return re.findall(r"https?://[^\s<>\"]+", mail_text(message))


def test_organiser_creates_a_session_and_invites_a_suggested_invitee(site, new_page):
    invitee = "genodigde.e2e@example.org"
    title = "E2E één voordeur voor ouders"
    ministry = new_page()
    admin_login(ministry, "ministerie")
    ministry.goto("/admin/bijeenkomsten/")
    ministry.get_by_role("link", name="Nieuwe bijeenkomst").click()

    start = datetime.datetime.now() + datetime.timedelta(days=21)
    ministry.fill("#id_title", title)
    ministry.check('input[name="theme_execution_bottlenecks"][value="offer_incoherent"]')
    ministry.fill("#id_start", start.strftime("%Y-%m-%d 14:00"))
    ministry.fill("#id_end", start.strftime("%Y-%m-%d 16:00"))
    ministry.fill("#id_venue", "Stadhuis, Den Haag")
    ministry.keyboard.press("Escape")  # close the date picker
    open_footer_actions(ministry)
    ministry.locator('button[name="action-publish"]').click()
    expect(ministry.locator(".messages")).to_contain_text(title)

    ministry.goto("/admin/bijeenkomsten/")
    ministry.locator("tr", has_text=title).get_by_role("link", name="Aanmeldingen en genodigden").click()
    expect(ministry.locator("main")).to_contain_text("Voorgestelde genodigden")
    form = ministry.locator("#genodigden ~ table form").first
    form.locator('input[type="email"]').fill(invitee)
    form.get_by_role("button").click()
    expect(ministry.locator(".messages")).to_contain_text(f"Uitnodiging verstuurd naar {invitee}")
    invited = ministry.locator("#uitgenodigd + table")
    expect(invited).to_contain_text(invitee)
    expect(invited).to_contain_text("nee")

    mails = _mails_to(site, invitee)
    assert len(mails) == 1, [m["Subject"] for m in site.mails()]
    assert str(make_header(decode_header(mails[0]["Subject"]))) == f"Uitnodiging: {title}"
    links = [link for link in _links(mails[0]) if link.startswith(site.url)]
    assert links, mail_text(mails[0])  # the link points at the server that sent it

    visitor = new_page()
    visitor.goto(links[0])
    expect(visitor.locator("h1")).to_have_text(title)
    fill_registration(visitor, "Genodigde E2E", invitee)
    visitor.locator("main form button[type=submit]").last.click()
    expect(visitor.locator(".messages")).to_contain_text("U bent aangemeld")

    ministry.reload()
    expect(ministry.locator("#uitgenodigd + table")).to_contain_text("bevestigd")
    # (Wagtail's editor logs a 400 from its background save of the half-filled form: not checked)
    assert not visitor.console_errors, visitor.console_errors


def test_register_and_open_the_cancel_link_from_the_mail(site, new_page):
    from .helpers import create_session

    url = create_session(site, "e2e-afmeldlink", capacity=5)
    address = "afmelder.e2e@example.org"
    visitor = new_page()
    visitor.goto(url)
    fill_registration(visitor, "Afmelder E2E", address)
    visitor.locator("main form button[type=submit]").last.click()
    expect(visitor.locator(".messages")).to_contain_text("U bent aangemeld")

    (confirmation,) = _mails_to(site, address)
    links = _links(confirmation)
    assert links and all(link.startswith(site.url + "/") for link in links), links
    cancel = next(link for link in links if "/aanmelding/" in link and not link.endswith(".ics"))
    other = new_page(javascript=False)  # a fresh browser: only the link from the mail
    other.goto(cancel)
    expect(other.locator("main")).to_contain_text("Bevestigd")
    other.get_by_role("button", name="Ja, meld mij af").click()
    expect(other.locator("main")).to_contain_text("afgemeld")
    for link in links:  # every other link in the mail opens too
        response = other.request.get(link)
        assert response.status == 200, link
