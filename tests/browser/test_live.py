"""Run buttons in a real Chromium: live output from the server, recorded replays without it."""

from __future__ import annotations

import pytest

from survey.paths import EXAMPLES_DIR

pytestmark = pytest.mark.browser

QUICK = "event_loop/asyncio_run"
SLOW = "concurrency/gather_http"  # two lines about a second apart
LISTEN = """() => {
  window.liveMessages = [];
  window.liveTimes = [];
  new BroadcastChannel("async-survey-live").onmessage = ({ data }) => {
    window.liveMessages.push(data);
    window.liveTimes.push(performance.now() / 1000);
  };
}"""


def recorded_lines(example_id: str) -> list[str]:
    return (EXAMPLES_DIR / f"{example_id}.out").read_text(encoding="utf-8").splitlines()


def log_lines(page, example_id: str) -> list[str]:
    return page.get_by_role("log", name=f"Output of {example_id}").inner_text().splitlines()


def wait_for_log_text(page, example_id: str, text: str) -> None:
    page.get_by_role("log", name=f"Output of {example_id}").get_by_text(text).wait_for()


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
    kinds = [event["type"] for event in events]
    # What the loop did streams alongside the lines, between start and exit.
    assert "trace" in kinds[1:-1]
    events = [event for event in events if event["type"] != "trace"]
    assert [event["type"] for event in events] == ["start", "line", "line", "line", "exit"]
    assert [event["text"] for event in events if event["type"] == "line"] == lines[:-1]


def test_stop_ends_a_run_before_its_second_line(page, served_site: str) -> None:
    page.goto(f"{served_site}/concurrency/")
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
    page.goto(f"{static_site}/concurrency/")
    page.evaluate(LISTEN)
    replay = page.get_by_role("button", name=f"Replay {SLOW}")
    assert replay.get_attribute("data-run") == "replay"
    replay.click()
    assert "recorded run" in page.locator(".live-panel .filename").inner_text()
    wait_for_log_text(page, SLOW, "[exit 0")

    assert log_lines(page, SLOW)[:-1] == recorded_lines(SLOW)
    messages, times = page.evaluate("[window.liveMessages, window.liveTimes]")
    # A replay sends the recorded trace too, in the batches a live run would have.
    kept = [
        (message["event"]["type"], time)
        for message, time in zip(messages[1:], times[1:], strict=True)
        if message["event"]["type"] != "trace"
    ]
    assert "trace" in [message["event"]["type"] for message in messages[1:]]
    assert [kind for kind, _ in kept] == ["start", "line", "line", "exit"]
    # The recording has its two lines about a second apart; so must the replay.
    assert kept[2][1] - kept[1][1] > 0.8
