"""What the audience can use besides keys: the toolbar, a click on the blank screen; and
what the deck does on its own: the status line, the end of the deck, a refit on resize."""

from __future__ import annotations

import pytest

from tests.browser.deck_pages import (
    CURRENT,
    current_id,
    deck_pages,
    present,
    slide_ids,
    wait_for_slide,
)

pytestmark = pytest.mark.browser

CODE_SLIDE = "concurrency/"  # its second slide shows code and its output
ALL_FITTED = """size => [...document.querySelectorAll("section.slide")]
    .every(slide => slide.dataset.fitFor === size)"""


def toolbar(page):
    return page.get_by_role("navigation", name="Slide controls")


def test_the_toolbar_moves_between_slides(page, served_site: str) -> None:
    present(page, served_site)
    ids = slide_ids(page)
    toolbar(page).get_by_role("button", name="Next slide").click()
    wait_for_slide(page, ids[1])
    assert toolbar(page).inner_text().count(f"2 / {len(ids)}") == 1
    toolbar(page).get_by_role("button", name="Previous slide").click()
    wait_for_slide(page, ids[0])


@pytest.mark.parametrize(
    ("label", "dialog"),
    [("Overview", "Slides on this page"), ("Keyboard shortcuts", "Keyboard shortcuts")],
)
def test_the_toolbar_opens_each_dialog(page, served_site: str, label: str, dialog: str) -> None:
    present(page, served_site)
    toolbar(page).get_by_role("button", name=label).click()
    opened = page.get_by_role("dialog", name=dialog)
    assert opened.is_visible()
    opened.get_by_role("button", name="Close").click()
    assert opened.is_hidden()
    assert page.evaluate("document.documentElement.dataset.deck") == "present"


def test_the_toolbar_leaves_the_presentation(page, served_site: str) -> None:
    present(page, served_site)
    toolbar(page).get_by_role("button", name="Leave the presentation").click()
    page.wait_for_selector("html:not([data-deck])", state="attached")
    assert "present" not in page.url


def test_a_click_on_the_blank_screen_brings_the_slide_back(page, served_site: str) -> None:
    present(page, served_site)
    blank = page.locator(".deck-blank")
    page.keyboard.press("b")
    assert blank.is_visible()
    blank.click()
    assert blank.is_hidden()
    assert page.locator(CURRENT).is_visible()


def test_the_status_line_tells_a_screen_reader_which_slide_is_up(page, served_site: str) -> None:
    present(page, served_site)
    ids = slide_ids(page)
    status = page.get_by_role("status")
    page.keyboard.press("ArrowRight")
    wait_for_slide(page, ids[1])
    title = page.eval_on_selector(CURRENT, "slide => slide.getAttribute('aria-label')")
    assert status.inner_text() == f"Slide 2 of {len(ids)}: {title}"
    page.keyboard.press("End")
    wait_for_slide(page, ids[-1])
    assert status.inner_text().startswith(f"Slide {len(ids)} of {len(ids)}: ")


@pytest.mark.parametrize("chord", ["Control+ArrowRight", "Alt+ArrowRight", "Meta+n", "Control+b"])
def test_keys_held_with_a_modifier_are_left_to_the_browser(
    page, served_site: str, chord: str
) -> None:
    present(page, served_site)
    first = current_id(page)
    page.keyboard.press(chord)
    # A plain key after it: once its dialog is open, the chord has had its chance to act.
    page.keyboard.press("g")
    page.get_by_role("dialog", name="Go to slide").wait_for()
    assert current_id(page) == first
    assert page.locator(".deck-blank").is_hidden()


def test_the_end_of_the_deck_stays_on_its_last_slide(page, served_site: str) -> None:
    path = deck_pages(page, served_site)[-1]
    present(page, served_site, path)
    last = slide_ids(page)[-1]
    page.keyboard.press("End")
    wait_for_slide(page, last)
    following = page.eval_on_selector(
        "a.md-footer__link--next", "link => new URL(link.href).pathname"
    )
    with page.expect_response(lambda response: response.url.endswith(following)):
        page.keyboard.press("ArrowRight")  # the deck looks at the next page: it has no slides
    page.wait_for_load_state("networkidle")
    assert page.url.split("#")[0].endswith(f"/{path}?present")
    assert current_id(page) == last


def test_a_resized_window_refits_the_slide(page, served_site: str) -> None:
    present(page, served_site, CODE_SLIDE)
    page.keyboard.press("ArrowRight")
    slide = page.locator(CURRENT)
    # Every slide fitted, so the deck's own fitting in idle time is over: only the resize
    # can set off what follows.
    page.wait_for_function(ALL_FITTED, arg="1280x720")
    code_size = "s => parseFloat(getComputedStyle(s.querySelector('pre > code')).fontSize)"
    before = slide.evaluate(code_size)

    page.set_viewport_size({"width": 800, "height": 450})
    slide.and_(page.locator("[data-fit-for='800x450']")).wait_for()
    assert slide.evaluate(code_size) < before
