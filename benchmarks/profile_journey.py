"""Time the "complete profile" journey in the browser: a coordinator opens "Nieuw profiel" from
"Mijn profielen", fills in every question the route asks at stage "geïmplementeerd" (every part
applies there), one partner and one principle, and submits the profile for moderation.

    .venv/bin/python benchmarks/profile_journey.py [--runs 3] [--json benchmarks/results/profile-journey.json]

A live server (the e2e one: a fresh SQLite file with the demo content, ``runserver`` without
DEBUG) and Debian's Chromium (headless, 1280x900) run on this machine. The time is the machine's:
from opening the add page to the confirmation message, with Playwright typing at full speed, so
it measures the form (render, scripts, validation, save) and not a person. Reported per run with
the median and the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.e2e.helpers import admin_login, open_footer_actions  # noqa: E402
from tests.e2e.server import LiveServer  # noqa: E402

NUMBERS = {
    "id_start_year": "2019",
    "id_meeting_cadence_weeks": "4",
    "id_annual_budget": "250000",
    "id_fte": "3.5",
}


def fill_every_question(page) -> int:
    """Answer every question the route asks; returns the number of controls filled."""
    filled = 0
    page.select_option("#id_stage", "implemented")
    filled += 1
    page.fill("#id_summary", "Een volledig ingevuld profiel voor de tijdmeting.")
    filled += 1
    for wrapper in page.locator("[data-question]:not(.profile-question--not-asked)").all():
        if wrapper.locator("#id_stage").count():
            continue
        if not wrapper.is_visible():
            continue
        select = wrapper.locator("select:not([multiple])")
        boxes = wrapper.locator("input[type=checkbox]")
        text = wrapper.locator("input[type=text], input[type=url], input[type=email], textarea:visible")
        number = wrapper.locator("input[type=number]")
        rich = wrapper.locator("[contenteditable=true]")
        add = wrapper.locator("button[id$='-ADD']")
        if add.count():
            filled += _inline_row(page, add.first)
        elif select.count():
            select.first.select_option(index=1)
            filled += 1
        elif boxes.count():
            boxes.first.check()
            filled += 1
        elif number.count():
            control = number.first
            control.fill(NUMBERS.get(control.get_attribute("id"), "3"))
            filled += 1
        elif rich.count():
            rich.first.click()
            page.keyboard.type("Visie: ouders en kinderen eerst.")
            filled += 1
        elif text.count():
            control = text.first
            control.fill(
                "2024-01-15" if (control.get_attribute("id") or "").endswith("evaluated") else "Tekst"
            )
            filled += 1
    return filled


def _inline_row(page, add) -> int:
    prefix = add.get_attribute("id").removesuffix("-ADD")
    add.click()
    row = f"#{prefix}-0"
    if prefix.endswith("partners"):
        page.fill(f"{row}-organisation", "Jeugdteam Westland")
        page.select_option(f"{row}-partner_type", index=1)
        return 2
    if prefix.endswith("principles"):
        page.select_option(f"{row}-principle", index=1)
        page.select_option(f"{row}-scale", index=1)
        return 2
    return 0


def one_run(browser, site, number: int) -> dict:
    context = browser.new_context(base_url=site.url, locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    admin_login(page, "coordinator-haaglanden")
    started = time.perf_counter()
    page.get_by_role("link", name="Nieuw profiel in Haaglanden").click()
    page.wait_for_url(re.compile(r"/admin/pages/add/"))
    page.fill("#id_title", f"Tijdmeting volledig profiel {number}")
    filled = fill_every_question(page)
    page.wait_for_load_state("networkidle")  # Wagtail's autosave
    open_footer_actions(page)
    page.locator('button[name="action-submit"]').click()
    page.locator(".messages").filter(has_text=re.compile("ingediend|fout")).wait_for()
    seconds = time.perf_counter() - started
    message = page.locator(".messages").inner_text()
    context.close()
    if "ingediend" not in message:
        raise SystemExit(f"run {number}: not submitted: {message}")
    return {"run": number, "seconds": round(seconds, 2), "controls_filled": filled}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    shm = Path("/dev/shm")  # noqa: S108 - a private mkdtemp inside it (as tests/e2e does)
    workdir = Path(tempfile.mkdtemp(prefix="kn-bench-profile-", dir=shm if shm.is_dir() else None))
    site = LiveServer(workdir)
    site.start()
    load_before = os.getloadavg()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            runs = [one_run(browser, site, number) for number in range(1, args.runs + 1)]
            browser.close()
        answered = site.run_python(
            """
            from practices.completeness import completeness
            from practices.models import ApproachPage
            page = ApproachPage.objects.filter(title__startswith="Tijdmeting").order_by("-pk").first()
            result = completeness(page.get_latest_revision_as_object())
            print(result.answered, result.total)
            """
        )
    finally:
        site.stop()
    result = {
        "journey": "coordinator creates a profile, fills every question asked at stage a, submits",
        "runs": runs,
        "last_profile_answered_of_asked": answered.strip().splitlines()[-1],
        "median_seconds": statistics.median(run["seconds"] for run in runs),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
    }
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
