"""Click → first line of a run in the reader's browser (Pyodide), beside a live server run.

    python -m benchmarks.bench_browser_run   # builds the site, serves it, prints a Markdown table

Timed inside the page, from the Run button's click to the example's first
output line in the panel, with the site on a plain static server as it is
hosted. Three states of the browser:

- cold: a fresh profile, nothing cached; the click fetches the runtime (12 MB)
  and starts Python;
- cached, page just opened: the runtime is in the browser's disk cache (a
  persistent profile that has run an example before), no interpreter is up;
- cached, a Run after a Run: the spare interpreter that browser-run.js starts
  when a run ends is waiting.

The baseline, measured in the same run, is the same click on the live server
(``python -m server``, its warm interpreters) — what a presenter's Run costs.
"""

from __future__ import annotations

import statistics
import tempfile
import time

from playwright.sync_api import sync_playwright

from benchmarks.stats import p95, page_samples
from tools.harness import (
    CHROMIUM_FLAGS,
    SLIDE_SIZE,
    chromium_executable,
    launch_chromium,
    scratch_site,
    serving,
    serving_static,
)

EXAMPLE = "event_loop/asyncio_run"
PAGE = "event_loop/"
COLD_RUNS = 5
RUNS = 15
# Time for the spare interpreter (or the server's warm one) to start, as between slides.
PAUSE = 3.0

TIME_ONE_RUN = """async (id) => {
  const button = document.querySelector(`.example[data-example="${id}"] button.live-run`);
  const panel = () => document.querySelector(`.example[data-example="${id}"] .live-panel`);
  const start = performance.now();
  button.click();
  const elapsed = await new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (panel()?.querySelector(".live-line--stdout")) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  await new Promise((resolve) => {
    const poll = () => (panel()?.dataset.state ? resolve() : setTimeout(poll, 20));
    poll();
  });
  return elapsed;
}"""


def open_page(context, url: str, where: str):
    page = context.new_page()
    page.goto(f"{url}/{PAGE}")
    button = page.locator(f".example[data-example='{EXAMPLE}'] button[data-run='{where}']")
    button.wait_for()
    return page


def cold(playwright, url: str) -> list[float]:
    samples = []
    browser = launch_chromium(playwright)
    for _ in range(COLD_RUNS):
        context = browser.new_context(viewport=SLIDE_SIZE)  # an empty cache each time
        samples.append(open_page(context, url, "browser").evaluate(TIME_ONE_RUN, EXAMPLE))
        context.close()
    browser.close()
    return samples


def cached(playwright, url: str) -> tuple[list[float], list[float]]:
    """(page just opened, a Run after a Run), in a profile whose disk cache holds the runtime."""
    just_opened, again = [], []
    with tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=chromium_executable(),
            args=CHROMIUM_FLAGS,
            viewport=SLIDE_SIZE,
        )
        open_page(context, url, "browser").evaluate(TIME_ONE_RUN, EXAMPLE)  # fills the cache
        for _ in range(RUNS):
            page = open_page(context, url, "browser")
            just_opened.append(page.evaluate(TIME_ONE_RUN, EXAMPLE))
            page.close()
        page = open_page(context, url, "browser")
        page.evaluate(TIME_ONE_RUN, EXAMPLE)
        for _ in range(RUNS):
            time.sleep(PAUSE)
            again.append(page.evaluate(TIME_ONE_RUN, EXAMPLE))
        context.close()
    return just_opened, again


def live_server(playwright, url: str) -> list[float]:
    browser = launch_chromium(playwright)
    page = open_page(browser.new_context(viewport=SLIDE_SIZE), url, "server")
    time.sleep(PAUSE)  # the warm interpreters finish starting
    samples = page_samples(page, TIME_ONE_RUN, EXAMPLE, RUNS, PAUSE)
    browser.close()
    return samples


def main() -> None:
    with scratch_site() as site, sync_playwright() as playwright:
        with serving(site) as url:
            rows = [("baseline: live server, warm interpreters", live_server(playwright, url))]
        with serving_static(site) as url:
            rows.append(("browser, cold: nothing cached (goal ≤ 3000 ms)", cold(playwright, url)))
            just_opened, again = cached(playwright, url)
            rows.append(("browser, runtime cached, page just opened", just_opened))
            rows.append(("browser, cached, a Run after a Run (goal ≤ 100 ms)", again))
    print(f"Click → first line of {EXAMPLE} in Chromium; {PAUSE:g} s between runs\n")
    print("| measure | runs | median ms | p95 ms |")
    print("| --- | ---: | ---: | ---: |")
    for label, samples in rows:
        median = statistics.median(samples)
        print(f"| {label} | {len(samples)} | {median:.1f} | {p95(samples):.1f} |")


if __name__ == "__main__":
    main()
