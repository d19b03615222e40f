"""The light/dark toggle that material.js drives in place of Material's palette script:
it follows the system until the reader chooses, keeps the choice, answers Enter, and
writes nothing to <body> on a load that changes nothing (each write restyles the page)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Every write to <body>'s colour attributes from the first byte of the page on, the
# ones that set a value it already had included, and those made once the article
# was parsed, too late for the first paint.
RECORD_COLOUR_WRITES = """
window.colourWrites = [];
window.lateColourWrites = [];
new MutationObserver((records) => {
  for (const record of records) {
    if (record.target !== document.body) continue;
    colourWrites.push(record.attributeName);
    if (document.querySelector("article")) lateColourWrites.push(record.attributeName);
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: [
  "data-md-color-media", "data-md-color-scheme", "data-md-color-primary",
  "data-md-color-accent", "data-md-color-switching",
]});
"""


def shown_scheme(page) -> str:
    return page.evaluate("document.body.dataset.mdColorScheme")


def visible_toggle(page) -> str:
    return page.locator("form[data-deck-palette] label:not([hidden])").get_attribute("title")


@pytest.mark.parametrize(
    ("system", "writes"),
    [("light", []), ("dark", ["data-md-color-scheme"])],
)
def test_a_first_load_writes_only_what_changes(page, served_site: str, system, writes) -> None:
    """The page is served in the light palette; a dark system changes its scheme
    before the article is parsed, a light one nothing. Material's script wrote all four
    colour attributes, changed or not, set and removed a fifth, and on a dark system
    drew the page light first."""
    page.emulate_media(color_scheme=system)
    page.add_init_script(RECORD_COLOUR_WRITES)
    page.goto(f"{served_site}/concurrency/")
    assert page.evaluate("colourWrites") == writes
    assert page.evaluate("lateColourWrites") == []
    assert shown_scheme(page) == ("slate" if system == "dark" else "default")


def test_the_choice_outlasts_a_reload_and_the_system(page, served_site: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(f"{served_site}/")
    assert visible_toggle(page) == "Switch to dark mode"
    page.locator("label[title='Switch to dark mode']").click()
    assert shown_scheme(page) == "slate"
    assert page.evaluate("getComputedStyle(document.documentElement).colorScheme") == "dark"
    assert visible_toggle(page) == "Switch to light mode"

    page.reload()
    assert shown_scheme(page) == "slate"
    assert visible_toggle(page) == "Switch to light mode"
    # Chosen, the palette no longer follows the system.
    page.emulate_media(color_scheme="dark")
    page.emulate_media(color_scheme="light")
    assert shown_scheme(page) == "slate"


def test_unchosen_the_palette_follows_the_system(page, served_site: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(f"{served_site}/")
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'", timeout=5_000)
    assert visible_toggle(page) == "Switch to light mode"
    page.emulate_media(color_scheme="light")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'", timeout=5_000)


def test_enter_switches_from_the_keyboard(page, served_site: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(f"{served_site}/")
    page.focus("#__palette_0")
    page.keyboard.press("Enter")
    assert shown_scheme(page) == "slate"
    assert page.evaluate("document.activeElement.id") == "__palette_1"
    page.keyboard.press("Enter")
    assert shown_scheme(page) == "default"


@pytest.mark.parametrize("stored", ['{"index": "dark"}', '{"index": 7}', "[]"])
def test_a_stored_choice_that_does_not_fit_is_ignored(page, served_site: str, stored) -> None:
    """Material's key for the site at the server's root; the page fails on a console error."""
    page.emulate_media(color_scheme="dark")
    # Not on about:blank, where the test's page goes last and has no storage.
    page.add_init_script(
        f"if (location.protocol === 'http:') localStorage.setItem('/.__palette', {stored!r})"
    )
    page.goto(f"{served_site}/")
    assert shown_scheme(page) == "slate"
    assert visible_toggle(page) == "Switch to light mode"
