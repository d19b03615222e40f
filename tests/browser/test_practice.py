"""Practising on the static site: the code editor's keys, an edit kept across a reload
and shared by a link, exercises graded by what the loop did, and what a new reader
tripped over (a syntax error, input(), a slow start, a slide showing its timeline)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.editing import (
    FIRST_START_MS,
    block,
    code_of,
    finished_panel,
    open_editor,
    replace_code,
)
from tests.browser.test_accessibility import assert_accessible
from tools.harness import SLIDE_SIZE, build_site, serving_static

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("python_in_the_browser")]

EDITED = "event_loop/asyncio_run"
EDITED_SLIDE = "asynciorun-is-the-way-in"
TIMELINE_EXAMPLE = "concurrency/gather_sleep"
EXERCISE = "cancellation/deadline"
EXERCISE_CODE = "cancellation/exercises/deadline/start"
EXERCISE_SLIDE = "exercise-a-deadline-for-a-stuck-query"
# Where the exercise's pictures go, to be looked at: $SURVEY_SCREENSHOTS, or the temp folder.
SCREENSHOTS = Path(os.environ.get("SURVEY_SCREENSHOTS", tempfile.gettempdir()), "survey-shots")


def current_slide(page) -> str | None:
    return page.locator(".slide[aria-current='step']").get_attribute("id")


def focused_in_editor(page, example_id: str) -> bool:
    """Whether the keyboard types into the code (CodeMirror's content, or the text field)."""
    text = block(page, example_id).locator(".cm-content, textarea.live-edit__field")
    return text.evaluate("text => text.contains(document.activeElement)")


def stored_edits(page) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries(Object.entries(localStorage)"
        ".filter(([key]) => key.startsWith('survey.edit:')))"
    )


def test_the_editor_keys_indent_run_and_let_the_keyboard_leave(page, static_site: str) -> None:
    page.goto(f"{static_site}/event_loop/?present#{EDITED_SLIDE}")
    field = open_editor(page, EDITED)
    assert block(page, EDITED).locator(".cm-editor").count() == 1
    assert focused_in_editor(page, EDITED)
    page.keyboard.press("ControlOrMeta+a")  # the region, all of what can change
    page.keyboard.insert_text("async def main() -> None:")
    page.keyboard.press("Enter")  # indents after ':'
    page.keyboard.insert_text('print("hi")')
    assert code_of(page, EDITED) == 'async def main() -> None:\n    print("hi")'
    page.keyboard.press("Home")
    page.keyboard.press("Tab")
    assert code_of(page, EDITED).endswith('\n        print("hi")')
    page.keyboard.press("Shift+Tab")
    assert code_of(page, EDITED).endswith('\n    print("hi")')
    page.wait_for_timeout(600)  # a pause ends an undo step
    page.keyboard.press("End")
    page.keyboard.insert_text("  # typed")
    page.keyboard.press("ControlOrMeta+z")
    assert code_of(page, EDITED).endswith('\n    print("hi")')
    page.keyboard.press("Control+y")
    assert code_of(page, EDITED).endswith("  # typed")

    slide = current_slide(page)
    for key in ("n", "ArrowRight", "PageDown", "End", "o", "r"):
        page.keyboard.press(key)
    assert current_slide(page) == slide
    assert page.locator(".deck-overview, dialog[open], .live-panel").count() == 0

    page.keyboard.press("ControlOrMeta+Enter")
    assert block(page, EDITED).locator(".live-panel").count() == 1

    page.keyboard.press("Tab")  # indents: still in the editor
    assert focused_in_editor(page, EDITED)
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")  # Esc then Tab: out
    assert not focused_in_editor(page, EDITED)
    assert current_slide(page) == slide  # Esc in the editor did not leave the deck
    assert field.get_attribute("aria-label") == f"Code of {EDITED}"


def test_edit_shows_the_whole_module_with_its_line_numbers_and_the_code_full_height(
    page, static_site: str
) -> None:
    page.goto(f"{static_site}/concurrency/?present#gather-overlaps-waiting-not-blocking")
    example = block(page, TIMELINE_EXAMPLE)
    example.get_by_role("button", name=f"Show the timeline of {TIMELINE_EXAMPLE}").click()
    open_editor(page, TIMELINE_EXAMPLE)
    assert example.get_attribute("data-view") != "timeline"
    editor = example.locator(".cm-editor")
    assert editor.bounding_box()["height"] > 200
    source = (Path("examples") / f"{TIMELINE_EXAMPLE}.py").read_text(encoding="utf-8").splitlines()
    first = source.index("# --8<-- [start:core]") + 2  # the region's first line, counted from 1
    gutter = example.locator(".cm-lineNumbers .cm-gutterElement").all_inner_texts()
    numbers = [number for number in gutter if number]  # not the gutter's spacer
    assert str(first) in numbers
    assert example.locator(".cm-fold-note").all_inner_texts() == [
        "⋯ the module above (show)",
        "⋯ the module below (show)",
    ]
    assert numbers[0] == "1"  # the folded lines keep their numbers


def test_an_edit_is_kept_across_a_reload_and_reset_forgets_it(page, static_site: str) -> None:
    page.goto(f"{static_site}/event_loop/")
    open_editor(page, EDITED)
    assert stored_edits(page) == {}  # opening the editor stores nothing
    published = code_of(page, EDITED)
    replace_code(page, EDITED, published.replace('"event loop"', '"kept loop"'))
    assert list(stored_edits(page)) == [f"survey.edit:{EDITED}"]

    page.reload()
    example = block(page, EDITED)
    example.locator(".live-edit__mark").wait_for()
    assert example.locator(".live-edit__mark").inner_text() == "edited"
    assert '"kept loop"' in example.locator("pre > code").first.inner_text()
    assert "earlier visit" in example.locator(".live-edit__note").inner_text()

    example.get_by_role("button", name=f"Reset {EDITED} to the published code").click()
    assert stored_edits(page) == {}
    page.reload()
    block(page, EDITED).get_by_role("button", name=f"Edit {EDITED}").wait_for()
    assert not block(page, EDITED).locator(".live-edit__mark").is_visible()
    assert '"event loop"' in block(page, EDITED).locator("pre > code").first.inner_text()


def test_an_edit_of_an_older_version_says_so(page, static_site: str) -> None:
    page.goto(f"{static_site}/event_loop/")
    page.evaluate(
        "(id) => localStorage.setItem(`survey.edit:${id}`,"
        " JSON.stringify({code: 'print(1)', against: '00000000'}))",
        EDITED,
    )
    page.reload()
    note = block(page, EDITED).locator(".live-edit__note")
    note.wait_for()
    assert "older version" in note.inner_text()


@pytest.mark.timeout(180)  # two browsers each load the editor, then Python starts cold
def test_a_shared_link_opens_the_edit_in_a_new_browser_without_running_it(
    page, browser, static_site: str
) -> None:
    page.goto(f"{static_site}/event_loop/#{EDITED_SLIDE}")
    open_editor(page, EDITED)
    edited = code_of(page, EDITED).replace('"event loop"', '"linked loop"')
    replace_code(page, EDITED, edited)
    block(page, EDITED).get_by_role("button", name=f"Share a link to your edit of {EDITED}").click()
    field = block(page, EDITED).locator("[data-share-url]")
    field.wait_for()  # shown once the link is made: compressing the code takes a moment
    link = field.input_value()
    assert f"#{EDITED_SLIDE}&edit=" in link
    assert "linked" not in link  # compressed, not spelled out

    other = browser.new_context(viewport=SLIDE_SIZE)
    try:
        reader = other.new_page()
        requests: list[str] = []
        reader.on("request", lambda request: requests.append(request.url))
        reader.goto(link)
        block(reader, EDITED).locator(".cm-editor").wait_for(timeout=30_000)
        assert code_of(reader, EDITED) == edited
        assert reader.evaluate("location.hash") == f"#{EDITED_SLIDE}"
        note = block(reader, EDITED).locator(".live-edit__note").inner_text()
        assert "came from a link" in note
        reader.wait_for_timeout(1000)
        assert block(reader, EDITED).locator(".live-panel").count() == 0
        assert not [url for url in requests if "/assets/pyodide/" in url]  # nothing ran

        block(reader, EDITED).get_by_role("button", name=f"Run {EDITED}").click()
        panel = finished_panel(reader, EDITED, timeout=FIRST_START_MS)  # a new browser
        assert "from a link" in panel.locator(".filename").inner_text()
        assert "hello, linked loop" in panel.inner_text()
    finally:
        other.close()


def test_a_syntax_error_reads_as_python_says_it_and_marks_its_line(page, static_site: str) -> None:
    page.goto(f"{static_site}/event_loop/")
    open_editor(page, EDITED)
    replace_code(page, EDITED, code_of(page, EDITED).replace("async def main", "async def main(("))
    block(page, EDITED).get_by_role("button", name=f"Run {EDITED}").click()
    text = finished_panel(page, EDITED).inner_text()
    assert f'File "examples/{EDITED}.py", line ' in text
    assert "SyntaxError" in text
    assert "run_in_browser" not in text
    assert "[exit 1" in text
    assert block(page, EDITED).locator(".cm-error-line").count() == 1


def test_input_says_a_browser_run_has_no_standard_input(page, static_site: str) -> None:
    page.goto(f"{static_site}/event_loop/")
    open_editor(page, EDITED)
    replace_code(page, EDITED, 'if __name__ == "__main__":\n    input("name? ")\n')
    block(page, EDITED).get_by_role("button", name=f"Run {EDITED}").click()
    assert "no standard input" in finished_panel(page, EDITED).inner_text()


def test_the_panel_says_python_is_starting_then_running(page, static_site: str) -> None:
    page.goto(f"{static_site}/event_loop/")
    page.evaluate(
        """() => {
          window.statuses = [];
          new MutationObserver(() => document.querySelectorAll(".live-panel__status")
            .forEach((status) => window.statuses.push(status.textContent))
          ).observe(document.body, { subtree: true, childList: true, characterData: true });
        }"""
    )
    block(page, EDITED).get_by_role("button", name=f"Run {EDITED}").click()
    finished_panel(page, EDITED)
    statuses = [text for text in page.evaluate("window.statuses") if text]
    assert statuses[0] == "starting Python 3.14 in your browser…"
    assert "running" in statuses


@pytest.mark.timeout(300)
def test_the_textarea_is_the_editor_where_the_build_had_no_npm(
    page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SURVEY_NODE_MODULES", str(tmp_path / "no_node_modules"))
    site = tmp_path / "site"
    built = build_site(site)
    assert built.returncode == 0, built.stderr
    assert "The code editor is off" in built.stdout
    assert not (site / "assets" / "codemirror").exists()
    with serving_static(site) as url:
        page.goto(f"{url}/event_loop/")
        field = open_editor(page, EDITED)
        assert block(page, EDITED).locator("textarea.live-edit__field").count() == 1
        field.press("End")
        field.press("Tab")
        assert field.input_value().endswith("    ")
        field.press("Escape")
        field.press("Tab")
        assert not focused_in_editor(page, EDITED)


def exercise(page):
    return page.locator(f"[data-exercise='{EXERCISE}']")


def verdict_after_run(page):
    """The verdict on the run just started: the old one goes while the new run is checked.
    Without one, the failure says what the run's panel showed, if the run started."""
    result = exercise(page).locator(".exercise__grade")
    try:
        exercise(page).locator(".exercise__grade:not([data-grade])").wait_for(timeout=90_000)
        exercise(page).locator(".exercise__grade[data-grade]").wait_for(timeout=90_000)
    except PlaywrightTimeoutError:
        panel = exercise(page).locator(".live-panel").all_inner_texts()
        pytest.fail(f"no verdict within 90 s; the run's panel: {panel or 'none, no run started'}")
    return result


# Grading judges how long the run took in delays: three other workers' Pyodides would
# stretch it, so it gets the machine alone.
@pytest.mark.timed
@pytest.mark.timeout(240)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_exercise_fails_then_passes_on_its_slide(page, static_site: str, scheme: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{static_site}/cancellation/?present#{EXERCISE_SLIDE}")
    exercise(page).get_by_role("button", name=f"Run {EXERCISE_CODE}").wait_for()
    hint = exercise(page).locator("[data-action='hint']")
    hint.click()
    assert exercise(page).locator(".exercise__hints li:not([hidden])").count() == 1
    hint.click()
    assert exercise(page).locator(".exercise__hints li:not([hidden])").count() == 2

    page.keyboard.press("r")  # the slide's example, run from the keyboard
    failing = verdict_after_run(page)
    assert failing.get_attribute("data-grade") == "fail"
    assert failing.get_attribute("role") == "status"
    assert "not cancelled" in failing.inner_text()
    page.screenshot(path=SCREENSHOTS / f"exercise-fail-{scheme}.png")

    exercise(page).locator("[data-action='solution']").click()
    exercise(page).locator(".cm-editor").wait_for()
    page.wait_for_function(
        "() => document.querySelector('[data-exercise] .example .live-edit__mark:not([hidden])')"
    )
    assert "asyncio.timeout(DELAY)" in code_of(page, EXERCISE_CODE)
    exercise(page).get_by_role("button", name=f"Run {EXERCISE_CODE}").click()
    passing = verdict_after_run(page)
    assert passing.get_attribute("data-grade") == "pass", passing.inner_text()
    assert passing.inner_text().startswith("Passed: The query was cancelled")
    slide = page.locator(".slide[aria-current='step']")
    fits = slide.evaluate("s => s.scrollHeight <= s.clientHeight + 1")
    assert fits, "the exercise, its editor and its panel overflow the slide"
    assert passing.bounding_box()["y"] + passing.bounding_box()["height"] <= SLIDE_SIZE["height"]
    page.screenshot(path=SCREENSHOTS / f"exercise-pass-{scheme}.png")
    assert_accessible(page)


def test_the_speaker_window_shows_the_exercises_solution(page, static_site: str) -> None:
    page.goto(f"{static_site}/cancellation/?speaker#{EXERCISE_SLIDE}")
    notes = page.locator(".deck-speaker__notes")
    notes.wait_for()
    assert "asyncio.timeout(DELAY)" in notes.inner_text()


def test_the_help_lists_the_run_key(page, static_site: str) -> None:
    page.goto(f"{static_site}/event_loop/?present")
    page.keyboard.press("?")
    assert "run the slide's example" in page.get_by_role("dialog").inner_text()


def test_on_the_live_server_edit_says_before_the_run_that_an_edit_runs_in_the_browser(
    page, served_site: str
) -> None:
    page.goto(f"{served_site}/event_loop/")
    edit = block(page, EDITED).get_by_role("button", name=f"Edit {EDITED}")
    assert edit.inner_text() == "Edit (runs in your browser)"
    assert "goes to your browser" in edit.get_attribute("aria-label")
