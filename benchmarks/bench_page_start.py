"""How much main-thread work a long page costs a phone at start-up, beside the same page
with Material's defaults, measured in the same run.

    python -m benchmarks.bench_page_start   # builds the site, serves it, prints a Markdown table

The page loads in Chromium at a phone's size with the CPU slowed 4×, as Lighthouse's
mobile run does. The baseline is the same HTML rewritten back to Material's defaults:
its palette script mounted (overrides/partials/palette.html says why it is not), code
blocks mounted eagerly (no `content.lazy`), its script not deferred and the stylesheets'
addresses left relative (overrides/main.html says why they are not). Blocking time
is what Lighthouse counts: each long task's time past 50 ms, from the first paint on.
"""

from __future__ import annotations

import statistics

from playwright.sync_api import sync_playwright

from tools.harness import launch_chromium, scratch_site, serving

# The page with the most HTML: the streams section as a notebook.
PAGE = "notebooks/streams/"
LOADS = 5
PHONE = {"viewport": {"width": 412, "height": 823}, "is_mobile": True, "has_touch": True}

# Runs before any page script: records every long task the page has.
PROBE = """
window.longTasks = [];
new PerformanceObserver((list) => {
    for (const task of list.getEntries()) longTasks.push([task.startTime, task.duration]);
}).observe({ type: "longtask", buffered: true });
"""


# What this site changes in the page, and what Material's defaults have there.
MATERIALS_DEFAULTS = {
    "data-deck-palette": 'data-md-component="palette"',
    ', "content.lazy"': "",
    '.min.js" defer>': '.min.js">',
    # The loop in the head is left to set nothing.
    " sheet.href = sheet.href;": ";",
}


def materials_defaults(html: str) -> str:
    """The page as Material would run it: each of this site's changes undone."""
    for ours, materials in MATERIALS_DEFAULTS.items():
        if ours not in html:
            raise SystemExit(f"the page no longer has {ours!r}: update this benchmark's baseline")
        html = html.replace(ours, materials)
    return html


def one_load(browser, url: str, rewrite) -> dict[str, float]:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.add_init_script(PROBE)
    if rewrite:

        def serve_rewritten(route) -> None:
            # Only the page itself; live.js also asks for it with HEAD.
            if route.request.method != "GET":
                route.continue_()
                return
            response = route.fetch()
            headers = {"content-type": response.headers["content-type"]}
            route.fulfill(status=200, headers=headers, body=rewrite(response.text()))

        page.route(url, serve_rewritten)
    session = context.new_cdp_session(page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    session.send("Performance.enable")
    page.goto(url, wait_until="load")
    page.wait_for_timeout(3000)
    metrics = {m["name"]: m["value"] for m in session.send("Performance.getMetrics")["metrics"]}
    first_paint = page.evaluate(
        "performance.getEntriesByName('first-contentful-paint')[0].startTime"
    )
    tasks = page.evaluate("longTasks")
    context.close()
    return {
        "blocking": sum(
            max(0.0, length - 50) for start, length in tasks if start + length > first_paint
        ),
        "style": metrics["RecalcStyleDuration"] * 1000,
        "layout": metrics["LayoutDuration"] * 1000,
        "script": metrics["ScriptDuration"] * 1000,
    }


def medians(loads: list[dict[str, float]]) -> dict[str, float]:
    return {name: statistics.median(load[name] for load in loads) for name in loads[0]}


def main() -> None:
    with scratch_site() as site, serving(site) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page_url = f"{url}/{PAGE}"
        # Interleaved, so that a busy moment of the machine falls on both alike.
        pairs = [
            (one_load(browser, page_url, materials_defaults), one_load(browser, page_url, None))
            for _ in range(LOADS)
        ]
        browser.close()
    baseline, ours = medians([a for a, _ in pairs]), medians([b for _, b in pairs])
    print(f"Start-up of /{PAGE} on a phone (4× CPU slowdown), median of {LOADS} loads each\n")
    print("| main-thread ms | baseline: Material's defaults | this site | ratio |")
    print("| --- | ---: | ---: | ---: |")
    labels = {"blocking": "blocking time", "style": "style", "layout": "layout", "script": "script"}
    for name, label in labels.items():
        ratio = ours[name] / baseline[name]
        print(f"| {label} | {baseline[name]:.0f} | {ours[name]:.0f} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
