"""One run, one stream: the live server's socket, the replay file and the browser's worker
give an example's run as the same events, and a run in the browser draws its own timeline."""

from __future__ import annotations

import json

import pytest

from survey.paths import REPLAYS_DIR
from tests.browser.editing import RUN_MS, code_of, open_editor, replace_code, run_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("python_in_the_browser")]

EXAMPLE = "concurrency/create_task"  # traced, with a timeline, runs in a browser too
FIGURE = f"figure.timeline[data-example='{EXAMPLE}']"
CALLBACK_STEP = ["kind", "task", "t", "d", "lane", "label"]

FROM_SOCKET = """(id) => new Promise((resolve, reject) => {
  const url = new URL(`/api/run/${id}`, location.href);
  url.protocol = "ws:";
  const socket = new WebSocket(url);
  const events = [];
  socket.onmessage = ({ data }) => {
    const event = JSON.parse(data);
    events.push(event);
    if (event.type === "exit" || event.type === "error") resolve(events);
  };
  socket.onerror = () => reject(new Error("the socket failed"));
})"""


def shape(events: list[dict]) -> dict:
    """Each type of event with its keys in order, and each kind of trace event likewise.
    ``slow`` is on a step only when it was slow, which the machine decides, so it is read
    apart: always last, always true. So is a step on the callback lane, recorded only when
    a callback outside any task was slow: checked for its keys, and left out."""
    outer: dict[str, list[str]] = {}
    inner: set[tuple[str, ...]] = set()
    for event in events:
        assert outer.setdefault(event["type"], list(event)) == list(event), event
        for traced in event.get("events", []):
            keys = list(traced)
            if traced.get("lane") == "callback":
                assert keys == [*CALLBACK_STEP, "slow"], traced
                assert traced["slow"] is True, traced
                continue
            if "slow" in keys:
                assert keys[-1] == "slow", traced
                assert traced["slow"] is True, traced
                keys.pop()
            inner.add(tuple(keys))
    return {"order": [events[0]["type"], events[-1]["type"]], "events": outer, "trace": inner}


@pytest.mark.timeout(180)
def test_the_socket_the_replay_file_and_the_worker_give_the_same_events(
    page, served_site: str, static_site: str
) -> None:
    page.goto(f"{served_site}/concurrency/")
    from_socket = page.evaluate(FROM_SOCKET, EXAMPLE)
    replay = json.loads((REPLAYS_DIR / f"{EXAMPLE}.json").read_text(encoding="utf-8"))
    page.goto(f"{static_site}/concurrency/")
    from_worker = run_in_browser(page, EXAMPLE)

    socket, stored, worker = (
        shape(events) for events in (from_socket, replay["events"], from_worker)
    )
    assert socket["order"] == ["start", "exit"]
    assert set(socket["events"]) == {"start", "line", "trace", "exit"}
    assert stored == socket
    assert worker == socket


def block(page):
    return page.locator(f".example[data-example='{EXAMPLE}']")


# The edit renames the coroutine each task runs, and makes its wait a blocking one.
RENAMED = [("async def tick(", "async def brew("), ("create_task(tick(", "create_task(brew(")]
BLOCKING = [("        await asyncio.sleep(delay)", "        time.sleep(delay)  # holds the loop")]

LANES = """(figure) => ({
  source: figure.dataset.source,
  says: figure.querySelector(".timeline__source").textContent,
  lanes: [...figure.querySelectorAll("g.lane[data-kind='task']")].map((lane) => ({
    label: lane.querySelector(".lane__label title")?.textContent ?? "",
    slow: lane.querySelectorAll(".step--slow").length,
  })),
  prints: figure.querySelectorAll(".print").length,
})"""


def run_edit(page, static_site: str, changes: list[tuple[str, str]]) -> dict:
    page.goto(f"{static_site}/concurrency/")
    open_editor(page, EXAMPLE)
    code = code_of(page, EXAMPLE)
    for old, new in changes:
        assert old in code
        code = code.replace(old, new)
    replace_code(page, EXAMPLE, code)
    block(page).get_by_role("button", name=f"Run {EXAMPLE}").click()
    block(page).locator(".live-panel[data-state='exit']").wait_for(timeout=RUN_MS)
    page.locator(f"{FIGURE}[data-state='done']").wait_for()
    printed = block(page).locator(".live-panel :is(.live-line--stdout, .live-line--stderr)")
    return {**page.locator(FIGURE).evaluate(LANES), "printed": printed.count()}


@pytest.mark.timeout(180)
# No lane is red: a step of over 100 ms on a machine busy with other workers' browsers
# would be, so the test gets the machine alone.
@pytest.mark.timed
def test_an_edited_run_draws_lanes_named_from_the_edit(page, static_site: str) -> None:
    page.goto(f"{static_site}/concurrency/")
    page.locator(f"{FIGURE}[data-state='done']").wait_for()
    before = page.locator(FIGURE).evaluate(LANES)
    assert before["source"] == "recorded"
    assert before["says"] == "Showing the recorded run."

    drawn = run_edit(page, static_site, RENAMED)
    assert drawn["source"] == "browser"
    assert drawn["says"] == "Showing your edit."
    labels = [lane["label"] for lane in drawn["lanes"]]
    assert sum("brew(" in label for label in labels) == 2, labels
    assert not any("tick(" in label for label in labels), labels
    assert drawn["prints"] == drawn["printed"]
    assert not any(lane["slow"] for lane in drawn["lanes"])


@pytest.mark.timeout(180)
def test_a_blocking_edit_draws_red_steps(page, static_site: str) -> None:
    imported = [("async def brew(", "import time\n\n\nasync def brew(")]
    drawn = run_edit(page, static_site, [*RENAMED, *BLOCKING, *imported])
    brewing = [lane for lane in drawn["lanes"] if "brew(" in lane["label"]]
    assert len(brewing) == 2
    assert all(lane["slow"] >= 1 for lane in brewing), drawn
