"""How long a keystroke takes in the code editor, on the largest example a reader can edit,
beside a key the editor ignores, measured in the same run.

    python -m benchmarks.bench_editor        # builds the site, serves it, prints a Markdown table

A keystroke is timed from the first keydown listener in the page (installed
before the editor's own) to the next animation frame after it, by which the
editor has applied the character, re-highlighted and drawn it. The baseline is
the same round trip for Shift, which changes nothing. The goal is a p95 within
one frame at 60 Hz (16 ms).
"""

from __future__ import annotations

import statistics

from playwright.sync_api import sync_playwright

from benchmarks.stats import p95
from survey.catalog import discover
from tools.harness import SLIDE_SIZE, launch_chromium, scratch_site, serving_static

KEYSTROKES = 120
TYPED = "x = await asyncio.sleep(0)  # typed\n" * 4
KEY_NAMES = {" ": "Space", "\n": "Enter"}
FRAME_MS = 16.0

PROBE = """
window.editorBench = [];
window.addEventListener("keydown", () => {
    const start = performance.now();
    requestAnimationFrame(() => window.editorBench.push(performance.now() - start));
}, { capture: true });
"""


def region_lines(example) -> int:
    lines = example.path.read_text(encoding="utf-8").splitlines()
    marks = [index for index, line in enumerate(lines) if line.strip().startswith("# --8<-- [")]
    return max(marks, default=0) - min(marks, default=0)


def largest_editable():
    """The example a reader can edit (runs in a browser) whose shown code is longest."""
    editable = [example for example in discover() if example.options.no_browser is None]
    return max(editable, key=region_lines)


def measure(page, keys: list[str]) -> list[float]:
    page.evaluate("window.editorBench = []")
    for count, key in enumerate(keys, start=1):
        page.keyboard.press(key)
        page.wait_for_function(f"window.editorBench.length >= {count}")
    return page.evaluate("window.editorBench")


def main() -> None:
    example = largest_editable()
    section = example.id.split("/")[0]
    with scratch_site() as site, serving_static(site) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport=SLIDE_SIZE)
        page.add_init_script(PROBE)
        page.goto(f"{url}/{section}/")
        block = page.locator(f".example[data-example='{example.id}']").first
        block.get_by_role("button", name=f"Edit {example.id}").click()
        block.locator(".cm-editor").wait_for(timeout=30_000)
        block.locator(".cm-content").click()
        page.keyboard.press("ControlOrMeta+End")
        idle = measure(page, ["Shift"] * KEYSTROKES)
        typing = measure(page, [KEY_NAMES.get(c, c) for c in TYPED][:KEYSTROKES])
        browser.close()
    print(f"Keystroke to next frame in the code editor, {KEYSTROKES} keys, on {example.id}")
    print(f"({region_lines(example)} lines shown, the largest editable example)\n")
    print("| measure | median ms | p95 ms |")
    print("| --- | ---: | ---: |")
    for name, samples in (("baseline: Shift", idle), ("a typed character", typing)):
        print(f"| {name} → next frame | {statistics.median(samples):.2f} | {p95(samples):.2f} |")
    ratio = statistics.median(typing) / statistics.median(idle)
    added = statistics.median(typing) - statistics.median(idle)
    print(f"\ntyping / baseline (median): {ratio:.2f}×; the editor adds {added:.1f} ms a key")
    print(f"p95 of typing within one frame ({FRAME_MS:g} ms): {p95(typing) <= FRAME_MS}")


if __name__ == "__main__":
    main()
