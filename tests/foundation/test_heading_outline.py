"""Every public page keeps a correct heading outline: one h1, first, and no level skipped on the
way down (h1 → h2 → h3). Profile pages leave empty sections out."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.models import Page

from practices.models import ApproachPage

pytestmark = pytest.mark.django_db


def outline(html: str) -> list[tuple[int, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [
        (int(tag.name[1]), tag.get_text(" ", strip=True))
        for tag in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    ]


def outline_problems(html: str) -> list[str]:
    headings = outline(html)
    problems = []
    if [level for level, _text in headings].count(1) != 1:
        problems.append(f"expected one h1, got {headings}")
    if headings and headings[0][0] != 1:
        problems.append(f"first heading is not the h1: {headings[0]}")
    for (before, _), (level, text) in zip(headings, headings[1:], strict=False):
        if level > before + 1:
            problems.append(f"h{before} → h{level} ({text!r})")
    return problems


def test_outline_check_finds_gaps():
    assert outline_problems("<h1>a</h1><h2>b</h2><h3>c</h3><h2>d</h2>") == []
    assert outline_problems("<h1>a</h1><h3>c</h3>") == ["h1 → h3 ('c')"]
    assert outline_problems("<h2>b</h2><h1>a</h1>")
    assert outline_problems("<h1>a</h1><h1>b</h1>")


def test_every_public_page_has_a_correct_outline(client, demo):
    problems = {}
    with translation.override("nl"):
        paths = [page.url for page in Page.objects.live().filter(depth__gte=2).specific()]
    for path in paths:
        for prefix in ("", "/en"):
            response = client.get(prefix + path)
            assert response.status_code == 200, prefix + path
            if found := outline_problems(response.content.decode()):
                problems[prefix + path] = found
    for path in ["/bestaat-niet/", "/account/login/", "/account/signup/", "/account/password/reset/"]:
        if found := outline_problems(client.get(path).content.decode()):
            problems[path] = found
    assert problems == {}


def test_profile_story_headings_sit_below_the_section_heading(client, demo):
    page = ApproachPage.objects.live().first()
    page.body = [("heading", "Hoe het begon"), ("paragraph", "<p>Een alinea.</p>")]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    headings = outline(html)
    story = headings.index((2, "Verhaal en achtergrond"))
    assert headings[story + 1] == (3, "Hoe het begon")
    assert outline_problems(html) == []


def test_empty_sections_are_left_out(client, demo):
    page = ApproachPage.objects.live().get(slug="joop-zeeland")
    html = client.get(page.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    for section in soup.select("section.profile-section"):
        heading = section.find("h2")
        rest = [tag for tag in section.find_all(True) if tag is not heading]
        assert rest, f"empty section {heading.get_text(strip=True)!r}"
