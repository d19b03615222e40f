"""Assemble a section's notebook from its page parts: prose, example cells and the /count server."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from survey.catalog import Options, load, script_metadata
from tools.notebooks.cells import cell_source, script_only_reason
from tools.notebooks.execute import KERNEL
from tools.notebooks.pages import (
    ExampleOnSlide,
    Prose,
    Section,
    Site,
    read_page,
    to_notebook_markdown,
)

# What `asyncio.run()` refuses inside Jupyter, said once per notebook.
ABOUT_AWAIT = """\
In a script, an example ends with `asyncio.run(main())`. Jupyter's kernel
already runs an event loop in this thread, and `asyncio.run()` refuses to start
a second one: it raises `RuntimeError: asyncio.run() cannot be called from a
running event loop`. IPython lets a cell `await` at top level on the loop that
is already running, so here each example ends with `await main()` instead.
Where an example is about how loops start and stop (`asyncio.Runner`, a
closed loop), its `__main__` block runs unchanged in a worker thread, which
has no running loop: `await asyncio.to_thread(run_as_script)`."""

SERVER_ABOUT = """\
The HTTP examples call a local `/count` server: `GET /count?delay=S` answers \
after `S` seconds. The next cells define it and start it; the examples read its \
address from `DEMO_SERVER`."""

SERVER_START = """\
# Its own loop in a background thread: an example that blocks this loop on
# purpose must not stall the server it is waiting for.
import os
import threading

demo_loop = asyncio.new_event_loop()
demo_thread = threading.Thread(target=demo_loop.run_forever, name="demo-server", daemon=True)
demo_thread.start()
demo = demo_server()
started = asyncio.run_coroutine_threadsafe(demo.__aenter__(), demo_loop)
os.environ["DEMO_SERVER"] = started.result()"""

SERVER_STOP = """\
asyncio.run_coroutine_threadsafe(demo.__aexit__(None, None, None), demo_loop).result()
demo_loop.call_soon_threadsafe(demo_loop.stop)
demo_thread.join()
demo_loop.close()"""


@dataclass
class Built:
    section: Section
    notebook: NotebookNode
    timeout: float  # nbclient's limit for each cell, from the slowest example's own
    warnings: list[str]


def build(section: Section, site: Site) -> Built:
    """The section's notebook, not yet executed."""
    page = read_page(section, site)
    timeouts = [Options.timeout]
    dependencies: set[str] = set()
    server_started = script_only = False
    shown: set[str] = set()
    cells: list[NotebookNode] = []

    for part in page.parts:
        if isinstance(part, Prose):
            cells.append(new_markdown_cell(to_notebook_markdown(part.lines, section, site)))
            continue
        example = load(site.root / "examples" / f"{part.block.id}.py", site.root / "examples")
        if reason := script_only_reason(example):
            script_only = True
            cells.append(new_markdown_cell(_script_only(reason, part, section, site)))
            continue
        if example.id in shown:
            # One module on several slides runs once, where it first appears.
            text = to_notebook_markdown(part.block.code_fence(), section, site, show_titles=False)
            cells.append(new_markdown_cell(text))
            continue
        shown.add(example.id)
        if example.needs_demo_server and not server_started:
            server_started = True
            dependencies.add("aiohttp")
            cells += _server_cells(site)
        timeouts.append(example.options.timeout)
        source = example.path.read_text(encoding="utf-8")
        dependencies.update(script_metadata(source, example.id).get("dependencies", ()))
        header = f"# examples/{example.id}.py: {example.title}"
        cells.append(new_code_cell(cell_source(source, header)))
    if server_started:
        cells += [new_markdown_cell("Stop the `/count` server."), new_code_cell(SERVER_STOP)]

    intro, *rest = cells or [new_markdown_cell(f"# {section.title}")]
    about = new_markdown_cell(_about(section, site, dependencies, script_only))
    notebook = new_notebook(cells=[intro, about, *rest], metadata={"kernelspec": dict(KERNEL)})
    _number_cells(notebook)
    return Built(section, notebook, timeout=2 * max(timeouts) + 20, warnings=page.warnings)


def _about(section: Section, site: Site, dependencies: set[str], script_only: bool) -> str:
    lines = [
        "## About this notebook",
        "",
        f"Generated from the page [{section.title}]({site.link(section.url)}) and the examples "
        "it shows, then executed: the outputs are what the code printed. Run the cells from "
        "the top; later cells use what earlier ones define.",
        "",
        # Relative, so it works wherever the site is served: mkdocs-jupyter's include_source
        # copies the notebook next to its rendered page.
        f'<a href="{section.slug}.ipynb" download>Download this notebook</a>',
        "",
        ABOUT_AWAIT,
    ]
    if dependencies:
        names = ", ".join(f"`{name}`" for name in sorted(dependencies))
        install = " ".join(sorted(dependencies))
        lines += ["", f"Beyond the standard library it needs {names}: `%pip install {install}`."]
    if script_only:
        lines += [
            "",
            "Some examples only run as scripts; they are shown as code with the reason "
            "and a link to their slide.",
        ]
    return "\n".join(lines)


def _server_cells(site: Site) -> list[NotebookNode]:
    """The /count server from survey/demo_server.py, started once for the examples that call it."""
    source = (site.root / "survey" / "demo_server.py").read_text(encoding="utf-8")
    return [
        new_markdown_cell(SERVER_ABOUT),
        new_code_cell(cell_source(source, "# survey/demo_server.py")),
        new_code_cell(SERVER_START),
    ]


def _script_only(reason: str, part: ExampleOnSlide, section: Section, site: Site) -> str:
    """The example as the page shows it, with why it is not a cell and where to run it."""
    file = f"examples/{part.block.id}.py"
    slide = site.link(f"{section.url}#{part.anchor}" if part.anchor else section.url)
    lead = (
        f"**Runs as a script only:** {reason}. Run `python {file}` in a checkout, "
        f"or read it [on its slide]({slide}). The module is `{file}`; the page shows:"
    )
    shown = [*part.block.code_fence(), "", *part.block.output_fence()]
    body = to_notebook_markdown(shown, section, site)
    return f"{lead}\n\n{body}"


def _number_cells(notebook: NotebookNode) -> None:
    """Cell ids from their content, so regenerating an unchanged page changes no id."""
    seen: dict[str, int] = {}
    for cell in notebook.cells:
        digest = hashlib.sha1(cell.source.encode()).hexdigest()[:12]
        seen[digest] = seen.get(digest, 0) + 1
        cell.id = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
