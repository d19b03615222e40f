"""Run buttons in a real Chromium: live output from the server, recorded replays without it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from survey.paths import EXAMPLES_DIR, REPLAYS_DIR
from survey.recording import loads
from tools.harness import SLIDE_SIZE, serving

pytestmark = pytest.mark.browser

QUICK = "event_loop/asyncio_run"
SLOW = "concurrency/gather_http"  # two lines about a second apart
OTHER = "concurrency/create_task"  # on the same page
UNKNOWN_THERE = "concurrency/wait_first"  # on the same page, not in the stand-ins' catalog
# The replay has read its recording and begun: its timers are set from here on.
STARTED = "window.liveMessages.some(message => message.event?.type === 'start')"
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
def stand_in_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site from the survey's server, whose catalog holds two stand-ins: one for
    SLOW that prints the recorded first line and then waits, so its second line never comes
    by itself, and one for OTHER that prints a line and ends. Nothing else can run there."""
    examples = tmp_path_factory.mktemp("stand-ins")
    first = recorded_lines(SLOW)[0]
    stand_ins = {
        SLOW: f"import time\n\nprint({first!r})\ntime.sleep(60)\n",
        OTHER: 'print("the other one")\n',
    }
    for example_id, body in stand_ins.items():
        stand_in = examples / f"{example_id}.py"
        stand_in.parent.mkdir(parents=True, exist_ok=True)
        stand_in.write_text(f'"""Stands in for {example_id}."""\n{body}', encoding="utf-8")
    with serving(built_site, "--examples-dir", str(examples)) as url:
        yield url


@pytest.fixture
def lenient_page(browser):
    """A page for a test that provokes a failed request: the browser logs it as an error."""
    context = browser.new_context(viewport=SLIDE_SIZE)
    yield context.new_page()
    context.close()


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
    assert messages[0] == {"type": "run-reset", "id": QUICK, "source": "live"}
    events = [message["event"] for message in messages[1:]]
    kinds = [event["type"] for event in events]
    # What the loop did streams alongside the lines, between start and exit.
    assert "trace" in kinds[1:-1]
    events = [event for event in events if event["type"] != "trace"]
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


def test_without_the_server_the_button_replays_with_recorded_pacing(
    clocked_page, static_site: str
) -> None:
    recording = loads((REPLAYS_DIR / f"{SLOW}.json").read_text(encoding="utf-8"))
    first, second = (round(line.t * 1000) for line in recording.lines)
    end = round(recording.elapsed * 1000)
    # The page's clock moves only when the test moves it: each line must wait for its time.
    clocked_page.clock.install()
    clocked_page.goto(f"{static_site}/concurrency/")
    clocked_page.clock.pause_at(clocked_page.evaluate("Date.now()") + 1000)
    clocked_page.evaluate(LISTEN)
    replay = clocked_page.get_by_role("button", name=f"Replay {SLOW}")
    assert replay.get_attribute("data-run") == "replay"
    replay.click()
    assert "recorded run" in clocked_page.locator(".live-panel .filename").inner_text()
    clocked_page.wait_for_function(STARTED, polling=50)

    shown, now = [], 0
    # A line shows at the first animation frame after its time (16 ms on the page's clock).
    frame = 17
    for moment in (first - 1, first + frame, second - 1, second + frame, end + frame):
        clocked_page.clock.run_for(moment - now)
        now = moment
        shown.append(len(log_lines(clocked_page, SLOW)))
    # Nothing before the first line's time, one line until the second's, then the exit line.
    assert shown == [0, 1, 1, 2, 3]
    messages = clocked_page.evaluate("window.liveMessages")
    kinds = [message["event"]["type"] for message in messages[1:]]
    # A replay sends the recorded trace too, in the batches a live run would have.
    assert "trace" in kinds
    assert [kind for kind in kinds if kind != "trace"] == ["start", "line", "line", "exit"]
    assert log_lines(clocked_page, SLOW)[:-1] == recorded_lines(SLOW)


def test_the_close_button_removes_the_panel_and_brings_back_the_recording(
    page, served_site: str
) -> None:
    page.goto(f"{served_site}/event_loop/")
    page.get_by_role("button", name=f"Run {QUICK}").click()
    wait_for_log_text(page, QUICK, "[exit 0")
    recorded = page.locator(".live-panel").locator("xpath=preceding-sibling::div[1]")
    recorded = recorded.element_handle()  # held on to: the panel it was found from goes
    assert recorded.is_hidden()
    page.get_by_role("button", name=f"Close the output of {QUICK}").click()
    assert page.locator(".live-panel").count() == 0
    assert recorded.is_visible()


def test_closing_the_panel_of_a_run_stops_it(page, stand_in_site: str) -> None:
    page.goto(f"{stand_in_site}/concurrency/")
    page.evaluate(LISTEN)
    page.get_by_role("button", name=f"Run {SLOW}").click()
    wait_for_log_text(page, SLOW, recorded_lines(SLOW)[0])
    page.get_by_role("button", name=f"Close the output of {SLOW}").click()
    page.get_by_role("button", name=f"Run {SLOW}").wait_for()  # the run is over
    events = [message["event"] for message in page.evaluate("window.liveMessages")[1:]]
    assert list(events[-1]) == ["type", "message", "t"]
    assert events[-1]["message"] == "stopped"


def test_run_on_a_second_block_stops_the_first(page, stand_in_site: str) -> None:
    page.goto(f"{stand_in_site}/concurrency/")
    page.get_by_role("button", name=f"Run {SLOW}").click()
    wait_for_log_text(page, SLOW, recorded_lines(SLOW)[0])
    page.get_by_role("button", name=f"Run {OTHER}").click()
    wait_for_log_text(page, SLOW, "[stopped]")
    wait_for_log_text(page, OTHER, "[exit 0")
    assert log_lines(page, SLOW) == [recorded_lines(SLOW)[0], "[stopped]"]
    assert log_lines(page, OTHER)[0] == "the other one"
    assert page.get_by_role("button", name=f"Run {SLOW}").is_visible()


def test_a_socket_that_closes_without_an_ending_says_so(lenient_page, stand_in_site: str) -> None:
    # The server refuses an example it does not know before the socket opens.
    lenient_page.goto(f"{stand_in_site}/concurrency/")
    lenient_page.get_by_role("button", name=f"Run {UNKNOWN_THERE}").click()
    wait_for_log_text(lenient_page, UNKNOWN_THERE, "[the connection to the server closed]")
    assert lenient_page.get_by_role("button", name=f"Run {UNKNOWN_THERE}").is_visible()


def test_a_missing_recording_says_so(lenient_page, static_site: str) -> None:
    lenient_page.route(f"**/replays/{SLOW}.json", lambda route: route.fulfill(status=404))
    lenient_page.goto(f"{static_site}/concurrency/")
    lenient_page.get_by_role("button", name=f"Replay {SLOW}").click()
    wait_for_log_text(lenient_page, SLOW, "[no recording: HTTP 404]")
    assert log_lines(lenient_page, SLOW) == ["[no recording: HTTP 404]"]


def test_stop_during_a_replay_ends_it_there(clocked_page, static_site: str) -> None:
    recording = loads((REPLAYS_DIR / f"{SLOW}.json").read_text(encoding="utf-8"))
    first = round(recording.lines[0].t * 1000)
    clocked_page.clock.install()
    clocked_page.goto(f"{static_site}/concurrency/")
    clocked_page.clock.pause_at(clocked_page.evaluate("Date.now()") + 1000)
    clocked_page.evaluate(LISTEN)
    clocked_page.get_by_role("button", name=f"Replay {SLOW}").click()
    clocked_page.wait_for_function(STARTED, polling=50)
    clocked_page.clock.run_for(first + 1)
    clocked_page.get_by_role("button", name=f"Stop {SLOW}").click()
    # Everything the recording still held is due by now: none of it may show.
    clocked_page.clock.run_for(round(recording.elapsed * 1000) + 1000)
    assert log_lines(clocked_page, SLOW) == [recorded_lines(SLOW)[0], "[stopped]"]
    assert clocked_page.get_by_role("button", name=f"Replay {SLOW}").is_visible()
