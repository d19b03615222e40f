"""The timeline drawing in a real Chromium, on a page of the built site, from real recordings:
the DOM contract, markers tied to output lines, live growth and replay ending in the
recorded picture, dark mode and reduced motion."""

from __future__ import annotations

import asyncio
import functools
import http.server
import itertools
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.survey.conftest import run_traced

pytestmark = pytest.mark.browser

GATHER = "concurrency/gather_sleep"
CANCEL = "awaitables/cancel_task"
DELAY = {"seconds": 0.2, "name": "delay"}

# Draws a recording into the page after the Output block of its example, whose
# lines it ties to the print markers. `how` is "whole", "live" or "replay".
DRAW = """async ([recording, unit, how]) => {
  const { Timeline, drawRecording, lineSpans, replay } = await import("../assets/deck/timeline.js");
  const code = [...document.querySelectorAll(".highlight > .filename")]
    .find((title) => title.firstChild.textContent.trim() === `examples/${recording.id}.py`)
    .parentElement;
  const output = code.nextElementSibling.querySelector("code");
  const box = document.createElement("div");
  box.dataset.how = how;
  code.nextElementSibling.after(box);
  let timeline;
  if (how === "whole") timeline = drawRecording(box, recording, { unit });
  else timeline = new Timeline(box, { id: recording.id, unit });
  timeline.connectOutput(() => lineSpans(output));
  window.timelines = { ...window.timelines, [how]: timeline };
  if (how === "replay") {
    await new Promise((resolve) => replay(timeline, recording, { onEnd: resolve }));
  }
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}"""

# What a drawing shows, in terms of the DOM contract.
PICTURE = """(figure) => ({
  lanes: [...figure.querySelectorAll("g.lane")].map((lane) => ({
    name: lane.dataset.lane,
    kind: lane.dataset.kind,
    state: lane.dataset.state,
    steps: [...lane.querySelectorAll("rect.step")].map((r) => [+r.dataset.t, +r.dataset.d]),
    box: [...lane.querySelectorAll("rect.step")].map((r) => {
      const b = r.getBBox();
      return [b.x, b.width];
    }),
    ends: [...lane.querySelectorAll(".lane__end")].map((end) => end.getAttribute("class")),
    life: [...lane.querySelectorAll(".lane__life")].map((life) => [
      +life.getAttribute("x1"),
      +life.getAttribute("x2"),
    ]),
  })),
  prints: [...figure.querySelectorAll(".print")].map((p) => +p.dataset.t),
  holds: figure.querySelectorAll(".hold").length,
  name: document.getElementById(figure.querySelector("svg").getAttribute("aria-labelledby"))
    ?.textContent,
  caption: figure.querySelector("figcaption").textContent,
  table: figure.querySelectorAll(".timeline__text tbody tr").length,
})"""


def record(example_id: str) -> dict:
    """A real traced run, shaped as the replay stores it. Run on a thread of its own:
    Playwright's sync API keeps an event loop running on this one."""
    with ThreadPoolExecutor(1) as thread:
        run = thread.submit(asyncio.run, run_traced(example_id, sys.executable)).result()
    assert run.exit_code == 0, run.stderr
    return {
        "id": example_id,
        "title": example_id,
        "lines": run.lines,
        "exit": run.exit_code,
        "elapsed": run.elapsed,
        "trace": run.events,
    }


@pytest.fixture(scope="module")
def recordings() -> dict[str, dict]:
    return {example_id: record(example_id) for example_id in (GATHER, CANCEL)}


@pytest.fixture(scope="module")
def static_site(built_site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=built_site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def draw(page, recording: dict, how: str = "whole", unit: dict | None = DELAY) -> dict:
    page.evaluate(DRAW, [recording, unit, how])
    return page.eval_on_selector(f"[data-how='{how}'] figure.timeline", PICTURE)


def test_a_recording_is_drawn_to_the_contract(page, static_site: str, recordings) -> None:
    recording = recordings[GATHER]
    page.goto(f"{static_site}/concurrency/")
    picture = draw(page, recording)
    tasks = {
        event["task"]: event["label"]
        for event in recording["trace"]
        if event["kind"] == "task" and event["state"] == "created"
    }
    by_name = {lane["name"]: lane for lane in picture["lanes"]}
    # One lane per task but asyncio.run's own clean-up, which shares one lane.
    own = {name for name, label in tasks.items() if not label.startswith("shutdown_")}
    assert set(by_name) == own | {"asyncio clean-up"}
    assert all(lane["kind"] == "task" for lane in picture["lanes"])
    # Every recorded step is drawn inside a bar of its lane, and no bar is made up.
    for event in recording["trace"]:
        if event["kind"] == "step" and event["task"] in own:
            bars = by_name[event["task"]]["steps"]
            assert any(
                t - 1e-6 <= event["t"] and event["t"] + event["d"] <= t + d + 1e-6 for t, d in bars
            )
    assert sum(len(lane["steps"]) for lane in picture["lanes"]) <= sum(
        1 for event in recording["trace"] if event["kind"] == "step"
    )
    assert picture["prints"] == [line["t"] for line in recording["lines"]]
    assert picture["name"].startswith(f"Timeline of {GATHER}")
    assert "What the loop ran" in picture["caption"]
    assert picture["table"] == len(picture["lanes"])


def test_blocking_steps_are_unmistakable(page, static_site: str, recordings) -> None:
    page.goto(f"{static_site}/concurrency/")
    picture = draw(page, recordings[GATHER])
    labels = {
        event["task"]: event["label"]
        for event in recordings[GATHER]["trace"]
        if event.get("state") == "created"
    }
    blocking = [
        lane for lane in picture["lanes"] if labels.get(lane["name"], "").startswith("blocking")
    ]
    waiting = [
        lane for lane in picture["lanes"] if labels.get(lane["name"], "").startswith("async_nap")
    ]
    assert len(blocking) == len(waiting) == 3
    widest_wait = max(width for lane in waiting for _, width in lane["box"])
    held = sorted(box for lane in blocking for box in lane["box"] if box[1] > 10 * widest_wait)
    # Each blocking nap is one wide bar, one after the other, and each shades every lane.
    assert len(held) == 3
    assert all(x + width <= after_x + 0.5 for (x, width), (after_x, _) in itertools.pairwise(held))
    assert picture["holds"] == 3


def test_cancel_is_marked(page, static_site: str, recordings) -> None:
    page.goto(f"{static_site}/awaitables/")
    picture = draw(page, recordings[CANCEL], unit=None)
    [report] = [lane for lane in picture["lanes"] if lane["name"] == "report"]
    assert report["state"] == "cancelled"
    assert report["ends"] == ["lane__end lane__end--cancelled"]


def test_markers_and_output_lines_light_each_other(page, static_site: str, recordings) -> None:
    page.goto(f"{static_site}/concurrency/")
    draw(page, recordings[GATHER])
    figure = page.locator("[data-how='whole'] figure.timeline")
    lines = (
        page.locator("[data-how='whole']")
        .locator("xpath=preceding-sibling::div[1]")
        .locator(".timeline-line")
    )
    assert lines.count() == 2
    figure.locator(".print__mark").nth(1).hover()
    assert lines.nth(1).evaluate("line => line.classList.contains('is-lit')")
    assert not lines.nth(0).evaluate("line => line.classList.contains('is-lit')")
    lines.nth(0).focus()
    lit = figure.locator(".print.is-lit")
    assert lit.count() == 1
    assert lit.get_attribute("data-line") == "0"


def test_live_growth_and_replay_end_in_the_recorded_picture(
    page, static_site: str, recordings
) -> None:
    recording = recordings[GATHER]
    page.goto(f"{static_site}/concurrency/")
    whole = draw(page, recording)
    # Live: the events arrive in three batches, as the server would stream them.
    draw(page, recording, how="live")
    trace = recording["trace"]
    third = len(trace) // 3
    counts = []
    page.evaluate("() => window.timelines.live.start({ expected: 0.8 })")
    for batch in (trace[:third], trace[third : 2 * third], trace[2 * third :]):
        page.evaluate("(events) => window.timelines.live.add(events)", batch)
        page.evaluate("() => window.timelines.live.render()")
        counts.append(page.locator("[data-how='live'] rect.step").count())
    for line in recording["lines"]:
        page.evaluate("(line) => window.timelines.live.addLine(line)", line)
    page.evaluate(
        "(elapsed) => { window.timelines.live.finish(elapsed); window.timelines.live.render(); }",
        recording["elapsed"],
    )
    live = page.eval_on_selector("[data-how='live'] figure.timeline", PICTURE)
    assert counts == sorted(counts)
    assert counts[0] < counts[-1]
    replayed = draw(page, recording, how="replay")
    for picture in (live, replayed):
        shown = ("name", "steps", "state", "life", "ends")
        assert [[lane[key] for key in shown] for lane in picture["lanes"]] == [
            [lane[key] for key in shown] for lane in whole["lanes"]
        ]
        assert picture["prints"] == whole["prints"]


def test_dark_mode_keeps_steps_visible(browser, static_site: str, recordings) -> None:
    fills = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 720}, color_scheme=scheme)
        page = context.new_page()
        page.goto(f"{static_site}/concurrency/")
        draw(page, recordings[GATHER])
        fills[scheme] = page.eval_on_selector(
            "[data-how='whole'] rect.step",
            "step => [getComputedStyle(step).fill,"
            " getComputedStyle(document.body).backgroundColor]",
        )
        context.close()
    assert fills["light"][0] != fills["dark"][0]
    assert fills["light"][1] != fills["dark"][1]


def test_reduced_motion_draws_only_when_events_arrive(
    browser, static_site: str, recordings
) -> None:
    drawings = {}
    for motion in ("no-preference", "reduce"):
        context = browser.new_context(
            viewport={"width": 1280, "height": 720}, reduced_motion=motion
        )
        page = context.new_page()
        page.goto(f"{static_site}/concurrency/")
        draw(page, recordings[GATHER], how="live")
        drawings[motion] = page.evaluate(
            """async (events) => {
              const timeline = window.timelines.live;
              timeline.start({ expected: 1 });
              timeline.add(events);
              let drawn = 0;
              timeline.figure.addEventListener("timeline:drawn", () => (drawn += 1));
              await new Promise((resolve) => setTimeout(resolve, 300));
              return drawn;
            }""",
            recordings[GATHER]["trace"][:5],
        )
        context.close()
    assert drawings["reduce"] == 1
    assert drawings["no-preference"] > 3
