"""The section notebooks: generated from the pages and examples, executed, and kept current."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest

from survey.catalog import discover
from survey.markdown import ExampleBlockError, parse
from survey.paths import ROOT
from survey.recording import mask
from tools.notebooks.cells import SCRIPT_ONLY, script_only_reason
from tools.notebooks.cli import FIX_COMMAND, NOTEBOOKS_DIR, main, source_view, write
from tools.notebooks.execute import errors, execute
from tools.notebooks.notebook import build
from tools.notebooks.pages import (
    NOT_SECTIONS,
    ExampleOnSlide,
    Section,
    read_page,
    read_site,
    sections,
)

SITE = read_site(ROOT)
SECTIONS = sections(SITE)
# Longest a whole notebook may take here; each cell is bounded by its examples' timeouts.
NOTEBOOK_SECONDS = 120


EXAMPLES = {example.id: example for example in discover()}
EXAMPLE_CELL = re.compile(r"# examples/(?P<id>[\w/]+)\.py: ")
# In a kernel, earlier cells may already have started the default executor's threads,
# so the number in a worker thread's name depends on what ran before.
NOTEBOOK_MASKS = [(re.compile(r"\basyncio_\d+\b"), "asyncio_<n>")]
# A serial example's numbers hold on a machine doing nothing else (tests/examples/
# test_output.py runs them so); a notebook here runs beside other tests, so they are masked.
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def committed(section: Section) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / NOTEBOOKS_DIR / f"{section.slug}.ipynb", as_version=4)


def shown_as_in_a_notebook(text: str) -> str:
    for pattern, replacement in NOTEBOOK_MASKS:
        text = pattern.sub(replacement, text)
    return mask(text)


def output_mismatches(notebook: nbformat.NotebookNode) -> list[str]:
    """Each example cell whose printed output is not its example's captured ``.out``,
    masked alike, or that wrote to stderr although its example does not declare it."""
    found = []
    for cell in notebook.cells:
        if cell.cell_type != "code" or not (start := EXAMPLE_CELL.match(cell.source)):
            continue
        example = EXAMPLES[start["id"]]
        streams = [output for output in cell.outputs if output.output_type == "stream"]
        merged = example.options.stderr == "merge"
        printed = "".join(s.text for s in streams if merged or s.name == "stdout")
        if not merged and (stray := "".join(s.text for s in streams if s.name == "stderr")):
            found.append(f"{example.id} wrote to stderr: {stray!r}")
        stored = example.output_path.read_text("utf-8")
        shown, captured = (shown_as_in_a_notebook(text) for text in (printed, stored))
        if example.options.serial:
            shown, captured = NUMBER.sub("<n>", shown), NUMBER.sub("<n>", captured)
        shown, captured = shown.splitlines(), captured.splitlines()
        if example.options.unordered:
            shown, captured = sorted(shown), sorted(captured)
        if shown != captured:
            found.append(f"{example.id} printed {shown}, its .out holds {captured}")
    return found


def test_every_section_but_further_reading_has_a_notebook() -> None:
    pages = [page for _, page in SITE.nav if page.endswith(".md")]
    assert [section.page for section in SECTIONS] == [
        page for page in pages if page not in NOT_SECTIONS
    ]
    for section in SECTIONS:
        assert (ROOT / NOTEBOOKS_DIR / f"{section.slug}.ipynb").exists()


def test_committed_notebooks_match_the_pages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check"]) == 0, capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.timeout(NOTEBOOK_SECONDS + 60)
@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.slug)
def test_committed_notebook_executes_without_an_error(section: Section) -> None:
    notebook = committed(section)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    # Raises CellExecutionError at the first cell that raises.
    execute(notebook, ROOT, timeout=NOTEBOOK_SECONDS)
    assert errors(notebook) == []
    assert output_mismatches(notebook) == []


@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.slug)
def test_committed_notebook_shows_what_each_example_printed(section: Section) -> None:
    assert output_mismatches(committed(section)) == []


def test_every_example_a_kernel_can_run_has_its_cell() -> None:
    """So that the check above leaves no example out."""
    in_cells = {
        start["id"]
        for section in SECTIONS
        for cell in committed(section).cells
        if cell.cell_type == "code" and (start := EXAMPLE_CELL.match(cell.source))
    }
    runnable = {example_id for example_id, e in EXAMPLES.items() if not script_only_reason(e)}
    assert in_cells == runnable


def test_code_cells_are_the_examples_with_await_for_asyncio_run() -> None:
    notebook = committed(next(s for s in SECTIONS if s.slug == "event_loop"))
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    assert code, "the event_loop page shows examples"
    for source in code:
        assert source.startswith("# examples/")
        # The kernel's loop is running: every example ends by awaiting, never by asyncio.run.
        assert source.splitlines()[-1].startswith("await ")
        assert "# --8<--" not in source
        assert "# /// script" not in source


# --- the generator on a small project of its own -----------------------------------------------

PAGE = """\
# Tiny

A page made for the test.

## Sleeping

Prose about [the loop](other.md#a-slide).

::: example tiny/sleepy:core

!!! tip "Worth knowing"
    Kept, as a quote.

??? notes "Speaker notes"
    Never in the notebook.

## Newer

::: example tiny/newer:core no-output

## Counting

::: example tiny/counter:core no-output
"""

SLEEPY = '''\
"""Sleeps, then says so."""

import asyncio


# --8<-- [start:core]
async def main() -> None:
    await asyncio.sleep(0.01)
    print("slept")
# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
'''

NEWER = '''\
"""Needs a newer Python than the project's floor."""

# /// script
# requires-python = ">=3.99"
# ///

import asyncio


# --8<-- [start:core]
async def main() -> None:
    print("from the future")
# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
'''

COUNTER = '''\
"""Asks the /count server for a number, with a blocking client."""

# /// script
# [tool.survey]
# needs = ["demo-server"]
# ///

import asyncio
import json
import os
import urllib.request

URL = os.environ.get("DEMO_SERVER", "http://127.0.0.1:8000")


# --8<-- [start:core]
async def main() -> None:
    with urllib.request.urlopen(f"{URL}/count?delay=0") as response:
        print(json.load(response))
# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
'''

MKDOCS = """\
site_url: https://example.invalid/survey/
nav:
  - Tiny: tiny.md
  - Other: other.md
markdown_extensions:
  - pymdownx.snippets:
      base_path: ["."]
      check_paths: true
      dedent_subsections: true
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "tiny.md").write_text(PAGE)
    (tmp_path / "docs" / "other.md").write_text("# Other\n\n## A slide\n")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS)
    (tmp_path / "survey").mkdir()
    shutil.copy(ROOT / "survey" / "demo_server.py", tmp_path / "survey")
    examples = tmp_path / "examples" / "tiny"
    examples.mkdir(parents=True)
    (examples / "sleepy.py").write_text(SLEEPY)
    (examples / "sleepy.out").write_text("slept\n")
    (examples / "newer.py").write_text(NEWER)
    (examples / "counter.py").write_text(COUNTER)
    return tmp_path


def built(project: Path) -> nbformat.NotebookNode:
    site = read_site(project)
    tiny = next(section for section in sections(site) if section.slug == "tiny")
    return build(tiny, site).notebook


def test_a_page_becomes_markdown_and_code_cells(project: Path) -> None:
    view = source_view(built(project))
    assert "await main()" in view
    assert "asyncio.run(main())\n" not in view
    assert "Never in the notebook" not in view
    assert "> **Worth knowing**" in view
    assert "> Kept, as a quote." in view
    assert "```text" not in view.split("## Newer")[0], "a runnable example's Output is dropped"
    assert "(https://example.invalid/survey/other/#a-slide)" in view
    assert '<a href="tiny.ipynb" download>' in view


def test_an_example_for_a_newer_python_stays_a_link(project: Path) -> None:
    view = source_view(built(project))
    assert "**Runs as a script only:** it needs Python 3.99 or later" in view
    assert "(https://example.invalid/survey/tiny/#newer)" in view
    assert 'print("from the future")' in view.split("**Runs as a script only:**")[1]


def test_a_main_block_that_drives_loops_runs_in_a_thread(project: Path) -> None:
    (project / "examples" / "tiny" / "sleepy.py").write_text(
        SLEEPY.replace(
            "    asyncio.run(main())",
            "    with asyncio.Runner() as runner:\n        runner.run(main())",
        )
    )
    code = [cell.source for cell in built(project).cells if cell.cell_type == "code"]
    sleepy = next(source for source in code if "sleepy.py" in source)
    assert sleepy.endswith("await asyncio.to_thread(run_as_script)")
    assert "def run_as_script() -> None:\n    with asyncio.Runner() as runner:" in sleepy


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("from concurrent.futures import ProcessPoolExecutor", "worker processes"),
        ("loop.add_signal_handler(2, print)", "signal handlers"),
        ("import sys\nprint(sys.argv)", "command line"),
        ("from newer import main as newer_main", "imports `newer` from its own folder"),
    ],
)
def test_what_a_kernel_cannot_run_is_spotted(project: Path, code: str, reason: str) -> None:
    path = project / "examples" / "tiny" / "sleepy.py"
    path.write_text(SLEEPY.replace("import asyncio\n", f"import asyncio\n{code}\n"))
    view = source_view(built(project))
    assert "**Runs as a script only:** " in view
    assert reason in view


def write_notebooks(project: Path, executed: bool) -> None:
    """Commit every section's notebook as generated; ``executed`` marks its cells as run."""
    site = read_site(project)
    for section in sections(site):
        notebook = build(section, site).notebook
        for cell in notebook.cells:
            if executed and cell.cell_type == "code":
                cell.execution_count = 1
        write(project / NOTEBOOKS_DIR / f"{section.slug}.ipynb", notebook)


def test_a_changed_example_makes_the_check_fail_until_regenerated(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_notebooks(project, executed=True)
    assert main(["--check", "--root", str(project)]) == 0

    sleepy = project / "examples" / "tiny" / "sleepy.py"
    sleepy.write_text(SLEEPY.replace('print("slept")', 'print("slept well")'))
    assert main(["--check", "--root", str(project)]) == 1
    out = capsys.readouterr().out
    assert '-    print("slept")\n+    print("slept well")' in out
    assert "(committed)" in out
    assert "(from the page)" in out
    assert out.rstrip().endswith(f"run: {FIX_COMMAND}")


def test_a_notebook_that_was_never_executed_is_stale(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_notebooks(project, executed=False)
    assert main(["--check", "--root", str(project)]) == 1
    assert "was never executed" in capsys.readouterr().out


def test_a_mangled_snippet_line_is_reported(project: Path) -> None:
    page = project / "docs" / "tiny.md"
    page.write_text(PAGE.replace("## Newer\n", '## Newer\n\n```python\n--8 < --"a.py"\n```\n'))
    site = read_site(project)
    tiny = sections(site)[0]
    (warning,) = build(tiny, site).warnings
    assert warning.startswith("docs/tiny.md:20: ")


def test_a_wrong_example_block_names_the_page_and_line(project: Path) -> None:
    page = project / "docs" / "tiny.md"
    page.write_text(PAGE.replace("tiny/newer:core", "tiny/newer:corr"))
    site = read_site(project)
    with pytest.raises(ExampleBlockError, match=r"docs/tiny.md:19: .* has no region 'corr'"):
        build(sections(site)[0], site)


@pytest.mark.slow
def test_the_generated_notebook_runs_with_its_own_count_server(project: Path) -> None:
    notebook = built(project)
    execute(notebook, project, timeout=60)
    assert errors(notebook) == []
    outputs = {
        cell.source.splitlines()[0]: "".join(o.get("text", "") for o in cell.outputs)
        for cell in notebook.cells
        if cell.cell_type == "code"
    }
    assert outputs["# examples/tiny/sleepy.py: Sleeps, then says so."] == "slept\n"
    counted = next(text for line, text in outputs.items() if "counter.py" in line)
    assert counted == "{'count': 1, 'delay': 0.0}\n"


def test_unknown_sections_are_refused() -> None:
    with pytest.raises(SystemExit, match="unknown section"):
        main(["--check", "no-such-section"])


def test_script_only_reasons_are_sentences() -> None:
    for example_id, reason in SCRIPT_ONLY.items():
        assert (ROOT / "examples" / f"{example_id}.py").exists(), example_id
        assert reason, example_id
        assert not reason.endswith("."), "the reason is read after a colon"


def test_a_notebook_reads_each_example_block_as_the_page_renders_it() -> None:
    """One ExampleBlock: the notebook's part is the very block survey.markdown parses
    from the page's line, region and flags included, with the slide it sits on."""
    site = read_site(ROOT)
    section = next(section for section in sections(site) if section.slug == "streams")
    lines = (site.docs_dir / section.page).read_text(encoding="utf-8").splitlines()
    declared = [
        block
        for number, line in enumerate(lines, start=1)
        if (block := parse(line, f"line {number}", ROOT)) and block.code
    ]
    on_slides = [
        part for part in read_page(section, site).parts if isinstance(part, ExampleOnSlide)
    ]
    assert [part.block for part in on_slides] == declared
    assert any(not part.block.output for part in on_slides)  # a no-output part stays one
    assert all(part.anchor for part in on_slides)
