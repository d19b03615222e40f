"""How long a slide change takes in Chromium, beside an idle key press measured in the same run.

    python -m benchmarks.bench_deck          # builds the site, serves it, prints a Markdown table

A key press is timed from the first keydown listener in the page (installed
before the deck's own) to the moment aria-current moves to the new slide, and
to the next animation frame after it. The baseline is the same round trip for
a key the deck ignores: the cost of a key press and a frame with no work.
"""

from __future__ import annotations

import statistics

from playwright.sync_api import sync_playwright

from tools.harness import SLIDE_SIZE, launch_chromium, scratch_site, serving

PRESSES = 50
PAGE = "event_loop/"

# Runs before any page script, so its listener is the first to see a key.
PROBE = """
window.deckBench = [];
window.addEventListener("keydown", (event) => {
    const start = performance.now();
    const sample = { key: event.key, moved: null, frame: null };
    const observer = new MutationObserver(() => {
        sample.moved ??= performance.now() - start;
    });
    document.querySelectorAll("section.slide").forEach((slide) =>
        observer.observe(slide, { attributes: true, attributeFilter: ["aria-current"] }));
    requestAnimationFrame(() => {
        sample.frame = performance.now() - start;
        observer.disconnect();
        window.deckBench.push(sample);
    });
}, { capture: true });
"""


def measure(page, keys: list[str]) -> list[dict]:
    page.evaluate("window.deckBench = []")
    for count, key in enumerate(keys, start=1):
        page.keyboard.press(key)
        page.wait_for_function(f"window.deckBench.length >= {count}")
    return page.evaluate("window.deckBench")


def median_ms(samples: list[dict], field: str) -> float:
    return statistics.median(sample[field] for sample in samples)


def main() -> None:
    with scratch_site() as site, serving(site) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport=SLIDE_SIZE)
        page.add_init_script(PROBE)
        page.goto(f"{url}/{PAGE}?present")
        page.wait_for_selector("section.slide[aria-current='step']")
        page.keyboard.press("ArrowRight")
        idle = measure(page, ["Shift"] * PRESSES)
        changes = measure(page, ["ArrowRight", "ArrowLeft"] * (PRESSES // 2))
        browser.close()
    if any(sample["moved"] is None for sample in changes):
        raise SystemExit("a key press did not change the slide")
    print(f"Slide change in Chromium, median of {PRESSES} key presses on {PAGE}\n")
    print("| measure | median ms |")
    print("| --- | ---: |")
    print(f"| baseline: ignored key → next frame | {median_ms(idle, 'frame'):.2f} |")
    print(f"| key → aria-current on the new slide | {median_ms(changes, 'moved'):.2f} |")
    print(f"| key → next frame after the change | {median_ms(changes, 'frame'):.2f} |")


if __name__ == "__main__":
    main()
