"""Timelines in a real Chromium, on the built site: every figure drawn from its recording to
the DOM contract, markers tied to output lines, a Replay and a live run that grow into the
recorded picture, the speaker window's mirror, the slide toggle, dark mode, reduced motion,
and drawing only near the screen unless printing."""

from __future__ import annotations

import functools
import http.server
import itertools
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from survey.paths import REPLAYS_DIR
from survey.recording import loads
from survey.trace_reader import HOUSEKEEPING
from tests.browser.deck_pages import present
from tests.browser.test_accessibility import assert_accessible
from tests.browser.test_deck_fit import MEASURE, MIN_CODE_PX

pytestmark = pytest.mark.browser

PAGES = [
    "why_async/",
    "event_loop/",
    "awaitables/",
    "concurrency/",
    "cancellation/",
    "interop/",
    "patterns/",
]
GATHER = "concurrency/gather_sleep"
FIGURE = "figure.timeline[data-example='{}']"

# What a drawn figure shows, in the terms of the DOM contract.
PICTURE = """(figure) => ({
  state: figure.dataset.state,
  rows: Number(figure.style.getPropertyValue("--timeline-rows")),
  name: figure.querySelector("svg[role='img']").getAttribute("aria-label"),
  caption: figure.querySelector("figcaption")?.textContent ?? "",
  table: figure.querySelectorAll(".timeline__text tbody tr").length,
  lanes: [...figure.querySelectorAll("g.lane")].map((lane) => ({
    name: lane.dataset.lane,
    kind: lane.dataset.kind,
    state: lane.dataset.state,
    steps: [...lane.querySelectorAll("rect.step")].map((r) => [+r.dataset.t, +r.dataset.d]),
    boxes: [...lane.querySelectorAll("rect.step")].map((r) => [+r.getAttribute("x"),
      +r.getAttribute("width")]),
    life: [...lane.querySelectorAll(".lane__life")].map((l) => [+l.getAttribute("x1"),
      +l.getAttribute("x2")]),
    ends: [...lane.querySelectorAll(".lane__end")].map((end) => end.getAttribute("class")),
  })),
  prints: [...figure.querySelectorAll(".print")].map((mark) => +mark.dataset.t),
  holds: figure.querySelectorAll(".hold").length,
})"""


# Keeps, in the page, what each drawing of a figure showed, from now on.
WATCH = """(selector) => {
  const figure = document.querySelector(selector);
  window.drawings = [];
  figure.addEventListener("timeline:drawn", ({ detail }) => window.drawings.push({
    state: figure.dataset.state,
    lanes: figure.querySelectorAll("g.lane").length,
    events: detail.events,
  }));
}"""


@pytest.fixture(scope="module")
def static_site(built_site: Path) -> Iterator[str]:
    """The built site from a plain static server: the hosted site, where Run replays."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=built_site)
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def drawn(page, example_id: str, state: str = "done", within: str = "") -> dict:
    selector = f"{within} {FIGURE.format(example_id)}".strip()
    # A figure is drawn once it nears the screen.
    page.locator(selector).first.scroll_into_view_if_needed()
    page.wait_for_selector(f"{selector}[data-state='{state}']", state="attached")
    return page.eval_on_selector(selector, PICTURE)


def recorded(example_id: str):
    return loads((REPLAYS_DIR / f"{example_id}.json").read_text(encoding="utf-8"))


def shape(picture: dict) -> list[tuple]:
    """The picture without its times: lanes, their kinds, how they ended, their marks."""
    return [(lane["name"], lane["kind"], lane["state"], lane["ends"]) for lane in picture["lanes"]]


def assert_grew(drawings: list[dict], lanes: int) -> None:
    """Drawn while running, from ever more events, part of the lanes before all of them."""
    running = [drawing for drawing in drawings if drawing["state"] == "running"]
    events = [drawing["events"] for drawing in running]
    assert events == sorted(events)
    assert events[0] < events[-1]
    assert any(0 < drawing["lanes"] < lanes for drawing in running), drawings
    assert drawings[-1]["state"] == "done"


def test_every_timeline_is_drawn_from_its_recording(page, static_site: str) -> None:
    figures = 0
    for path in PAGES:
        page.goto(f"{static_site}/{path}")
        ids = page.eval_on_selector_all(
            "figure.timeline", "figures => figures.map((f) => f.dataset.example)"
        )
        for example_id in dict.fromkeys(ids):
            figures += 1
            picture = drawn(page, example_id)
            recording = recorded(example_id)
            housekeeping = {e["task"] for e in recording.trace if e.get("label") in HOUSEKEEPING}
            names = {e["task"] for e in recording.trace} - housekeeping
            assert {lane["name"] for lane in picture["lanes"]} == names | (
                {"asyncio clean-up"} if housekeeping else set()
            )
            # The page reserved exactly the room the drawing takes.
            assert picture["rows"] == len(picture["lanes"])
            assert {lane["kind"] for lane in picture["lanes"]} <= {"task", "thread", "process"}
            assert picture["name"].startswith(f"Timeline of {example_id}: ")
            assert "What the loop ran" in picture["caption"]
            assert picture["table"] == len(picture["lanes"])
            assert picture["prints"] == [line.t for line in recording.lines]
            # Every recorded step lies inside a bar of its lane; no bar is made up.
            lanes = {lane["name"]: lane["steps"] for lane in picture["lanes"]}
            for event in recording.trace:
                if event["kind"] == "step" and event["d"] is not None and event["task"] in names:
                    assert any(
                        t - 2e-6 <= event["t"] and event["t"] + event["d"] <= t + d + 2e-6
                        for t, d in lanes[event["task"]]
                    ), (example_id, event)
            finished = sum(1 for e in recording.trace if e["kind"] == "step" and e["d"] is not None)
            assert sum(len(steps) for steps in lanes.values()) <= finished
    assert figures >= 15


def test_blocking_steps_are_unmistakable(page, static_site: str) -> None:
    page.goto(f"{static_site}/concurrency/")
    picture = drawn(page, GATHER)
    labels = {e["task"]: e["label"] for e in recorded(GATHER).trace if "label" in e}
    waiting = [
        lane for lane in picture["lanes"] if labels.get(lane["name"], "").startswith("async")
    ]
    blocking = [
        lane for lane in picture["lanes"] if labels.get(lane["name"], "").startswith("block")
    ]
    assert len(waiting) == len(blocking) == 3
    widest_wait = max(width for lane in waiting for _, width in lane["boxes"])
    held = sorted(box for lane in blocking for box in lane["boxes"] if box[1] > 10 * widest_wait)
    # One wide bar a blocking nap, one after another, and a band across every lane for each.
    assert len(held) == 3
    assert all(x + width <= after + 0.5 for (x, width), (after, _) in itertools.pairwise(held))
    assert picture["holds"] == 3
    assert page.locator(f"{FIGURE.format(GATHER)} rect.step--slow").count() == 3


def test_cancelled_and_failed_tasks_are_marked(page, static_site: str) -> None:
    page.goto(f"{static_site}/awaitables/")
    lanes = {lane["name"]: lane for lane in drawn(page, "awaitables/cancel_task")["lanes"]}
    for name in ("report", "invoice"):
        assert lanes[name]["state"] == "cancelled"
        assert lanes[name]["ends"] == ["lane__end lane__end--cancelled"]
    page.goto(f"{static_site}/concurrency/")
    states = {lane["state"] for lane in drawn(page, "concurrency/task_group")["lanes"]}
    assert {"failed", "cancelled"} <= states
    assert (
        page.locator(f"{FIGURE.format('concurrency/task_group')} .lane__end--failed").count() == 1
    )


def test_markers_and_output_lines_light_each_other(page, static_site: str) -> None:
    page.goto(f"{static_site}/concurrency/")
    drawn(page, GATHER)
    block = page.locator(f".example[data-example='{GATHER}']")
    lines = block.locator(".language-text .timeline-line")
    assert lines.count() == 2
    block.locator(".print__mark").nth(1).hover()
    assert lines.nth(1).evaluate("line => line.classList.contains('is-lit')")
    assert not lines.nth(0).evaluate("line => line.classList.contains('is-lit')")
    lines.nth(0).focus()
    lit = block.locator(".print.is-lit")
    assert lit.count() == 1
    assert lit.get_attribute("data-line") == "0"


def test_a_replay_grows_into_the_recorded_picture(page, static_site: str) -> None:
    example_id = "interop/to_thread"
    page.goto(f"{static_site}/interop/")
    whole = drawn(page, example_id)
    page.evaluate(WATCH, FIGURE.format(example_id))
    page.bring_to_front()  # drawing waits for animation frames, which only a shown page gets
    page.get_by_role("button", name=f"Replay {example_id}").click()
    page.wait_for_selector(".live-panel__log .live-line--meta")
    replayed = drawn(page, example_id)
    assert_grew(page.evaluate("() => window.drawings"), len(whole["lanes"]))
    # The replay is the recording, fed at its pace: the same picture, to the bar.
    for key in ("lanes", "prints", "holds"):
        assert replayed[key] == whole[key], key
    # Its markers are tied to the replayed lines, which now stand in for the output.
    log_lines = page.locator(".live-panel__log .live-line--stdout")
    assert log_lines.count() == len(whole["prints"])
    page.locator(f"{FIGURE.format(example_id)} .print__mark").nth(0).hover()
    assert log_lines.nth(0).evaluate("line => line.classList.contains('is-lit')")
    page.get_by_role("button", name=f"Close the output of {example_id}").click()
    page.wait_for_selector(f"{FIGURE.format(example_id)}[data-state='done']", state="attached")
    assert page.eval_on_selector(FIGURE.format(example_id), PICTURE)["lanes"] == whole["lanes"]


def test_a_live_run_draws_as_it_goes_and_the_speaker_window_mirrors_it(
    browser, served_site: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        audience, speaker = context.new_page(), context.new_page()
        audience.goto(f"{served_site}/concurrency/")
        speaker.goto(f"{served_site}/concurrency/?speaker")
        speaker.wait_for_selector(".deck-speaker")
        # Drawing waits for animation frames, which only a window on screen gets.
        audience.bring_to_front()
        whole = drawn(audience, GATHER)
        audience.evaluate(WATCH, FIGURE.format(GATHER))
        audience.get_by_role("button", name=f"Run {GATHER}").click()
        audience.wait_for_selector(".live-panel__log .live-line--meta")
        live = drawn(audience, GATHER)
        assert_grew(audience.evaluate("() => window.drawings"), len(live["lanes"]))
        # A fresh run, so other times, but the same tasks ending the same way.
        assert shape(live) == shape(whole)
        assert len(live["prints"]) == len(whole["prints"])
        speaker.bring_to_front()
        mirrored = drawn(speaker, GATHER, within=".deck-speaker__live")
        assert shape(mirrored) == shape(live)
        assert_accessible(speaker)
        assert_accessible(audience)
    finally:
        context.close()


def test_a_slide_trades_its_code_for_the_timeline_and_still_fits(page, static_site: str) -> None:
    present(page, static_site, "concurrency/", "gather-overlaps-waiting-not-blocking")
    slide = page.locator("section.slide[aria-current='step']")
    figure = slide.locator("figure.timeline")
    code = slide.locator(".language-python pre")
    toggle = slide.get_by_role("button", name=f"Show the timeline of {GATHER}")
    assert figure.is_hidden()
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert figure.is_visible()
    assert code.is_hidden()
    assert page.evaluate(MEASURE, MIN_CODE_PX) == []
    drawn(page, GATHER)
    assert figure.evaluate("f => f.querySelector('svg').getBBox().height") > 0
    assert_accessible(page)
    page.emulate_media(color_scheme="dark")
    assert_accessible(page)
    toggle.press("Enter")
    assert figure.is_hidden()
    assert code.is_visible()


def test_a_slide_about_the_picture_shows_it_without_a_toggle(page, static_site: str) -> None:
    present(page, static_site, "why_async/", "reading-a-timeline")
    figure = page.locator("section.slide[aria-current='step'] figure.timeline")
    assert figure.is_visible()
    assert page.locator("section.slide[aria-current='step'] .timeline-toggle").count() == 0
    assert drawn(page, "why_async/io_vs_cpu", within="section.slide[aria-current='step']")["lanes"]
    assert page.evaluate(MEASURE, MIN_CODE_PX) == []


def test_dark_mode_keeps_bars_apart_from_the_page(browser, static_site: str) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(f"{static_site}/concurrency/")
        drawn(page, GATHER)
        colours[scheme] = page.eval_on_selector(
            f"{FIGURE.format(GATHER)} rect.step:not(.step--slow)",
            """bar => {
              const rgb = (c) => c.match(/\\d+/g).slice(0, 3).map(Number);
              const lum = ([r, g, b]) => [r, g, b]
                .map((v) => v / 255)
                .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
                .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
              const fill = lum(rgb(getComputedStyle(bar).fill));
              const page = lum(rgb(getComputedStyle(document.body).backgroundColor));
              return (Math.max(fill, page) + 0.05) / (Math.min(fill, page) + 0.05);
            }""",
        )
        context.close()
    # WCAG's 3:1 for graphics, in both schemes.
    assert colours["light"] >= 3
    assert colours["dark"] >= 3


def test_reduced_motion_draws_only_when_events_arrive(browser, static_site: str) -> None:
    frames = 12
    drawings = {}
    for motion in ("no-preference", "reduce"):
        context = browser.new_context(reduced_motion=motion)
        page = context.new_page()
        page.goto(f"{static_site}/concurrency/")
        drawn(page, GATHER)
        drawings[motion] = page.evaluate(
            """async ([id, frames]) => {
              const { timelineOf } = await import("../assets/deck/timeline.js");
              const timeline = timelineOf(document.querySelector(`.example[data-example="${id}"]`));
              timeline.start({ expected: 1 });
              timeline.receive({ type: "trace", t: 0,
                events: [{ kind: "task", task: "T", t: 0, state: "created", label: "main()" }] });
              let drawings = 0;
              timeline.figure.addEventListener("timeline:drawn", () => (drawings += 1));
              // Frames, not milliseconds: a loaded machine draws fewer frames in a given time.
              for (let frame = 0; frame < frames; frame += 1) {
                await new Promise((resolve) => requestAnimationFrame(resolve));
              }
              return drawings;
            }""",
            [GATHER, frames],
        )
        context.close()
    # Reduced: one drawing, for the event. Otherwise the running lane grows every frame.
    assert drawings["reduce"] == 1
    assert drawings["no-preference"] >= frames // 2


def test_a_reader_waits_only_for_figures_near_the_screen_and_paper_for_none(
    page, static_site: str
) -> None:
    page.goto(f"{static_site}/concurrency/")
    states = "() => [...document.querySelectorAll('figure.timeline')].map(f => f.dataset.state)"
    page.wait_for_function(f"() => ({states})()[0] === 'done'")
    assert page.evaluate(states)[-1] != "done"  # far below the screen: not fetched yet
    page.emulate_media(media="print")
    page.wait_for_function(f"() => ({states})().every(state => state === 'done')")
