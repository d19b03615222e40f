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

The baselines, measured in the same run: the same click on the live server
(``python -m server``, its warm interpreters), what a presenter's Run costs;
and the stock start, Pyodide's ``loadPyodide()`` with nothing restored, to a
first printed line, in the same cached profile. A page just opened restores
an interpreter saved in the browser's Cache Storage instead (goal: at most
0.4× the stock start, and 0.8 s).

Then tracing: the same runs in one worker each, traced and not, interleaved,
wall time from start to exit as the worker reports it (goal: at most 1.10×).
"""

from __future__ import annotations

import statistics
import tempfile
import time

from playwright.sync_api import sync_playwright

from benchmarks.stats import p95, page_samples
from survey.paths import ROOT
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


def cached(playwright, url: str) -> tuple[list[float], list[float], list[float]]:
    """(stock start, page just opened, a Run after a Run), in a profile whose disk cache
    holds the runtime, and whose Cache Storage holds a started interpreter."""
    stock, just_opened, again = [], [], []
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
            stock.append(page.evaluate(STOCK_START))
            page.close()
            page = open_page(context, url, "browser")
            just_opened.append(page.evaluate(TIME_ONE_RUN, EXAMPLE))
            page.close()
        page = open_page(context, url, "browser")
        page.evaluate(TIME_ONE_RUN, EXAMPLE)
        for _ in range(RUNS):
            time.sleep(PAUSE)
            again.append(page.evaluate(TIME_ONE_RUN, EXAMPLE))
        context.close()
    return stock, just_opened, again


# Pyodide started as the stock way does, in a worker of its own, to a first printed line.
STOCK_START = """async () => {
  const runtime = new URL("../assets/pyodide/pyodide.mjs", location.href).href;
  const source = `
    import { loadPyodide } from "${runtime}";
    const pyodide = await loadPyodide();
    pyodide.setStdout({ batched: (line) => postMessage(line) });
    pyodide.runPython("print('hello')");`;
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  const start = performance.now();
  const worker = new Worker(url, { type: "module" });
  await new Promise((resolve) => (worker.onmessage = resolve));
  worker.terminate();
  return performance.now() - start;
}"""


def live_server(playwright, url: str) -> list[float]:
    browser = launch_chromium(playwright)
    page = open_page(browser.new_context(viewport=SLIDE_SIZE), url, "server")
    time.sleep(PAUSE)  # the warm interpreters finish starting
    samples = page_samples(page, TIME_ONE_RUN, EXAMPLE, RUNS, PAUSE)
    browser.close()
    return samples


TRACE_ROUNDS = 5
# A program whose time is all the loop's steps: two thousand of them.
STEPS = """import asyncio


async def turns(count):
    for _ in range(count):
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(*(turns(100) for _ in range(20)))


asyncio.run(main())
"""
# One run in a fresh worker, traced or not: its elapsed seconds, as the worker says.
ONE_WORKER_RUN = """async ([code, traced]) => {
  const config = JSON.parse(document.getElementById("__survey").textContent);
  const worker = new Worker(new URL("../assets/deck/python-worker.js", location.href),
    { type: "module" });
  const messages = [];
  const ended = new Promise((resolve) => (worker.onmessage = ({ data }) => {
    messages.push(data);
    if (data.type === "ready") {
      worker.postMessage({ type: "run", id: "bench/steps", code, filename: "bench.py", traced });
    }
    if (data.type === "exit" || data.type === "error") resolve(data);
  }));
  worker.postMessage({ type: "boot", environment: config.environment,
    traceInterval: 1 / config.limits.trace_messages_per_second });
  const end = await ended;
  worker.terminate();
  if (end.type !== "exit") throw new Error(end.message);
  return end.elapsed * 1000;
}"""


def tracing_overhead(playwright, url: str) -> dict[str, tuple[list[float], list[float]]]:
    sources = {
        "2,000 steps (gather of sleep(0))": STEPS,
        EXAMPLE: (ROOT / "examples" / f"{EXAMPLE}.py").read_text(encoding="utf-8"),
    }
    browser = launch_chromium(playwright)
    page = open_page(browser.new_context(viewport=SLIDE_SIZE), url, "browser")
    results = {}
    for name, code in sources.items():
        untraced, traced = [], []
        for _ in range(TRACE_ROUNDS):
            untraced.append(page.evaluate(ONE_WORKER_RUN, [code, False]))
            traced.append(page.evaluate(ONE_WORKER_RUN, [code, True]))
        results[name] = (untraced, traced)
    browser.close()
    return results


def main() -> None:
    with scratch_site() as site, sync_playwright() as playwright:
        with serving(site) as url:
            rows = [("baseline: live server, warm interpreters", live_server(playwright, url))]
        with serving_static(site) as url:
            rows.append(("browser, cold: nothing cached (goal ≤ 3000 ms)", cold(playwright, url)))
            stock, just_opened, again = cached(playwright, url)
            rows.append(("baseline: stock loadPyodide() to a first line, cached", stock))
            rows.append(("browser, cached, page just opened (goal ≤ 0.4× stock)", just_opened))
            rows.append(("browser, cached, a Run after a Run (goal ≤ 100 ms)", again))
            overhead = tracing_overhead(playwright, url)
    print(f"Click → first line of {EXAMPLE} in Chromium; {PAUSE:g} s between runs\n")
    print("| measure | runs | median ms | p95 ms |")
    print("| --- | ---: | ---: | ---: |")
    for label, samples in rows:
        median = statistics.median(samples)
        print(f"| {label} | {len(samples)} | {median:.1f} | {p95(samples):.1f} |")
    ratio = statistics.median(just_opened) / statistics.median(stock)
    print(f"\nPage just opened ÷ stock start: {ratio:.2f}× (goal ≤ 0.40×)\n")
    print(f"Tracing in the browser, {TRACE_ROUNDS} interleaved runs each\n")
    print("| program | untraced ms | traced ms | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for name, (untraced, traced) in overhead.items():
        plain, with_trace = statistics.median(untraced), statistics.median(traced)
        print(f"| {name} | {plain:.0f} | {with_trace:.0f} | {with_trace / plain:.2f}× |")


if __name__ == "__main__":
    main()
