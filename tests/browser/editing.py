"""Driving an example's editor as a reader does: Edit, select all, type; and reading what it
holds, or running it in the browser, through the modules the page itself uses."""

from __future__ import annotations

EDITOR = ".cm-editor, textarea.live-edit__field"


def block(page, example_id: str):
    return page.locator(f".example[data-example='{example_id}']")


# How long a run in the page may take to end, Python's start included: a few seconds
# alone, far more on a machine busy with other tests' browsers. A browser's very first
# start (nothing in its Cache Storage yet) also compiles the runtime and keeps a snapshot.
RUN_MS = 60_000
FIRST_START_MS = 120_000


def finished_panel(page, example_id: str, timeout: float = RUN_MS):
    """The run's panel once it says how the run ended."""
    panel = block(page, example_id).locator(".live-panel[data-state]")
    panel.wait_for(timeout=timeout)
    return panel


def open_editor(page, example_id: str):
    """Press Edit; the editor's text box once it is there (loaded at the first Edit)."""
    block(page, example_id).get_by_role("button", name=f"Edit {example_id}").click()
    block(page, example_id).locator(EDITOR).wait_for(timeout=30_000)
    return page.get_by_role("textbox", name=f"Code of {example_id}")


def code_of(page, example_id: str) -> str:
    """The region as the editor holds it (the published code until it is edited)."""
    return page.evaluate(
        """async (id) => {
          const live = document.querySelector("script[src*='assets/deck/live.js']").src;
          const { codeOf } = await import(new URL("edit.js", live).href);
          return codeOf(document.querySelector(`.example[data-example="${id}"]`));
        }""",
        example_id,
    )


def run_in_browser(page, example_id: str) -> list[dict]:
    """Every event of one run of the example in this page's Pyodide worker, through
    browser-run.js, the module the Run button uses."""
    return page.evaluate(
        """async (id) => {
          const live = document.querySelector("script[src*='assets/deck/live.js']").src;
          const { runInBrowser } = await import(new URL("browser-run.js", live).href);
          const events = [];
          const run = { id, region: null, code: null };
          for await (const event of runInBrowser(run, { signal: new AbortController().signal })) {
            events.push(event);
          }
          return events;
        }""",
        example_id,
    )


def replace_code(page, example_id: str, code: str) -> None:
    """Select all the editable code and type ``code`` over it."""
    field = page.get_by_role("textbox", name=f"Code of {example_id}")
    field.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text(code)


def edit(page, example_id: str, old: str, new: str) -> None:
    open_editor(page, example_id)
    code = code_of(page, example_id)
    assert old in code
    replace_code(page, example_id, code.replace(old, new))
