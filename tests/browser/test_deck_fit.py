"""Every slide of every page fits at 1280×720 and 1920×1080: all its code shown, none scrolled."""

from __future__ import annotations

import pytest

from survey.paths import ROOT
from tests.browser.deck_pages import deck_pages, present, slide_ids
from tools.notebooks.pages import read_site

# Every slide of every page, twice over.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

# Code read from the back of a room, on a 1280×720 projector.
MIN_CODE_PX = 11

# For the slide on screen: what sticks out of the slide, or the slide out of the
# window; a code block that has to scroll; code smaller than the given px.
MEASURE = """minCodePx => {
    const slide = document.querySelector("section.slide[aria-current='step']");
    const box = slide.getBoundingClientRect();
    const problems = [];
    const down = slide.scrollHeight - slide.clientHeight;
    const across = slide.scrollWidth - slide.clientWidth;
    if (down > 1) problems.push(`scrolls down ${down}px`);
    if (across > 1) problems.push(`scrolls across ${across}px`);
    const outside = box.right > innerWidth + 0.5 || box.bottom > innerHeight + 0.5;
    if (box.left < 0 || box.top < 0 || outside) {
        problems.push("slide outside the window");
    }
    // The slide's bottom padding is the toolbar's: content there is hidden under it.
    const floor = box.bottom - parseFloat(getComputedStyle(slide).paddingBottom);
    // An example or exercise block lays out as its parts (display: contents), so they
    // are checked.
    const parts = ":scope > *, :scope > :is(.example, .exercise) > *, "
        + ":scope > .exercise > .example > *";
    for (const child of slide.querySelectorAll(parts)) {
        const inner = child.getBoundingClientRect();
        if (!inner.width && !inner.height) continue;
        const name = `${child.tagName.toLowerCase()}.${child.className}`;
        if (inner.left < box.left - 0.5 || inner.right > box.right + 0.5
            || inner.top < box.top - 0.5 || inner.bottom > box.bottom + 0.5) {
            problems.push(`${name} sticks out`);
        } else if (inner.bottom > floor + 0.5) {
            problems.push(`${name} runs under the toolbar`);
        }
    }
    for (const code of slide.querySelectorAll("pre > code")) {
        if (code.closest("details.notes")) continue; // the speaker's, never on the slide
        const bar = code.closest(".highlight")?.querySelector(".filename");
        const title = bar?.firstChild?.textContent.trim();
        if (code.scrollHeight > code.clientHeight || code.scrollWidth > code.clientWidth) {
            problems.push(`${title}: ${code.scrollHeight}×${code.scrollWidth} px in a `
                + `${code.clientHeight}×${code.clientWidth} px box`);
        }
        const size = parseFloat(getComputedStyle(code).fontSize);
        if (size < minCodePx) problems.push(`${title}: code at ${size} px`);
    }
    return problems;
}"""

# Every slide of the page, shown in turn as its anchor in the address shows it, with
# what MEASURE finds wrong with each. One call a page: the page waits for each slide itself.
MEASURE_EVERY_SLIDE = f"""async minCodePx => {{
  const measure = {MEASURE};
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  const measured = {{}};
  for (const id of [...document.querySelectorAll("section.slide")].map(slide => slide.id)) {{
    location.hash = id;
    const shown = `section.slide[id='${{CSS.escape(id)}}'][aria-current='step']`;
    const deadline = performance.now() + 10000;
    while (!document.querySelector(shown) && performance.now() < deadline) await frame();
    await frame();
    measured[id] = document.querySelector(shown) ? measure(minCodePx) : ["never shown"];
  }}
  return measured;
}}"""


def nav_pages() -> dict[str, int]:
    """Each page of the nav, as the deck's path to it, with its number of slides: the title
    slide and one for each H2 outside a code fence."""
    slides = {}
    for _, page in read_site(ROOT).nav:
        if not page.endswith(".md"):
            continue
        path = "" if page == "index.md" else page.removesuffix(".md") + "/"
        headings, fenced = 0, False
        for line in (ROOT / "docs" / page).read_text(encoding="utf-8").splitlines():
            fenced ^= line.startswith(("```", "~~~"))
            headings += not fenced and line.startswith("## ")
        slides[path] = 1 + headings
    return slides


@pytest.mark.slow  # every slide of the deck, at each size
@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_every_slide_fits(browser, served_site: str, width: int, height: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        overflowing, measured = {}, {}
        for path in deck_pages(page, served_site):
            present(page, served_site, path)
            slides = page.evaluate(MEASURE_EVERY_SLIDE, MIN_CODE_PX * width / 1280)
            assert list(slides) == slide_ids(page)
            measured[path] = len(slides)
            overflowing |= {f"{path}#{id}": problems for id, problems in slides.items() if problems}
        # Every page of the nav, in its order, and every slide of each was measured.
        assert list(measured.items()) == list(nav_pages().items())
        assert not overflowing
    finally:
        context.close()
