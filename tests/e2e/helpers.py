"""Small helpers shared by the browser journeys."""

from __future__ import annotations

import json

DEMO_PASSWORD = "kennisnetwerk-demo"  # the demo loader's default (home/demo/users.py)


def admin_login(page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def page_ids(site, *slugs: str) -> dict[str, int]:
    out = site.run_python(
        f"""
        import json
        from wagtail.models import Page
        print(json.dumps({{p.slug: p.pk for p in Page.objects.filter(slug__in={list(slugs)!r})}}))
        """
    )
    return json.loads(out.strip().splitlines()[-1])


def open_footer_actions(page) -> None:
    """Wagtail's editor keeps secondary actions (submit, approve) in the footer dropdown."""
    page.locator("footer .w-dropdown__toggle").first.click()


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:
    """axe-core (bundled by axe-playwright-python) run in the page: WCAG 2.1 A/AA violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    )
    found = []
    for violation in results.response["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return found


def _in_open_details(tag) -> bool:
    details = tag.find_parent("details")
    return details is None or details.has_attr("open")


def facet_values(html: str) -> list[dict]:
    """The facet checkboxes of the search page: group name, value, id, count, checked."""
    import re

    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    values = []
    for box in soup.select(".search-filters input[type=checkbox]"):
        label = soup.find("label", attrs={"for": box.get("id")})
        match = re.search(r"\((\d+)", label.get_text() if label else "")
        values.append(
            {
                "group": box.get("name"),
                "value": box.get("value"),
                "id": box.get("id"),
                "count": int(match.group(1)) if match else 0,
                "checked": box.has_attr("checked"),
                "visible": _in_open_details(box),
            }
        )
    return values


def create_session(site, slug: str, capacity: int, title: str | None = None) -> str:
    """A published session two weeks ahead with open registration; returns its URL path."""
    out = site.run_python(
        f"""
        import datetime
        from django.utils import timezone
        from events.models import EventIndexPage, ExchangeSessionPage
        existing = ExchangeSessionPage.objects.filter(slug={slug!r}).first()
        if existing is None:
            start = timezone.now() + datetime.timedelta(days=14)
            page = ExchangeSessionPage(
                title={(title or "E2E-bijeenkomst " + slug)!r}, slug={slug!r}, start=start,
                end=start + datetime.timedelta(hours=2), format="in_person", venue="Stadhuis, Den Haag",
                theme_support_needs=["expertise"], capacity={capacity},
            )
            EventIndexPage.objects.get().add_child(instance=page)
            page.save_revision().publish()
            existing = page
        print(existing.url)
        """
    )
    return out.strip().splitlines()[-1]


def fill_registration(page, name: str, email: str, organisation: str = "Gemeente Voorbeeld") -> None:
    page.fill("#id_name", name)
    page.fill("#id_email", email)
    page.fill("#id_organisation", organisation)
    page.select_option("#id_role", "policy")
    page.check("#id_consent")


def manage_link(message) -> str:
    """The personal 'view or cancel' link of a registration mail, as a path."""
    import re
    from urllib.parse import urlsplit

    from .server import mail_text

    urls = re.findall(r"https?://\S+", mail_text(message))
    personal = [url for url in urls if "/aanmelding/" in url and not url.endswith(".ics")]
    assert personal, mail_text(message)
    return urlsplit(personal[0]).path
