"""Examples run in the reader's browser (Pyodide, in a Web Worker), from a plain static server
as on the hosted site: their output, an edit, Stop, and what the page fetches when."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from survey.catalog import Example, discover
from survey.paths import EXAMPLES_DIR
from survey.recording import mask
from tests.browser.editing import block, code_of, edit, finished_panel, run_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.timed,
    pytest.mark.usefixtures("python_in_the_browser"),
]

# Deterministic examples whose lessons depend on the loop behaving as CPython's
# does: it closes, cancels what is pending, blocks in time.sleep, warns in debug mode.
DETERMINISTIC = [
    "event_loop/asyncio_run",
    "event_loop/pending_tasks",
    "concurrency/gather_sleep",
    "concurrency/task_group",
    "awaitables/futures",
    "concurrency/debug_mode",
]
EDITED = "event_loop/asyncio_run"
THREADED = "interop/to_thread"
RUNTIME = "/assets/pyodide/"
# What the speaker window receives: the live channel's messages, as another window hears them.
MIRROR = """() => {
  window.mirrored = [];
  new BroadcastChannel("async-survey-live").onmessage = ({ data }) => window.mirrored.push(data);
}"""


def recorded_lines(example_id: str) -> list[str]:
    return (EXAMPLES_DIR / f"{example_id}.out").read_text(encoding="utf-8").splitlines()


def run_button(page, example_id: str):
    return block(page, example_id).locator("button.live-run")


def log_lines(page, example_id: str) -> list[str]:
    log = page.get_by_role("log", name=f"Output of {example_id}")
    return [mask(line) for line in log.inner_text().splitlines()]


def open_example(page, site: str, example_id: str, query: str = "") -> None:
    page.goto(f"{site}/{example_id.split('/')[0]}/{query}")
    run_button(page, example_id).wait_for()


# Timing-sensitive examples (serial in the catalog) can print a multiple of their delay
# one off when other work takes the CPU mid-run; they get one more try.
TRIES_IF_TIMING_SENSITIVE = 2


def tries(example_id: str) -> int:
    [example] = [example for example in discover() if example.id == example_id]
    return TRIES_IF_TIMING_SENSITIVE if example.options.serial else 1


@pytest.mark.parametrize("example_id", DETERMINISTIC)
def test_an_example_prints_its_committed_output_in_the_browser(
    page, static_site: str, example_id: str
) -> None:
    open_example(page, static_site, example_id)
    button = run_button(page, example_id)
    assert button.get_attribute("data-run") == "browser"
    for _ in range(tries(example_id)):
        button.click()
        panel = finished_panel(page, example_id)
        lines = log_lines(page, example_id)
        if lines[:-1] == recorded_lines(example_id):
            break

    assert panel.get_attribute("data-state") == "exit"
    assert "Python 3.14 on Pyodide, in your browser" in panel.locator(".filename").inner_text()
    assert lines[:-1] == recorded_lines(example_id)
    assert lines[-1].startswith("[exit 0 · ")


def wrong_output(example: Example, events: list[dict]) -> str | None:
    """How a browser run's events differ from the example's committed output, or None."""
    if events[-1].get("type") != "exit" or events[-1].get("code") != 0:
        return f"ended with {events[-1]}"
    printed = [event for event in events if event["type"] == "line"]
    if example.browser_only:  # Python 3.14 only: nothing recorded to compare with
        streams = {event["stream"] for event in printed}
        return None if streams == {"stdout"} else f"printed on {streams or 'nothing'}"
    merged = example.options.stderr == "merge"
    lines = [mask(event["text"]) for event in printed if merged or event["stream"] == "stdout"]
    expected = example.output_path.read_text(encoding="utf-8")
    same = example.same_output(expected, "".join(f"{line}\n" for line in lines))
    return None if same else f"printed {lines}"


# The examples a browser runs, dealt into a few shares (every fourth one), so that
# pytest-xdist's workers run the shares side by side instead of one test taking minutes.
SHARES = 4


def browser_examples() -> list[Example]:
    return [example for example in discover() if example.options.no_browser is None]


def test_at_least_fifteen_examples_run_in_the_browser() -> None:
    assert len(browser_examples()) >= 15


@pytest.mark.slow
@pytest.mark.timeout(480)  # a quarter of the browser examples, one after another, in Pyodide
@pytest.mark.parametrize("share", range(SHARES))
def test_every_example_marked_for_the_browser_prints_its_committed_output_there(
    page, static_site: str, share: int
) -> None:
    # All in one page, as a reader runs them: its spare interpreter warms up between runs.
    examples = browser_examples()[share::SHARES]
    page.goto(f"{static_site}/")
    wrong = {}
    for example in examples:
        for _ in range(tries(example.id)):
            problem = wrong_output(example, run_in_browser(page, example.id))
            if problem is None:
                break
        if problem:
            wrong[example.id] = problem
    assert not wrong


def test_nothing_is_fetched_before_the_first_run_and_nothing_leaves_the_site(
    page, static_site: str
) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_example(page, static_site, EDITED)
    page.wait_for_load_state("networkidle")
    before = [url for url in requests if RUNTIME in url or "/examples/" in url]
    assert before == []

    run_button(page, EDITED).click()
    finished_panel(page, EDITED)
    fetched = {urlsplit(url).path.removeprefix(RUNTIME) for url in requests if RUNTIME in url}
    assert {"pyodide.mjs", "pyodide.asm.wasm", "python_stdlib.zip"} <= fetched
    site = urlsplit(static_site).netloc
    assert {urlsplit(url).netloc for url in requests} == {site}


def test_an_edit_changes_the_output_and_reset_brings_back_the_code(page, static_site: str) -> None:
    open_example(page, static_site, EDITED)
    published = block(page, EDITED).locator("pre > code").first.text_content()
    edit(page, EDITED, '"event loop"', '"edited loop"')
    assert run_button(page, EDITED).get_attribute("data-run") == "browser"
    page.evaluate(MIRROR)
    run_button(page, EDITED).click()
    panel = finished_panel(page, EDITED)

    assert "Output of your edit" in panel.locator(".filename").inner_text()
    assert "hello, edited loop" in log_lines(page, EDITED)
    assert "hello, event loop" not in log_lines(page, EDITED)
    # The speaker window hears the browser run as it hears a live one.
    reset, *events = page.evaluate("window.mirrored")
    assert reset == {"type": "run-reset", "id": EDITED, "source": "edited"}
    kinds = [message["event"]["type"] for message in events if message["event"]["type"] != "trace"]
    assert kinds == ["start", "line", "line", "line", "exit"]
    reset = block(page, EDITED).get_by_role("button", name=f"Reset {EDITED} to the published code")
    reset.click()
    assert code_of(page, EDITED) == published.removesuffix("\n")
    assert not reset.is_visible()


def test_stop_ends_a_browser_run(page, static_site: str) -> None:
    pythons = []
    page.on("worker", lambda worker: "python-worker" in worker.url and pythons.append(worker))
    open_example(page, static_site, EDITED)
    edit(page, EDITED, 'greet("event loop", 0.1)', 'greet("event loop", 30)')
    run_button(page, EDITED).click()
    log = page.get_by_role("log", name=f"Output of {EDITED}")
    log.get_by_text("inside main, the loop is running: True").wait_for(timeout=60_000)
    [running] = pythons
    with running.expect_event("close"):
        block(page, EDITED).get_by_role("button", name=f"Stop {EDITED}").click()

    panel = finished_panel(page, EDITED)
    assert panel.get_attribute("data-state") == "error"
    assert log_lines(page, EDITED) == ["inside main, the loop is running: True", "[stopped]"]
    assert block(page, EDITED).get_by_role("button", name=f"Run {EDITED}").is_visible()


def test_an_example_a_browser_cannot_run_replays_and_says_why(page, static_site: str) -> None:
    open_example(page, static_site, THREADED)
    button = run_button(page, THREADED)
    assert button.get_attribute("data-run") == "replay"
    assert block(page, THREADED).get_by_role("button", name=f"Edit {THREADED}").count() == 0
    button.click()
    title = block(page, THREADED).locator(".live-panel .filename").inner_text()
    assert "replay of a recorded run: it starts threads" in title


def test_presenting_with_the_server_runs_there_but_edits_run_in_the_browser(
    page, served_site: str
) -> None:
    sockets = []
    page.on("websocket", lambda socket: sockets.append(socket.url))
    open_example(page, served_site, EDITED, "?present#asynciorun-is-the-way-in")
    button = run_button(page, EDITED)
    assert button.get_attribute("data-run") == "server"
    button.click()
    finished_panel(page, EDITED)
    assert [urlsplit(url).path for url in sockets] == [f"/api/run/{EDITED}"]

    edit(page, EDITED, '"event loop"', '"edited loop"')
    assert button.get_attribute("data-run") == "browser"
    page.keyboard.press("Control+Enter")
    log = page.get_by_role("log", name=f"Output of {EDITED}")
    log.get_by_text("hello, edited loop").wait_for(timeout=60_000)
    title = block(page, EDITED).locator(".live-panel .filename").inner_text()
    assert "Output of your edit (Python 3.14 on Pyodide, in your browser)" in title
    assert len(sockets) == 1, "the edited code went to the server"


def test_a_python_3_14_example_runs_in_the_browser_even_when_presenting(
    page, served_site: str
) -> None:
    example_id = "patterns/call_graph"
    open_example(page, served_site, example_id)
    button = run_button(page, example_id)
    assert button.get_attribute("data-run") == "browser"
    button.click()
    panel = finished_panel(page, example_id)
    assert panel.get_attribute("data-state") == "exit"
    assert "in your browser" in panel.locator(".filename").inner_text()
    assert "* Task(name='download', id=0x…)" in log_lines(page, example_id)
