"""Every view of the site passes axe-core, light and dark: pages, notebooks, slides, the
deck's dialogs, the speaker window and a finished run's output."""

from __future__ import annotations

import pytest

from tests.browser.deck_pages import present, wait_for_slide

pytestmark = pytest.mark.browser

axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright")
AXE = axe_sync.Axe()
SCHEMES = ["light", "dark"]


def assert_accessible(page) -> None:
    """axe-core finds nothing wrong with the page as it stands; else its full report."""
    results = AXE.run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture(params=SCHEMES)
def scheme_page(request, page):
    """The 1280×720 page fixture, with the reader's system set to light or dark."""
    page.emulate_media(color_scheme=request.param)
    return page


@pytest.mark.parametrize(
    "path", ["", "concurrency/", "mini-redis/", "further-reading/", "notebooks/concurrency/"]
)
def test_reading_mode(scheme_page, served_site: str, path: str) -> None:
    scheme_page.goto(f"{served_site}/{path}")
    assert_accessible(scheme_page)


def test_the_palette_follows_the_scheme(scheme_page, served_site: str) -> None:
    """Guards the other tests: dark really is Material's dark palette, not light twice."""
    scheme_page.goto(f"{served_site}/")
    chosen = scheme_page.evaluate("document.body.dataset.mdColorScheme")
    dark = scheme_page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    assert chosen == ("slate" if dark else "default")


def test_presenting_a_title_and_a_code_slide(scheme_page, served_site: str) -> None:
    present(scheme_page, served_site, "concurrency/")
    assert_accessible(scheme_page)
    scheme_page.keyboard.press("ArrowRight")
    scheme_page.keyboard.press("ArrowRight")
    wait_for_slide(scheme_page)
    assert scheme_page.locator("section.slide[aria-current='step'] pre").count()
    assert_accessible(scheme_page)


@pytest.mark.parametrize(
    ("key", "name"),
    [("o", "Slides on this page"), ("g", "Go to slide"), ("?", "Keyboard shortcuts")],
)
def test_each_deck_dialog(scheme_page, served_site: str, key: str, name: str) -> None:
    present(scheme_page, served_site, "concurrency/")
    scheme_page.keyboard.press(key)
    dialog = scheme_page.get_by_role("dialog", name=name)
    dialog.wait_for()
    assert_accessible(scheme_page)


def test_the_speaker_window(scheme_page, served_site: str) -> None:
    scheme_page.goto(f"{served_site}/concurrency/?speaker")
    scheme_page.wait_for_selector("html[data-deck-speaker]", state="attached")
    scheme_page.wait_for_selector("[role='log']")
    assert_accessible(scheme_page)


def test_a_finished_run_and_its_output(scheme_page, served_site: str) -> None:
    scheme_page.goto(f"{served_site}/concurrency/")
    scheme_page.get_by_role("button", name="Run concurrency/gather_sleep").click()
    scheme_page.wait_for_selector(".live-line--meta", timeout=20_000)
    scheme_page.get_by_role("button", name="Run concurrency/gather_sleep").wait_for()
    assert_accessible(scheme_page)
