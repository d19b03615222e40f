"""Fixtures shared across the suite: each Python, the built site, a served deck, a real Chromium."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from filelock import FileLock
from playwright.sync_api import BrowserContext, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tools import interpreters
from tools.harness import (
    BUILD_SECONDS,
    SLIDE_SIZE,
    build_site,
    launch_chromium,
    serving,
    serving_static,
)
from tools.interpreters import SUPPORTED, probe

# CI sets this so that a missing browser fails the run instead of skipping it.
REQUIRE_BROWSER = os.environ.get("SURVEY_REQUIRE_BROWSER") == "1"


def pytest_configure(config: pytest.Config) -> None:
    """Start each python3.X once for the whole run; xdist's workers inherit the answers."""
    interpreters.share()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests go last: Playwright's sync API keeps an event loop running in the
    main thread for the rest of the session, which `asyncio.run()` refuses to share. Slow
    ones go first among their kind, so that pytest-xdist hands them out early and the
    quick ones fill the end, not one worker still printing the deck while the rest idle.
    The order within each part stays pytest-randomly's."""
    items.sort(
        key=lambda item: (
            item.get_closest_marker("browser") is not None,
            item.get_closest_marker("slow") is None,
        )
    )


@pytest.fixture(params=SUPPORTED)
def python(request: pytest.FixtureRequest) -> str:
    """Each of 3.11, 3.12 and 3.13 in turn; one that does not start is skipped, by name."""
    found = probe(request.param)
    if found.path is None:
        pytest.skip(found.reason)
    return found.path


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site, built once per test run with --strict: by the first of pytest-xdist's
    workers to need it, in the folder they share, while the others wait for it."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    destination, outcome = shared / "site", shared / "site-outcome.txt"
    with outside_the_tests_time_limit(), FileLock(shared / "site.lock", timeout=BUILD_SECONDS):
        if not outcome.exists():
            result = build_site(destination)
            outcome.write_text(result.stderr if result.returncode else "", encoding="utf-8")
    assert not (failure := outcome.read_text(encoding="utf-8")), failure
    return destination


@contextmanager
def outside_the_tests_time_limit() -> Iterator[None]:
    """pytest-timeout's alarm paused: the build serves the whole run, so on a busy machine its
    minutes are not the time of whichever test asked first (it has a limit of its own)."""
    left, _ = signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        if left:
            signal.setitimer(signal.ITIMER_REAL, left)


@pytest.fixture(scope="session")
def served_site(built_site: Path) -> Iterator[str]:
    """``python -m server`` on a free loopback port, serving the built site; yields its URL."""
    with serving(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def static_site(built_site: Path) -> Iterator[str]:
    """The built site from a plain static server: what a hosted copy of the site looks like."""
    with serving_static(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def python_in_the_browser(built_site: Path) -> None:
    """The built site carries Pyodide; without npm to install it, those tests skip (not in CI)."""
    if not (built_site / "assets" / "pyodide" / "pyodide.mjs").is_file():
        reason = "the site was built without Python for the browser (no npm: see README)"
        if REQUIRE_BROWSER:
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium driven by Playwright (a declared test dependency, so never
    skipped for); skips only where no Chromium exists, and CI does not allow even that."""
    with sync_playwright() as playwright:
        try:
            browser = launch_chromium(playwright)
        except PlaywrightError as error:
            if REQUIRE_BROWSER:
                raise
            pytest.skip(f"no Chromium to drive: {error}")
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def pages_context(browser) -> Iterator[BrowserContext]:
    """One browser context for every `page` of this worker, as one reader's browser. Its
    Cache Storage keeps the started interpreter's snapshot (python-worker.js), so only the
    worker's first Python start pays for a whole start (~5 core-seconds; a restore ~1.5,
    measured), the rest restore it as a returning reader's do: both paths are run. What a
    test stores otherwise (a kept edit) is wiped when it ends (`page`)."""
    context = browser.new_context(viewport=SLIDE_SIZE)
    yield context
    context.close()


# All a page can keep for the next test to find, but the Cache Storage of snapshots.
SITE_DATA = "cookies,local_storage,indexeddb,service_workers"


@pytest.fixture
def page(pages_context: BrowserContext) -> Iterator[Page]:
    """A fresh 1280×720 page that fails the test on any console error."""
    visited: set[str] = set()

    def visit(request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https"):
            visited.add(f"{parts.scheme}://{parts.netloc}")

    pages_context.on("request", visit)
    with failing_on_console_errors(pages_context.new_page()) as page:
        yield page
        pages_context.remove_listener("request", visit)
        forget(pages_context, page, visited)


@pytest.fixture
def clocked_page(browser) -> Iterator[Page]:
    """`page`, in a browser context of its own: for a test that installs Playwright's fake
    clock, which holds for every later page of the context, not only the test's."""
    context = browser.new_context(viewport=SLIDE_SIZE)
    with failing_on_console_errors(context.new_page()) as page:
        yield page
        context.close()


@contextmanager
def failing_on_console_errors(page: Page) -> Iterator[Page]:
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, f"console errors: {errors}"


def forget(context: BrowserContext, page: Page, origins: set[str]) -> None:
    """Clear what the test's pages stored at ``origins``, and close them (popups too).
    The pages leave their sites first: one still open could store again after the clear
    (a kept edit, a chosen palette), and the next test would find it."""
    for opened in context.pages:
        if opened is not page:
            opened.close()
    page.goto("about:blank")
    session = context.new_cdp_session(page)
    for origin in origins:
        session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": SITE_DATA})
    session.detach()
    page.close()
