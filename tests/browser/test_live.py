"""Run buttons in a real Chromium: live output from the server, recorded replays without it."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from survey.paths import EXAMPLES_DIR, REPLAYS_DIR
from tools.harness import serving

pytestmark = pytest.mark.browser

QUICK = "event_loop/asyncio_run"
SLOW = "concurrency/gather_http"  # two lines about a second apart
LISTEN = """() => {
  window.liveMessages = [];
  new BroadcastChannel("async-survey-live").onmessage = ({ data }) => {
    window.liveMessages.push(data);
  };
}"""


def recorded_lines(example_id: str) -> list[str]:
    return (EXAMPLES_DIR / f"{example_id}.out").read_text(encoding="utf-8").splitlines()


def log_lines(page, example_id: str) -> list[str]:
    return page.get_by_role("log", name=f"Output of {example_id}").inner_text().splitlines()


def wait_for_log_text(page, example_id: str, text: str) -> None:
    page.get_by_role("log", name=f"Output of {example_id}").get_by_text(text).wait_for()


@pytest.fixture(scope="module")
def static_site(built_site: Path) -> Iterator[str]:
    """The built site from a plain static server: what a hosted copy of the site looks like."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=built_site)
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def stand_in_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site from the survey's server, whose catalog holds a stand-in for SLOW that
    prints the recorded first line and then waits: its second line never comes by itself."""
    examples = tmp_path_factory.mktemp("stand-ins")
    stand_in = examples / f"{SLOW}.py"
    stand_in.parent.mkdir(parents=True)
    first = recorded_lines(SLOW)[0]
    stand_in.write_text(
        f'"""Stands in for {SLOW}."""\nimport time\n\nprint({first!r})\ntime.sleep(60)\n',
        encoding="utf-8",
    )
    with serving(built_site, "--examples-dir", str(examples)) as url:
        yield url


def test_run_streams_the_output_in_order_and_mirrors_it(page, served_site: str) -> None:
    page.goto(f"{served_site}/event_loop/")
    page.evaluate(LISTEN)
    page.get_by_role("button", name=f"Run {QUICK}").click()
    wait_for_log_text(page, QUICK, "[exit 0")

    lines = log_lines(page, QUICK)
    assert lines[:-1] == recorded_lines(QUICK)
    assert lines[-1].startswith("[exit 0 · ")
    button = page.locator(f".example[data-example='{QUICK}'] button[data-run='server']")
    assert button.is_visible()
    messages = page.evaluate("window.liveMessages")
    assert messages[0] == {"type": "run-reset", "id": QUICK, "recording": False}
    events = [message["event"] for message in messages[1:]]
    assert [event["type"] for event in events] == ["start", "line", "line", "line", "exit"]
    assert [event["text"] for event in events if event["type"] == "line"] == lines[:-1]


def test_stop_ends_a_run_before_its_second_line(page, stand_in_site: str) -> None:
    page.goto(f"{stand_in_site}/concurrency/")
    page.get_by_role("button", name=f"Run {SLOW}").click()
    first = recorded_lines(SLOW)[0]
    wait_for_log_text(page, SLOW, first)
    page.get_by_role("button", name=f"Stop {SLOW}").click()
    wait_for_log_text(page, SLOW, "[stopped]")
    assert log_lines(page, SLOW) == [first, "[stopped]"]


def test_a_second_run_replaces_the_first_in_its_panel(page, served_site: str) -> None:
    page.goto(f"{served_site}/event_loop/?present#asynciorun-is-the-way-in")
    run = page.get_by_role("button", name=f"Run {QUICK}")
    for _ in range(2):
        run.click()
        wait_for_log_text(page, QUICK, "[exit 0")
    assert page.locator(".live-panel").count() == 1
    # On the slide the panel stands in for the recorded output, which is hidden.
    recorded = page.locator(".live-panel").locator("xpath=preceding-sibling::div[1]")
    assert recorded.locator(".filename").inner_text() == "Output"
    assert not recorded.is_visible()


def test_without_the_server_the_button_replays_with_recorded_pacing(page, static_site: str) -> None:
    recording = json.loads((REPLAYS_DIR / f"{SLOW}.json").read_text(encoding="utf-8"))
    first, second = (round(line["t"] * 1000) for line in recording["lines"])
    end = round(recording["elapsed"] * 1000)
    # The page's clock moves only when the test moves it: each line must wait for its time.
    page.clock.install()
    page.goto(f"{static_site}/concurrency/")
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    page.evaluate(LISTEN)
    replay = page.get_by_role("button", name=f"Replay {SLOW}")
    assert replay.get_attribute("data-run") == "replay"
    replay.click()
    assert "recorded run" in page.locator(".live-panel .filename").inner_text()
    page.wait_for_function("window.liveMessages.length == 2", polling=50)  # reset, start

    shown, now = [], 0
    for moment in (first - 1, first + 1, second - 1, second + 1, end + 1):
        page.clock.run_for(moment - now)
        now = moment
        shown.append(len(log_lines(page, SLOW)))
    # Nothing before the first line's time, one line until the second's, then the exit line.
    assert shown == [0, 1, 1, 2, 3]
    messages = page.evaluate("window.liveMessages")
    kinds = [message["event"]["type"] for message in messages[1:]]
    assert kinds == ["start", "line", "line", "exit"]
    assert log_lines(page, SLOW)[:-1] == recorded_lines(SLOW)
