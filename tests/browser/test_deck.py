"""Presentation mode in a real Chromium: the DOM contract, keys, page crossing and dialogs."""

from __future__ import annotations

import pytest

from tests.browser.deck_pages import (
    CURRENT,
    current_id,
    path_and_hash,
    present,
    slide_ids,
    wait_for_next_page,
    wait_for_slide,
)

pytestmark = pytest.mark.browser


def test_the_header_button_enters_and_esc_leaves(page, served_site: str) -> None:
    page.goto(f"{served_site}/event_loop/")
    button = page.get_by_role("button", name="Present as slides")
    assert button.is_visible()
    first_h2 = page.eval_on_selector("article h2", "h => h.id")

    button.click()
    wait_for_slide(page)
    assert "?present" in page.url
    assert page.eval_on_selector("article h2", "h => h.id") == ""
    assert page.locator(f"section.slide[id='{first_h2}']").count() == 1

    page.keyboard.press("Escape")
    page.wait_for_selector("html:not([data-deck])", state="attached")
    assert "present" not in page.url
    assert page.locator("section.slide").count() == 0
    # Reading mode is Material's own again: the TOC's anchors point at the headings.
    assert page.eval_on_selector(f"[id='{first_h2}']", "el => el.tagName") == "H2"


def test_present_in_the_url_opens_slides_and_the_title_slide_first(page, served_site: str) -> None:
    present(page, served_site)
    ids = slide_ids(page)
    assert ids[0] == page.eval_on_selector("section.slide h1", "h => h.closest('section').id")
    assert current_id(page) == ids[0]
    assert page.locator("section.slide:not(.slide--title) > h2").count() == len(ids) - 1
    assert path_and_hash(page)[1] == ids[0]


def test_only_the_current_slide_is_shown_the_others_hidden_and_inert(
    page, served_site: str
) -> None:
    present(page, served_site)
    page.keyboard.press("ArrowRight")
    states = page.eval_on_selector_all(
        "section.slide",
        "slides => slides.map(s => [s.getAttribute('aria-current'), s.hidden, s.inert])",
    )
    assert states.count(["step", False, False]) == 1
    assert all(state == [None, True, True] for state in states if state[0] is None)


@pytest.mark.parametrize("key", ["ArrowRight", " ", "PageDown", "n"])
def test_every_next_key_moves_forward_and_the_hash_follows(
    page, served_site: str, key: str
) -> None:
    present(page, served_site)
    ids = slide_ids(page)
    page.keyboard.press(key)
    wait_for_slide(page, ids[1])
    assert path_and_hash(page)[1] == ids[1]


@pytest.mark.parametrize("key", ["ArrowLeft", "Shift+ ", "PageUp", "p"])
def test_every_previous_key_moves_back(page, served_site: str, key: str) -> None:
    present(page, served_site)
    ids = slide_ids(page)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    wait_for_slide(page, ids[2])
    page.keyboard.press(key)
    wait_for_slide(page, ids[1])
    assert path_and_hash(page)[1] == ids[1]


def test_home_and_end_and_reload_lands_on_the_same_slide(page, served_site: str) -> None:
    present(page, served_site)
    ids = slide_ids(page)
    page.keyboard.press("End")
    wait_for_slide(page, ids[-1])
    page.reload()
    wait_for_slide(page, ids[-1])
    page.keyboard.press("Home")
    wait_for_slide(page, ids[0])


def test_past_the_last_slide_is_the_next_page_and_back_again(page, served_site: str) -> None:
    present(page, served_site)
    last_here = slide_ids(page)[-1]
    next_path = page.eval_on_selector(
        "a.md-footer__link--next", "link => new URL(link.href).pathname"
    )
    # Set in this document: it survives only if the page swap is Material's instant
    # navigation, the kind that keeps fullscreen alive.
    page.evaluate("window.deckTestMarker = true")

    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")
    wait_for_next_page(page, f"**{next_path}?present*", left=last_here)
    assert current_id(page) == slide_ids(page)[0]
    assert path_and_hash(page) == (next_path, slide_ids(page)[0])
    assert page.evaluate("window.deckTestMarker") is True

    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**/event_loop/?present*")
    wait_for_slide(page, last_here)
    assert path_and_hash(page) == ("/event_loop/", last_here)


def test_f_in_reading_mode_enters_presentation(page, served_site: str) -> None:
    page.goto(f"{served_site}/event_loop/")
    page.keyboard.press("f")
    wait_for_slide(page)


def test_no_shortcut_fires_while_typing_in_the_search_box(page, served_site: str) -> None:
    page.goto(f"{served_site}/event_loop/")
    search = page.get_by_role("textbox", name="Search")
    search.click()
    search.press_sequentially("fog", delay=20)
    assert search.input_value() == "fog"
    assert page.evaluate("document.documentElement.dataset.deck") is None


def test_no_shortcut_fires_while_typing_in_a_field_on_a_slide(page, served_site: str) -> None:
    present(page, served_site)
    before = current_id(page)
    page.evaluate(
        """() => {
            const field = document.createElement("input");
            field.setAttribute("aria-label", "scratch");
            document.querySelector("section.slide[aria-current]").append(field);
        }"""
    )
    page.get_by_label("scratch").press_sequentially("nob ", delay=20)
    assert current_id(page) == before
    assert page.locator(".deck-blank").is_hidden()


def test_progress_bar_says_where_we_are(page, served_site: str) -> None:
    present(page, served_site)
    total = len(slide_ids(page))
    page.keyboard.press("ArrowRight")
    bar = page.locator(".deck-progress[role='progressbar']")
    assert bar.get_attribute("aria-valuenow") == "2"
    assert bar.get_attribute("aria-valuemin") == "1"
    assert bar.get_attribute("aria-valuemax") == str(total)
    assert bar.get_attribute("aria-label")


def test_notes_are_hidden_from_the_audience_and_collapsed_when_reading(
    page, served_site: str
) -> None:
    present(page, served_site)
    page.keyboard.press("ArrowRight")
    notes = page.locator(f"{CURRENT} details.notes")
    assert notes.count() == 1
    assert notes.is_hidden()
    page.keyboard.press("Escape")
    assert page.locator("details.notes").first.get_attribute("open") is None


def test_overview_goes_to_the_chosen_thumbnail(page, served_site: str) -> None:
    present(page, served_site)
    ids = slide_ids(page)
    page.keyboard.press("o")
    dialog = page.get_by_role("dialog", name="Slides on this page")
    assert dialog.is_visible()
    assert dialog.locator(".deck-overview__item").count() == len(ids)
    assert page.evaluate("document.activeElement.getAttribute('aria-current')") == "step"

    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    wait_for_slide(page, ids[2])
    assert dialog.is_hidden()

    page.keyboard.press("o")
    dialog.locator(".deck-overview__item").nth(1).click()
    wait_for_slide(page, ids[1])


def test_esc_closes_a_dialog_without_leaving_the_presentation(page, served_site: str) -> None:
    present(page, served_site)
    page.keyboard.press("?")
    help_dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    assert help_dialog.is_visible()
    assert "blank the screen" in help_dialog.inner_text()
    page.keyboard.press("Escape")
    assert help_dialog.is_hidden()
    assert page.evaluate("document.documentElement.dataset.deck") == "present"


def test_go_to_by_number_and_by_title(page, served_site: str) -> None:
    present(page, served_site)
    ids = slide_ids(page)
    page.keyboard.press("g")
    field = page.get_by_role("textbox", name="Slide number or words from its title")
    assert page.evaluate("document.activeElement.id") == "deck-goto-input"
    field.fill("3")
    field.press("Enter")
    wait_for_slide(page, ids[2])

    last = f"section.slide[id='{ids[-1]}']"
    title = page.eval_on_selector(last, "s => s.getAttribute('aria-label')")
    page.keyboard.press("g")
    field.fill(title.upper())
    field.press("Enter")
    wait_for_slide(page, ids[-1])


def test_a_key_pressed_as_a_dialog_closes_reaches_the_deck(page, served_site: str) -> None:
    # Until the close event gives focus back, the closed dialog's field still has it: on a
    # busy machine the next key press can land there.
    present(page, served_site)
    page.keyboard.press("g")
    page.keyboard.type("3")
    still_focused = page.evaluate(
        """() => {
          const field = document.activeElement;
          field.form.requestSubmit();
          const pressed = new KeyboardEvent("keydown", { key: "g", bubbles: true });
          field.dispatchEvent(pressed);
          return field.id;
        }"""
    )
    assert still_focused == "deck-goto-input"
    assert page.get_by_role("dialog", name="Go to slide").is_visible()


@pytest.mark.parametrize("key", ["b", "."])
def test_blank_hides_the_slide_and_comes_back(page, served_site: str, key: str) -> None:
    present(page, served_site)
    blank = page.locator(".deck-blank")
    page.keyboard.press(key)
    assert blank.is_visible()
    box = blank.bounding_box()
    assert (box["width"], box["height"]) == (1280, 720)
    page.keyboard.press(key)
    assert blank.is_hidden()
