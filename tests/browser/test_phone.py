"""On a phone held upright (390×844): no page scrolls sideways, every button on a code
block's title bar is on screen, and presenting reflows a slide to the screen's width
instead of shrinking a 16:9 slide into the middle of it."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from survey.paths import ROOT
from tests.browser.deck_pages import present, wait_for_slide
from tools.notebooks.pages import read_site

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# Body text a phone's reader can read at arm's length; a 16:9 slide shrunk to
# 390 px across sets it at 7.6 px.
MIN_PROSE_PX = 14


def site_paths() -> list[str]:
    """Every page of the nav as a path from the site's root, notebooks included."""
    sources = (source for _, source in read_site(ROOT).nav)
    return [
        "" if source == "index.md" else f"{PurePosixPath(source).with_suffix('')}/"
        for source in sources
    ]


@pytest.fixture
def phone(browser):
    """A page on a phone's screen, touch and all, that fails the test on any console error."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"console errors: {errors}"


# What sticks out past the screen's right edge: the page as a whole, and each
# visible button on a code block's title bar (by its accessible name).
OFF_SCREEN = """width => {
    const off = [];
    const across = document.documentElement.scrollWidth;
    if (across > width) off.push(`the page is ${across} px wide`);
    for (const control of document.querySelectorAll(".highlight > .filename > button")) {
        if (!control.checkVisibility()) continue;
        const box = control.getBoundingClientRect();
        if (box.left < 0 || box.right > width) {
            off.push(`${control.getAttribute("aria-label")} at ${box.left}–${box.right} px`);
        }
    }
    return off;
}"""


@pytest.mark.parametrize("path", site_paths())
def test_nothing_runs_off_the_side(phone, served_site: str, path: str) -> None:
    phone.goto(f"{served_site}/{path}")
    if phone.locator(".example[data-example]").count():
        phone.wait_for_selector(".highlight > .filename > .live-run:not([hidden])")
    assert phone.evaluate(OFF_SCREEN, PHONE["width"]) == []


def test_the_title_bar_buttons_really_are_checked(phone, served_site: str) -> None:
    """Guards the test above: the concurrency page has title-bar buttons to measure."""
    phone.goto(f"{served_site}/concurrency/")
    phone.wait_for_selector(".highlight > .filename > .live-run:not([hidden])")
    assert phone.locator(".highlight > .filename > button:visible").count() >= 18


# The slide on screen: its width, its prose's and its code's font size, the width of
# its widest code block and how far it scrolls sideways.
SLIDE = """() => {
    const slide = document.querySelector("section.slide[aria-current='step']");
    const prose = slide.querySelector(":scope > p");
    const blocks = [...slide.querySelectorAll(".highlight")];
    return {
        width: slide.getBoundingClientRect().width,
        prosePx: parseFloat(getComputedStyle(prose).fontSize),
        blockWidth: Math.max(...blocks.map((block) => block.getBoundingClientRect().width)),
        across: slide.scrollWidth - slide.clientWidth,
    };
}"""


def test_presenting_upright_reflows_the_slide(phone, served_site: str) -> None:
    present(phone, served_site, "concurrency/", "create_task-runs-coroutines-side-by-side")
    wait_for_slide(phone, "create_task-runs-coroutines-side-by-side")
    slide = phone.evaluate(SLIDE)
    assert slide["width"] == pytest.approx(PHONE["width"], abs=1)
    assert slide["prosePx"] >= MIN_PROSE_PX, "the slide's type was shrunk, not reflowed"
    assert slide["blockWidth"] >= 0.85 * PHONE["width"]
    assert slide["across"] <= 0
    toolbar = phone.locator(".deck-toolbar button:visible")
    assert toolbar.count()
    for box in (toolbar.nth(index).bounding_box() for index in range(toolbar.count())):
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE["width"]
