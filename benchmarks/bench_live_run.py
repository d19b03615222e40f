"""Click → first line of a live run in Chromium, warm and cold, beside a bare Python start.

    python -m benchmarks.bench_live_run      # builds the site, serves it, prints a Markdown table

A run is timed inside the page from the Run button's click to the moment the
example's first output line is in the panel. The server is started twice: with
its warm interpreters (the default) and with ``--warm 0``, where every run
starts ``python -X dev -W error example.py`` cold. The baseline, measured in the
same run on the same machine, is ``python -c "print(1)"`` from spawn to its line.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from playwright.sync_api import sync_playwright

from benchmarks.stats import p95, page_samples
from tools.harness import SLIDE_SIZE, launch_chromium, scratch_site, serving

RUNS = 25
EXAMPLE = "event_loop/asyncio_run"
PAGE = "event_loop/"
# Time for the server to start the next warm interpreter, as between two slides.
PAUSE = 1.0

TIME_ONE_RUN = """async (id) => {
  const button = document.querySelector(`button[aria-label="Run ${id}"]`);
  const firstLine = () => document.querySelector(".live-panel .live-line--stdout");
  const ended = () => document.querySelector(".live-panel :is(.live-line--meta,.live-line--error)");
  const start = performance.now();
  button.click();
  const elapsed = await new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (firstLine()) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  await new Promise((resolve) => {
    const poll = () => (ended() ? resolve() : setTimeout(poll, 20));
    poll();
  });
  return elapsed;
}"""


def click_to_first_line(browser, url: str) -> list[float]:
    page = browser.new_page(viewport=SLIDE_SIZE)
    page.goto(f"{url}/{PAGE}")
    page.get_by_role("button", name=f"Run {EXAMPLE}").wait_for()
    time.sleep(2)  # the warm interpreters finish starting
    samples = page_samples(page, TIME_ONE_RUN, EXAMPLE, RUNS, PAUSE)
    page.close()
    return samples


def bare_python_start() -> list[float]:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        with subprocess.Popen([sys.executable, "-c", "print(1)"], stdout=subprocess.PIPE) as child:
            child.stdout.readline()
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    rows = [('baseline: `python -c "print(1)"` spawn → line', bare_python_start())]
    with scratch_site() as site, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for warm, label in ((2, "warm pool (default)"), (0, "cold start (`--warm 0`)")):
            with serving(site, "--warm", str(warm)) as url:
                rows.append((f"click → first line, {label}", click_to_first_line(browser, url)))
        browser.close()
    print(f"Live run of {EXAMPLE} in Chromium, {RUNS} runs each, {PAUSE:g} s apart\n")
    print("| measure | median ms | p95 ms |")
    print("| --- | ---: | ---: |")
    for label, samples in rows:
        print(f"| {label} | {statistics.median(samples):.1f} | {p95(samples):.1f} |")


if __name__ == "__main__":
    main()
