"""Every view of the site passes axe-core, light and dark: pages, notebooks, slides, the
deck's dialogs, the speaker window and a finished run's output."""

from __future__ import annotations

import pytest
from axe_playwright_python import sync_playwright as axe_sync

from tests.browser.deck_pages import present, wait_for_slide
from tests.browser.editing import finished_panel, open_editor

pytestmark = pytest.mark.browser

AXE = axe_sync.Axe()
SCHEMES = ["light", "dark"]


def assert_accessible(page, within: str | None = None) -> None:
    """axe-core finds nothing wrong with the page as it stands, or with the part of it
    ``within`` selects; else its full report."""
    results = AXE.run(page, context=within)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture(params=SCHEMES)
def scheme_page(request, page):
    """The 1280×720 page fixture, with the reader's system set to light or dark."""
    page.emulate_media(color_scheme=request.param)
    return page


@pytest.mark.parametrize(
    "path",
    ["", "concurrency/", "streams/", "why_async/", "further-reading/", "notebooks/concurrency/"],
)
def test_reading_mode(scheme_page, served_site: str, path: str) -> None:
    scheme_page.goto(f"{served_site}/{path}")
    assert_accessible(scheme_page)


def test_code_blocks_mounted_on_scrolling_stay_accessible(page, served_site: str) -> None:
    """Material gives a code block its copy button when the block first comes into view
    (`content.lazy`): the buttons' navs that scrolling brings are no landmarks either."""
    page.goto(f"{served_site}/concurrency/")
    # Blocks in closed speaker notes (an exercise's solution) are never in view.
    blocks = page.evaluate(
        "[...document.querySelectorAll('.highlight > pre > code')]"
        ".filter((code) => !code.closest('details:not([open])')).length"
    )
    assert page.locator("nav.md-code__nav").count() < blocks, "every block mounted at load"
    # A screen at a time to the end, a frame apart, as a reader scrolls.
    page.evaluate("""async () => {
        const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
        while (scrollY + innerHeight < document.documentElement.scrollHeight) {
            scrollBy(0, innerHeight);
            await frame();
            await frame();
        }
    }""")
    page.wait_for_function(f"document.querySelectorAll('nav.md-code__nav').length === {blocks}")
    assert page.locator("nav.md-code__nav:not([role='none'])").count() == 0
    assert_accessible(page)


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
    settle(scheme_page)
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
    # Behind a modal dialog the page is inert; test_presenting_a_title_and_a_code_slide
    # checks that same slide without it.
    assert_accessible(scheme_page, within="dialog[open]")


def test_the_speaker_window(scheme_page, served_site: str) -> None:
    scheme_page.goto(f"{served_site}/concurrency/?speaker")
    scheme_page.wait_for_selector("html[data-deck-speaker]", state="attached")
    scheme_page.wait_for_selector("[role='log']")
    assert_accessible(scheme_page)


def test_the_speaker_window_with_notes_longer_than_it_is_tall(browser, served_site: str) -> None:
    """Notes that scroll must scroll from the keyboard too (axe: scrollable-region-focusable)."""
    context = browser.new_context(viewport={"width": 900, "height": 500})
    page = context.new_page()
    try:
        page.goto(f"{served_site}/concurrency/?speaker")
        page.wait_for_selector("html[data-deck-speaker]", state="attached")
        notes = page.locator(".deck-speaker__notes .deck-speaker__body")
        overflows = "body => body.scrollHeight > body.clientHeight"
        for _ in range(page.locator("section.slide").count()):
            if notes.evaluate(overflows):
                break
            page.keyboard.press("ArrowRight")
        assert notes.evaluate(overflows), "no slide's notes are long enough to scroll"
        assert_accessible(page)
    finally:
        context.close()


def test_a_finished_run_and_its_output(scheme_page, served_site: str) -> None:
    scheme_page.goto(f"{served_site}/concurrency/")
    scheme_page.get_by_role("button", name="Run concurrency/gather_sleep").click()
    scheme_page.wait_for_selector(".live-line--meta", timeout=20_000)
    scheme_page.get_by_role("button", name="Run concurrency/gather_sleep").wait_for()
    assert_accessible(scheme_page)


@pytest.mark.usefixtures("python_in_the_browser")
def test_editing_and_a_browser_run(scheme_page, static_site: str) -> None:
    """The static site: the editor open, then the edited code's run in the browser."""
    example_id = "event_loop/asyncio_run"
    scheme_page.goto(f"{static_site}/event_loop/")
    field = open_editor(scheme_page, example_id)
    field.press("End")
    field.press("Space")
    scheme_page.locator(".cm-editor .cm-content").wait_for()  # the code editor, not the fallback
    assert_accessible(scheme_page)
    scheme_page.get_by_role("button", name=f"Run {example_id}").click()
    finished_panel(scheme_page, example_id)
    scheme_page.get_by_role("button", name=f"Edit {example_id}").click()  # leave the editor
    reset = scheme_page.get_by_role("button", name=f"Reset {example_id} to the published code")
    assert reset.is_visible()
    assert_accessible(scheme_page)


CONTROLS = (
    ".md-code__nav, .md-clipboard, .live-run, .live-edit, .live-panel__close, .deck-toolbar, "
    ".deck-present"
)


def visible_count(page, selector: str) -> int:
    return page.locator(selector).evaluate_all("els => els.filter(e => e.checkVisibility()).length")


@pytest.mark.parametrize("mode", ["read", "present"])
def test_paper_shows_no_controls_and_legible_code(page, served_site: str, mode: str) -> None:
    if mode == "present":
        present(page, served_site, "concurrency/")
    else:
        page.goto(f"{served_site}/concurrency/")
    page.wait_for_selector(".live-run", state="attached")
    assert visible_count(page, CONTROLS) > 0, "no controls on screen: nothing to hide"

    page.emulate_media(media="print")
    assert visible_count(page, CONTROLS) == 0
    sizes = page.locator("pre > code").evaluate_all(
        "codes => codes.filter(c => c.checkVisibility())"
        ".map(c => parseFloat(getComputedStyle(c).fontSize))"
    )
    assert sizes, "no code printed"
    assert min(sizes) >= 11


# A control's name as a person would read it: its label, its tooltip, or its text.
NAME = "e => e.getAttribute('aria-label') || e.title || e.textContent.trim().slice(0, 30)"
# Focus is drawn as an outline or a ring of box-shadow, on the control or, for Material's
# visually hidden palette toggle, on the label drawn right after it.
FOCUS_DRAWN = """e => [e, e.nextElementSibling].some((shown) => {
    if (shown === e.nextElementSibling && shown?.tagName !== "LABEL") return false;
    const style = getComputedStyle(shown);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== "none";
})"""


def tab_through(page, stops: int) -> list[tuple[str, bool]]:
    """Press Tab ``stops`` times; for each stop, the focused control's name and whether
    its focus is drawn."""
    seen = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        # Past the last control, focus leaves the page for the browser's own.
        if focused.evaluate("e => e !== document.body"):
            seen.append((focused.evaluate(NAME), focused.evaluate(FOCUS_DRAWN)))
    return seen


def settle(page) -> None:
    """Let a slide's entrance animation end, so colours are measured as they will stay."""
    page.evaluate("Promise.all(document.getAnimations().map((a) => a.finished))")


def test_every_slide_control_is_reachable_by_keyboard_with_visible_focus(
    page, served_site: str
) -> None:
    present(page, served_site, "concurrency/")
    page.keyboard.press("ArrowRight")
    wait_for_slide(page)
    wanted = page.eval_on_selector_all(
        ".deck-toolbar button, section.slide[aria-current='step'] button",
        f"buttons => buttons.filter(b => b.checkVisibility()).map({NAME})",
    )
    assert len(wanted) >= 6, wanted
    stops = tab_through(page, 40)
    reached = {name for name, _ in stops}
    assert set(wanted) <= reached, set(wanted) - reached
    assert [name for name, drawn in stops if not drawn] == []


def test_reading_mode_controls_show_focus(page, served_site: str) -> None:
    page.goto(f"{served_site}/concurrency/")
    stops = tab_through(page, 60)
    assert any(name.startswith("Run ") for name, _ in stops), "no Run button reached"
    assert [name for name, drawn in stops if not drawn] == []


MOVING = """() => [...document.querySelectorAll("*")].filter((e) => {
    const style = getComputedStyle(e);
    const durations = [style.animationDuration, style.transitionDuration];
    return durations.some((d) => d.split(",").some((t) => parseFloat(t) > 0));
}).map((e) => e.className)"""


def test_reduced_motion_stills_everything(page, served_site: str) -> None:
    present(page, served_site, "concurrency/")
    page.keyboard.press("ArrowRight")
    wait_for_slide(page)
    assert page.evaluate(MOVING), "nothing moves even by default: the test would prove nothing"
    page.emulate_media(reduced_motion="reduce")
    page.keyboard.press("ArrowRight")
    wait_for_slide(page)
    assert page.evaluate(MOVING) == []
