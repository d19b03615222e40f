"""Fixtures shared across the suite: each Python, the built site, a served deck, a real Chromium."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from filelock import FileLock
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

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
    main thread for the rest of the session, which `asyncio.run()` refuses to share."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


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


@pytest.fixture
def page(browser):
    """A fresh 1280×720 page that fails the test on any console error."""
    context = browser.new_context(viewport=SLIDE_SIZE)
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(message.text),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"console errors: {errors}"
