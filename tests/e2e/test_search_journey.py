"""A visitor searches, selects two facets, removes one chip, sorts, pages, opens a result, follows
a comparable approach and opens the compare view: with JavaScript (the page updates in place)
and without (plain form submits and links)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .helpers import facet_values


@pytest.fixture(scope="module")
def many_profiles(site):
    """Enough published profiles for a second result page (fictional, clearly marked)."""
    site.manage("generate_synthetic_profiles", "--count", "40", "--seed", "11")


def _apply_filters(page, javascript: bool, before_url: str) -> None:
    if javascript:
        page.wait_for_url(lambda url: url != before_url)  # fetched in place, URL pushed
        expect(page.locator("#search-app")).not_to_have_attribute("aria-busy", "true")
    else:
        page.get_by_role("button", name="Filters toepassen").click()


def _check_facet(page, javascript: bool, exclude_group: str | None = None) -> dict:
    candidates = [
        value
        for value in facet_values(page.content())
        if value["visible"]
        and not value["checked"]
        and value["group"] != exclude_group
        and not value["value"].startswith("__")
    ]
    best = max(candidates, key=lambda value: value["count"])
    assert best["count"] > 0
    before = page.url
    page.locator(f"#{best['id']}").check()
    _apply_filters(page, javascript, before)
    expect(page.locator(f"#{best['id']}")).to_be_checked()
    return best


def _result_count(page) -> int:
    text = page.locator("[data-result-count]").inner_text()
    return int(re.match(r"\s*(\d+)", text).group(1))


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_search_to_compare(new_page, many_profiles, javascript):
    page = new_page(javascript=javascript)
    page.goto("/zoeken/")
    total = _result_count(page)
    assert total >= 40

    first = _check_facet(page, javascript)
    assert f"{first['group']}={first['value']}" in page.url
    after_first = _result_count(page)
    assert 0 < after_first <= total
    second = _check_facet(page, javascript, exclude_group=first["group"])
    assert f"{second['group']}={second['value']}" in page.url
    assert _result_count(page) <= after_first
    chips = page.locator(".chips a.chip")
    expect(chips).to_have_count(2)

    # remove the second filter through its chip
    # a chip links to the same search without its own filter
    page.locator(f'.chips a.chip:not([href*="{second["group"]}={second["value"]}"])').click()
    expect(page.locator(".chips a.chip")).to_have_count(1)
    assert f"{second['group']}={second['value']}" not in page.url
    assert _result_count(page) == after_first

    # sort by name
    before = page.url
    page.select_option("#search-sort", "name")
    if javascript:
        page.wait_for_url(lambda url: url != before)
    else:
        page.locator(".search-bar button[type=submit]").click()
    assert "sort=name" in page.url
    titles = page.locator(".results h3 a").all_inner_texts()
    assert titles == sorted(titles, key=str.casefold) or len(titles) <= 1

    # next page
    if after_first > 10:
        page.locator(".pagination a[rel=next]").click()
        page.wait_for_url(re.compile(r"page=2"))
        expect(page.locator(".pagination [aria-current=page]")).to_have_text("2")
        assert "sort=name" in page.url and f"{first['group']}=" in page.url

    # open a real (non-fictional) profile: search for it, open the result
    page.goto("/zoeken/?q=Scheidingspunt")
    page.locator(".results h3 a", has_text="Scheidingspunt").first.click()
    expect(page.locator("h1")).to_contain_text("Scheidingspunt")

    # follow a comparable approach
    comparable = page.locator("section.comparable .comparable-list a").first
    target = comparable.inner_text()
    comparable.click()
    expect(page.locator("h1")).to_contain_text(target.strip()[:30])

    # compare it with the first of its own comparable approaches
    page.locator("section.comparable input[type=checkbox][name=ids]").first.check()
    page.get_by_role("button", name="Vergelijk naast elkaar").click()
    page.wait_for_url(re.compile(r"/vergelijk/\?"))
    expect(page.locator("main table")).to_be_visible()
    expect(page.locator("main table thead th, main table tr:first-child th")).not_to_have_count(0)
    assert not page.console_errors, page.console_errors
