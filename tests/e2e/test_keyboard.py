"""Keyboard only: skip link, search (query, filter, result) and the registration form are usable
with Tab / Enter / Space alone, and every focused control shows a visible focus indicator."""

from __future__ import annotations

from playwright.sync_api import expect

from .helpers import create_session

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return {tag: el.tagName, id: el.id, name: el.getAttribute('name'), text: (el.innerText || '').slice(0, 40),
          visible: outline || shadow};
}"""


def tab_to(page, selector: str, limit: int = 150) -> list[dict]:
    """Press Tab until the focused element matches selector; returns the focus trail."""
    trail = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_STYLE)
        trail.append(info)
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return trail
    raise AssertionError(f"{selector} not reachable with Tab; trail: {trail[-10:]}")


def _assert_focus_visible(trail):
    hidden = [item for item in trail if item and not item["visible"]]
    assert not hidden, f"focus not visible on: {hidden[:5]}"


def test_keyboard_search(page):
    page.goto("/zoeken/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Naar de inhoud")
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")

    trail = tab_to(page, "#search-q")
    expect(page.locator("#search-q")).to_be_focused()
    page.keyboard.type("scheiden", delay=30)
    expect(page.locator("#search-q")).to_have_value("scheiden")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=scheiden**")

    trail += tab_to(page, ".facet-values input[type=checkbox]")
    before = page.url
    page.keyboard.press("Space")
    page.wait_for_url(lambda url: url != before)
    expect(page.locator(".chips a.chip")).to_have_count(1)

    trail += tab_to(page, ".results h3 a")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).not_to_have_text("Zoeken")
    _assert_focus_visible(trail)


def test_keyboard_registration(page, site):
    url = create_session(site, "e2e-toetsenbord", capacity=10)
    page.goto(url)
    trail = tab_to(page, "#id_name")
    page.keyboard.type("Toets Bord")
    trail += tab_to(page, "#id_email")
    page.keyboard.type("toets.bord@example.org")
    trail += tab_to(page, "#id_organisation")
    page.keyboard.type("Gemeente Toetsenbord")
    trail += tab_to(page, "#id_role")
    page.keyboard.press("ArrowDown")  # first real role
    trail += tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    trail += tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("U bent aangemeld")
    _assert_focus_visible(trail)
