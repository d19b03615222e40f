"""Output of any size keeps the page alive, in the browser and from the live server: lines
drawn a frame's worth at a time, the last KEPT_LINES kept under a count of the rest, Stop
answered in the next frame; and the browser's output cap, the server's limit, ends a run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import editing
from tests.browser.editing import block, finished_panel, open_editor
from tools.harness import serving

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("python_in_the_browser")]

EXAMPLE = "event_loop/asyncio_run"  # its region holds the whole program, asyncio.run included
MAIN = """

if __name__ == "__main__":
    asyncio.run(main())
"""
LINES = 20_000
KEPT_LINES = 2_000  # live.js
FLOOD = f"""async def main() -> None:
    for i in range({LINES}):
        print(i, "x" * 20)
{MAIN}"""
# The flood, paced like the server's stand-in below: printed all at once, a worker that
# the page's busy main thread does not slow can end the run before the frame that could
# Stop it (seen once under a full parallel run: all 20,000 lines in 0.76 s).
PACED_FLOOD = f"""async def main() -> None:
    for i in range({LINES}):
        print(i, "x" * 20)
        if i % 250 == 0:
            await asyncio.sleep(0.02)
{MAIN}"""
# One line a 1,000 bytes, past the server's 1 MiB limit on output.
TOO_MUCH = (
    """async def main() -> None:
    for i in range(1_100):
        print("x" * 999)
"""
    + MAIN
)
# Watches the page's main thread while a run floods it: the longest gap between two
# animation frames; and, from the frame that first shows line STOP_AT, where it presses
# Stop, the frames until the panel says the run ended.
STOP_AT = 1_000
PROBE = """([id, stopAt]) => {
  const probe = (window.probe = { longestGap: 0, framesToStop: null, pressed: false });
  const example = document.querySelector(`.example[data-example="${id}"]`);
  let last = performance.now();
  let frames = 0;
  const frame = (now) => {
    probe.longestGap = Math.max(probe.longestGap, now - last);
    last = now;
    if (probe.pressed) {
      frames += 1;
      if (example.querySelector(".live-panel[data-state]")) probe.framesToStop ??= frames;
    } else if (stopAt !== null && example.querySelector(`.live-panel [data-line="${stopAt}"]`)) {
      probe.pressed = true;
      example.querySelector("button.live-run").click();
    }
    if (!probe.done) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}"""
# The number of the last line the panel shows, and how many line elements it holds.
SHOWN = """(log) => ({
  last: Number([...log.querySelectorAll(".live-line--stdout")].at(-1)?.dataset.line ?? -1),
  printed: log.querySelectorAll(".live-line--stdout").length,
  elements: log.querySelectorAll(".live-line").length,
  note: log.querySelector(".live-panel__hidden")?.textContent ?? "",
})"""


def replace_code(page, example_id: str, code: str) -> None:
    open_editor(page, example_id)
    editing.replace_code(page, example_id, code)


def log(page, example_id: str):
    return page.get_by_role("log", name=f"Output of {example_id}")


def finished(page, example_id: str, expected: str) -> None:
    panel = finished_panel(page, example_id)
    ending = log(page, example_id).inner_text().splitlines()[-3:]
    assert panel.get_attribute("data-state") == expected, ending


def stop_midway(page, example_id: str) -> dict:
    """The probe presses Stop once line STOP_AT shows; how the page fared."""
    finished(page, example_id, "error")
    page.wait_for_function("window.probe.framesToStop !== null")
    shown = log(page, example_id).evaluate(SHOWN)
    lines = log(page, example_id).inner_text().splitlines()
    page.evaluate("window.probe.done = true")
    return {**page.evaluate("window.probe"), **shown, "ending": lines[-1]}


def assert_alive(probe: dict) -> None:
    # The stop shows in the frame after the press (one more if a drawing was due).
    assert probe["framesToStop"] <= 2, probe
    # Before batching, 3,000 lines held the main thread for 8.7 s at a time. A machine
    # busy with other work has stalled a batched page for just over 1 s.
    assert probe["longestGap"] < 2_500, probe


@pytest.mark.timeout(180)
def test_a_flood_of_output_in_the_browser_stops_midway_and_the_page_stays_alive(
    page, static_site: str
) -> None:
    page.goto(f"{static_site}/event_loop/")
    replace_code(page, EXAMPLE, PACED_FLOOD)
    page.evaluate(PROBE, [EXAMPLE, STOP_AT])
    block(page, EXAMPLE).get_by_role("button", name=f"Run {EXAMPLE}").click()
    probe = stop_midway(page, EXAMPLE)

    assert probe["ending"] == "[stopped]"
    assert STOP_AT <= probe["last"] < LINES - 1, "Stop took effect only once the run had ended"
    assert probe["elements"] <= KEPT_LINES
    assert_alive(probe)


@pytest.mark.timeout(180)
def test_the_panel_keeps_the_last_lines_and_counts_the_rest(page, static_site: str) -> None:
    page.goto(f"{static_site}/event_loop/")
    replace_code(page, EXAMPLE, FLOOD)
    block(page, EXAMPLE).get_by_role("button", name=f"Run {EXAMPLE}").click()
    finished(page, EXAMPLE, "exit")
    shown = log(page, EXAMPLE).evaluate(SHOWN)
    # The kept lines may include, after the printed ones, a slow-step report and the exit.
    assert shown["elements"] == KEPT_LINES
    assert shown["last"] == LINES - 1
    hidden = LINES - shown["printed"]
    assert shown["note"].strip() == f"[{hidden:,} earlier lines hidden]"
    lines = log(page, EXAMPLE).inner_text().splitlines()
    assert lines[1] == f"{hidden} {'x' * 20}"


@pytest.mark.timeout(120)
def test_the_output_cap_ends_a_browser_run_as_the_server_would(page, static_site: str) -> None:
    page.goto(f"{static_site}/event_loop/")
    replace_code(page, EXAMPLE, TOO_MUCH)
    block(page, EXAMPLE).get_by_role("button", name=f"Run {EXAMPLE}").click()
    finished(page, EXAMPLE, "error")
    ending = log(page, EXAMPLE).inner_text().splitlines()[-1]
    assert ending == "[the output passed the limit of 1048576 bytes]"


@pytest.fixture(scope="module")
def flooding_server(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The survey's server, whose only example stands in for EXAMPLE and prints LINES
    lines, pausing every ten: all at once, they would reach the page in one burst, ended
    before any Stop."""
    examples = tmp_path_factory.mktemp("flood")
    stand_in = examples / f"{EXAMPLE}.py"
    stand_in.parent.mkdir(parents=True)
    stand_in.write_text(
        f'"""Prints {LINES} lines."""\n\nimport time\n\n'
        f"for i in range({LINES}):\n"
        '    print(i, "x" * 20)\n'
        "    if i % 10 == 0:\n"
        "        time.sleep(0.0005)\n",
        encoding="utf-8",
    )
    with serving(built_site, "--examples-dir", str(examples)) as url:
        yield url


@pytest.mark.timeout(120)
def test_a_flood_from_the_live_server_stops_midway_and_the_page_stays_alive(
    page, flooding_server: str
) -> None:
    page.goto(f"{flooding_server}/event_loop/")
    button = block(page, EXAMPLE).locator("button.live-run[data-run='server']")
    button.wait_for()
    page.evaluate(PROBE, [EXAMPLE, STOP_AT])
    button.click()
    probe = stop_midway(page, EXAMPLE)

    assert probe["ending"] == "[stopped]"
    assert probe["last"] < LINES - 1, "Stop took effect only once the run had ended"
    assert probe["elements"] <= KEPT_LINES
    assert_alive(probe)
