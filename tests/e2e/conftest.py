"""Browser journeys: Playwright driving Debian's Chromium against a live server process.

Skipped (with the reason) when Chromium or Playwright is missing, and on PostgreSQL runs: the
journeys exercise the browser-facing behaviour once per CI run (on SQLite) to keep CI short.
Screenshots and HTML of failing pages go to ``test-artifacts/`` (paths printed in the report).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from .server import ROOT, LiveServer

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", ROOT / "test-artifacts"))


def _skip_reason() -> str | None:
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return "browser journeys run once per CI run, on the SQLite pass"
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium; .ci/install-system-deps does)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e .[dev])"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _skip_reason()
    for item in items:
        if "tests/e2e/" in item.nodeid.replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def site():
    # tmpfs when there is one: SQLite fsyncs cost nothing there (migrate is much faster)
    shm = Path("/dev/shm")  # noqa: S108 - a private mkdtemp inside it
    workdir = Path(tempfile.mkdtemp(prefix="kn-e2e-", dir=shm if shm.is_dir() else None))
    server = LiveServer(workdir)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        if os.environ.get("KEEP_E2E_DIR"):
            print(f"e2e work dir kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="package")
def browser():
    # Package scope: Playwright's event loop must be gone before the ORM-using tests run.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _new_page(browser, site, request, javascript: bool):
    context = browser.new_context(
        base_url=site.url,
        java_script_enabled=javascript,
        locale="nl-NL",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    return context, page


def _save_failure(request, pages, site) -> None:
    report = getattr(request.node, "report_call", None)
    if report is None or not report.failed:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::", 1)[-1])[:120]
    log = site.workdir / "server.log"
    if log.exists():
        (ARTIFACTS / f"{name}-server.log").write_text(log.read_text(errors="replace"), encoding="utf-8")
        tail = log.read_text(errors="replace").splitlines()[-60:]
        if any("Traceback" in line or "Error" in line for line in tail):
            print("\nlive server log (tail):\n" + "\n".join(tail))
    for index, page in enumerate(pages):
        stem = ARTIFACTS / f"{name}-{index}"
        try:
            page.screenshot(path=f"{stem}.png", full_page=True)
            Path(f"{stem}.html").write_text(page.content(), encoding="utf-8")
            print(f"\nfailure screenshot: {stem}.png (page {page.url})")
        except Exception as exc:  # noqa: BLE001 - the page may be gone; the failure itself matters
            print(f"\ncould not save screenshot {stem}.png: {exc}")


@pytest.fixture
def new_page(browser, site, request):
    """Factory for fresh browser contexts (separate cookie jars: visitor, coordinator, ministry)."""
    made = []

    def factory(javascript: bool = True):
        context, page = _new_page(browser, site, request, javascript)
        made.append((context, page))
        return page

    yield factory
    _save_failure(request, [page for _context, page in made], site)
    for context, _page in made:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def page_nojs(new_page):
    return new_page(javascript=False)
