"""Browser tests: Python Playwright driving Debian's Chromium, headless; axe-core for WCAG 2.1 AA.

Skipped, with the reason, where /usr/bin/chromium is absent; a failed run instead when
TORI_REQUIRE_SERVICES names "browser" (CI). A screenshot of every failing test
is saved under var/screenshots/.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.services import unavailable

CHROMIUM = os.environ.get("TORI_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    browser_items = [item for item in items if "browser" in item.keywords]
    if not browser_items:
        return
    skip = unavailable("browser", f"Chromium not found at {CHROMIUM}: install Debian's chromium")
    for item in browser_items:
        item.add_marker(skip)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        tab = item.funcargs.get("tab")
        if tab is not None:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            try:
                tab.screenshot(path=str(SCREENSHOTS / f"{item.name}.png"), full_page=True)
            except Exception as exc:  # noqa: BLE001 - a failed screenshot must not hide the failure
                print(f"screenshot failed: {exc}")  # noqa: T201


@pytest.fixture(scope="module")
def chromium():
    """One browser per test module. Playwright's sync API keeps an event loop running in this
    thread, so Django's ORM must be told that is fine - only while the browser lives (a
    session-wide setting would leak into subprocesses such as `check --deploy`)."""
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def tab(chromium, live_server):
    """A fresh browser tab (own cookies) pointed at the live server."""
    context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def axe_violations():
    """Run axe-core (bundled with axe-playwright-python, loaded locally) for WCAG 2.1 A and AA."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def run(page) -> list[str]:
        results = axe.run(page, options=WCAG_AA)
        return [
            f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
            for v in results.response["violations"]
        ]

    return run


@pytest.fixture(autouse=True)
def _wagtail_base_data(request):
    """Keep the data migrations' rows (locales, root and home pages, site, groups) for every
    browser test, although each live-server test ends with a flush.

    `serialized_rollback` restores them from a copy serialized when the test database is made,
    but pytest-django does not always make that copy (e.g. when plain `db` tests share the
    session). Take the copy here, before the first flush, and restore it when rows are missing."""
    if "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    from django.db import connection
    from wagtail.models import Locale

    contents = getattr(connection, "_test_serialized_contents", None)
    if Locale.objects.exists():
        if not contents:
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    elif contents:
        connection.creation.deserialize_db_from_string(contents)
