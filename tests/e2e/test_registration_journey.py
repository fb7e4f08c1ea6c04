"""A visitor registers for a full session's last seat, a second visitor lands on the waiting list;
the confirmation mails arrive, the first visitor cancels through the personal link in the mail and
the waitlisted visitor is promoted (and told so by mail)."""

from __future__ import annotations

from playwright.sync_api import expect

from .helpers import create_session, fill_registration, manage_link
from .server import mail_text


def _mails_to(site, address: str):
    return [message for message in site.mails() if address in (message["To"] or "")]


def test_register_cancel_promote(site, new_page):
    url = create_session(site, "e2e-wachtlijst", capacity=1)
    first, second = "eerste.deelnemer@example.org", "tweede.deelnemer@example.org"

    visitor = new_page()
    visitor.goto(url)
    fill_registration(visitor, "Eerste Deelnemer", first)
    visitor.locator("form.registration-form button[type=submit], main form button[type=submit]").last.click()
    expect(visitor.locator(".messages")).to_contain_text("U bent aangemeld")

    waiting = new_page(javascript=False)
    waiting.goto(url)
    fill_registration(waiting, "Tweede Deelnemer", second)
    waiting.locator("main form button[type=submit]").last.click()
    expect(waiting.locator(".messages")).to_contain_text("wachtlijst")

    confirmations = _mails_to(site, first)
    assert len(confirmations) == 1, [m["Subject"] for m in site.mails()]
    assert "bevestigd" in mail_text(confirmations[0]).lower()
    waitlisted = _mails_to(site, second)
    assert len(waitlisted) == 1 and "wachtlijst" in mail_text(waitlisted[0])

    # the first visitor cancels through the link in the mail
    visitor.goto(manage_link(confirmations[0]))
    expect(visitor.locator("main")).to_contain_text("Bevestigd")
    visitor.get_by_role("button", name="Ja, meld mij af").click()
    expect(visitor.locator("main")).to_contain_text("afgemeld")

    # the waitlisted visitor is promoted and told so
    promoted = _mails_to(site, second)
    assert len(promoted) == 2, [m["Subject"] for m in promoted]
    assert "plaats vrijgekomen" in mail_text(promoted[-1])
    waiting.goto(manage_link(promoted[-1]))
    expect(waiting.locator("main .badge--ok")).to_have_text("Bevestigd")
    # the personal data of neither appears on the public session page
    waiting.goto(url)
    expect(waiting.locator("body")).not_to_contain_text("Tweede Deelnemer")
    expect(waiting.locator("body")).not_to_contain_text(first)
    assert not visitor.console_errors, visitor.console_errors
