"""Turn each section's page into a Jupyter notebook, execute it, and keep docs/notebooks/ current.

    python -m tools.notebooks                  # regenerate and execute the notebooks that changed
    python -m tools.notebooks --check          # write nothing; diff and exit 1 if one is stale
    python -m tools.notebooks event-loop       # only these sections
    python -m tools.notebooks --force          # execute every notebook again

A notebook is generated from the same sources as the page: the page's prose
becomes markdown cells (speaker notes and recorded ``Output`` blocks left out)
and each example on it becomes a code cell holding the whole module, with its
``asyncio.run(main())`` guard turned into a top-level ``await main()``. An
example that cannot run inside a kernel stays a link to its slide, with the
code as the page shows it.

``--check`` compares the cells' sources, not their outputs: outputs hold
timings, ports and kernel paths that differ on every run. It also insists that
the committed notebook was executed and holds no error.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import hashlib
import os
import re
import sys
import textwrap
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import yaml

from tools.capture import environment
from tools.catalog import METADATA_BLOCK, ROOT, Example, load
from tools.runner import write_atomically

FIX_COMMAND = "nox -s notebooks"
NOTEBOOKS_DIR = Path("docs/notebooks")
KERNEL = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

# Nav pages that are not sections of the survey, so they get no notebook.
NOT_SECTIONS = {"further-reading.md": "a reading list, with no code to run"}

# Examples a kernel cannot run that no rule in `script_only_reason` spots, and why.
SCRIPT_ONLY: dict[str, str] = {
    "concurrency/debug_mode": (
        "its lesson is what `python -X dev` turns on for the whole process, and the kernel "
        "was started without it, so here it would report no slow step at all"
    ),
}

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

FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)[ \t]+(?P<kind>[\w-]+)(?:[ \t]+\"(?P<title>[^\"]*)\")?")
HEADING = re.compile(r"^(?P<level>#{1,6})[ \t]+(?P<text>.+?)[ \t#]*$")
TITLE = re.compile(r'\btitle="(?P<title>[^"]*)"')
EXAMPLE_PATH = re.compile(r"^examples/(?P<id>[\w-]+/[\w-]+)\.py$")
# A line meant as a snippet include that pymdownx will not read (spaces inside the marker).
MANGLED_SNIPPET = re.compile(r"^\s*-+\s*8\s*<\s*-+")
LINK = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]+)(?P<rest>[^)]*)\)")
ATTR_LIST = re.compile(
    r"[ \t]*\{:?[ \t]*(?:[.#][\w-]+|[\w-]+=\S+)(?:[ \t]+(?:[.#][\w-]+|[\w-]+=\S+))*[ \t]*\}"
)


class NotebookError(ValueError):
    """A page or example that cannot be made into a notebook as it stands."""


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    page: str  # relative to docs_dir, as in the nav

    @property
    def url(self) -> str:
        """The page's address relative to the site root, as mkdocs makes it."""
        return page_url(self.page)


@dataclass
class Site:
    """What the generator needs from mkdocs.yml."""

    root: Path
    docs_dir: Path
    site_url: str
    repo_url: str
    nav: list[tuple[str, str]]
    snippets: dict[str, Any]

    def link(self, target: str) -> str:
        return f"{self.site_url}{target}" if self.site_url else target


@dataclass
class Page:
    """A page cut into notebook parts, in reading order."""

    parts: list[Markdown | ExampleBlock] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Markdown:
    lines: list[str]


@dataclass
class ExampleBlock:
    example_id: str
    lines: list[str]  # the fenced block as written on the page
    anchor: str  # the slide it sits on
    output: list[str] = field(default_factory=list)  # the Output block after it, if any


def page_url(page: str) -> str:
    path = page.removesuffix(".md")
    if path == "index":
        return ""
    return f"{path.removesuffix('/index')}/"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its !ENV and !!python tags, which we do not need."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)


def read_site(root: Path = ROOT) -> Site:
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), _TolerantLoader)
    snippets: dict[str, Any] = {}
    for extension in config.get("markdown_extensions", []):
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            snippets = dict(extension["pymdownx.snippets"] or {})
    base = snippets.get("base_path", ["."])
    snippets["base_path"] = [
        str(root / path) for path in ([base] if isinstance(base, str) else base)
    ]
    site_url = config.get("site_url") or ""
    return Site(
        root=root,
        docs_dir=root / config.get("docs_dir", "docs"),
        site_url=site_url if not site_url or site_url.endswith("/") else f"{site_url}/",
        repo_url=(config.get("repo_url") or "").rstrip("/"),
        nav=list(_flatten_nav(config.get("nav", []))),
        snippets=snippets,
    )


def _flatten_nav(items: list) -> Any:
    for item in items:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, list):
                    yield from _flatten_nav(value)
                elif isinstance(value, str):
                    yield title, value
        elif isinstance(item, str):
            yield item, item


def sections(site: Site) -> list[Section]:
    """Every section page in nav order, each with the name of its notebook."""
    found = []
    for title, page in site.nav:
        if not page.endswith(".md") or page in NOT_SECTIONS:
            continue
        stem = Path(page).with_suffix("").as_posix()
        slug = slugify(title) if stem == "index" else stem.replace("/", "-")
        found.append(Section(slug, title, page))
    return found


def slugify(text: str) -> str:
    from markdown.extensions.toc import slugify as toc_slugify

    return toc_slugify(text, "-")


def heading_anchors(headings: list[str]) -> list[str]:
    """The ids mkdocs gives these headings, rendered together so duplicates get their suffix."""
    import markdown

    html = markdown.markdown("\n\n".join(headings), extensions=["toc"])
    return re.findall(r'<h[1-6] id="([^"]*)"', html)


# --- reading a page --------------------------------------------------------------------------


def read_page(section: Section, site: Site) -> Page:
    """Cut the page into prose and examples, dropping speaker notes and recorded output."""
    path = site.docs_dir / section.page
    lines = path.read_text(encoding="utf-8").splitlines()
    shown_path = path.relative_to(site.root).as_posix()
    page = Page()
    headings = [line for line in _outside_fences(lines) if HEADING.match(line)]
    anchors = iter(heading_anchors(headings))
    anchor = ""
    buffer: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if fence := FENCE.match(line):
            end = _fence_end(lines, index, fence["fence"])
            block = lines[index : end + 1]
            body = lines[index + 1 : end]
            title_match = TITLE.search(fence["info"])
            title = title_match["title"] if title_match else ""
            for offset, body_line in enumerate(body, start=index + 2):
                if MANGLED_SNIPPET.match(body_line) and not _is_snippet(body_line):
                    page.warnings.append(
                        f"{shown_path}:{offset}: {body_line.strip()!r} is not a snippet include "
                        "pymdownx.snippets reads (no spaces inside --8<--); the page shows it as is"
                    )
            if example_id := _example_in(title, body):
                _flush(buffer, page)
                page.parts.append(ExampleBlock(example_id, block, anchor))
            elif title == "Output" or any(".out" in line and _is_snippet(line) for line in body):
                pending = any(line.strip() for line in buffer)
                last = page.parts[-1] if page.parts and not pending else None
                if isinstance(last, ExampleBlock) and not last.output:
                    last.output = block
                else:
                    buffer.extend(block)
            else:
                buffer.extend(block)
            index = end + 1
            continue
        if heading := HEADING.match(line):
            anchor = next(anchors)
            if len(heading["level"]) <= 2:
                _flush(buffer, page)
            buffer.append(line)
        elif admonition := ADMONITION.match(line):
            end = _indented_end(lines, index)
            if admonition["kind"] != "notes":
                buffer.extend(_as_blockquote(admonition, lines[index + 1 : end]))
            index = end
            continue
        else:
            buffer.append(line)
        index += 1
    _flush(buffer, page)
    return page


def _outside_fences(lines: list[str]) -> list[str]:
    kept, index = [], 0
    while index < len(lines):
        if fence := FENCE.match(lines[index]):
            index = _fence_end(lines, index, fence["fence"]) + 1
            continue
        kept.append(lines[index])
        index += 1
    return kept


def _fence_end(lines: list[str], start: int, fence: str) -> int:
    closing = re.compile(rf"^{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
    for index in range(start + 1, len(lines)):
        if closing.match(lines[index]):
            return index
    return len(lines) - 1


def _indented_end(lines: list[str], start: int) -> int:
    """The index just past an admonition's indented body."""
    index = start + 1
    while index < len(lines) and (not lines[index].strip() or lines[index].startswith("    ")):
        index += 1
    while index > start + 1 and not lines[index - 1].strip():
        index -= 1
    return index


def _as_blockquote(admonition: re.Match, body: list[str]) -> list[str]:
    """Jupyter renders no admonitions, so one becomes a quote with a bold title."""
    title = admonition["title"] if admonition["title"] is not None else admonition["kind"].title()
    text = textwrap.dedent("\n".join(body)).splitlines()
    quoted = [f"> **{title}**" if title else ">"] + [">"] * bool(title)
    return [*quoted, *(f"> {line}".rstrip() for line in text), ""]


def _is_snippet(line: str) -> bool:
    from pymdownx.snippets import SnippetPreprocessor

    return SnippetPreprocessor.RE_ALL_SNIPPETS.match(line) is not None


def _example_in(title: str, body: list[str]) -> str | None:
    """The example a code block shows: named by its title, or else by the module it includes."""
    from pymdownx.snippets import SnippetPreprocessor

    if match := EXAMPLE_PATH.match(title):
        return match["id"]
    for line in body:
        snippet = SnippetPreprocessor.RE_ALL_SNIPPETS.match(line)
        if snippet and snippet["snippet"]:
            path = snippet["snippet"][1:-1].strip()
            file_part = SnippetPreprocessor.RE_SNIPPET_FILE.match(path)
            if file_part and (match := EXAMPLE_PATH.match(file_part[1])):
                return match["id"]
    return None


def _flush(buffer: list[str], page: Page) -> None:
    if any(line.strip() for line in buffer):
        page.parts.append(Markdown(list(buffer)))
    buffer.clear()


# --- examples as cells -----------------------------------------------------------------------


@dataclass(frozen=True)
class Runnable:
    example: Example
    code: str
    dependencies: tuple[str, ...]


@dataclass(frozen=True)
class ScriptOnly:
    example: Example
    reason: str


def prepare(example: Example, floor: tuple[int, int]) -> Runnable | ScriptOnly:
    """The example as one notebook cell, or why it has to stay a script."""
    source = example.path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    if reason := SCRIPT_ONLY.get(example.id) or script_only_reason(example, tree, floor):
        return ScriptOnly(example, reason)
    dropped: set[int] = set()
    guard = next((node for node in tree.body if _is_main_guard(node)), None)
    ending: list[str] = []
    if guard is not None:
        dropped.update(range(guard.lineno, guard.end_lineno + 1))
        ending = _guard_in_a_kernel(guard, source)
    if ast.get_docstring(tree) is not None:
        docstring = tree.body[0]
        dropped.update(range(docstring.lineno, docstring.end_lineno + 1))
    for block in METADATA_BLOCK.finditer(source):
        first = source.count("\n", 0, block.start()) + 1
        dropped.update(range(first, first + block.group(0).count("\n") + 1))
    from pymdownx.snippets import SnippetPreprocessor

    kept = [
        line
        for number, line in enumerate(source.splitlines(), start=1)
        if number not in dropped and not SnippetPreprocessor.RE_SNIPPET_SECTION.match(line)
    ]
    header = f"# examples/{example.id}.py: {example.title}"
    code = _tidy("\n".join([header, *kept, "", *ending]))
    metadata = _script_metadata(source)
    return Runnable(example, code, tuple(metadata.get("dependencies", ())))


def script_only_reason(example: Example, tree: ast.Module, floor: tuple[int, int]) -> str | None:
    """Why a kernel cannot run this module, judged from its options and its code."""
    if example.options.min_python > floor:
        needed = ".".join(map(str, example.options.min_python))
        oldest = ".".join(map(str, floor))
        return f"it needs Python {needed} or later, and this notebook runs on {oldest} too"
    for node in ast.walk(tree):
        name = _dotted(node) or _imported(node)
        if "ProcessPoolExecutor" in name:
            return (
                "its worker processes import the example from a file, and a notebook cell "
                "is not one"
            )
        if "add_signal_handler" in name or name == "signal.signal":
            return "it installs signal handlers, and the kernel's process owns its signals"
        if name == "sys.argv" or (isinstance(node, ast.Import) and _imports(node, "argparse")):
            return "it reads its command line"
        if isinstance(node, ast.ImportFrom | ast.Import) and (sibling := _sibling(node, example)):
            return f"it imports `{sibling}` from its own folder, which the notebook does not hold"
        if name == "__file__":
            return "it finds files next to its own module, and a notebook cell has no file"
        if name in {"sys.exit", "exit", "quit"}:
            return "it ends the process, and here the process is the kernel"
    return None


def _guard_in_a_kernel(guard: ast.If, source: str) -> list[str]:
    """The ``__main__`` block rewritten to run on a kernel whose loop is already running.

    The plain ``asyncio.run(main())`` becomes ``await main()``. A block that does
    more, say compares loops or uses ``asyncio.Runner``, is about how loops start
    and stop, so it runs unchanged in a worker thread, where no loop is running.
    """
    only = guard.body[0] if len(guard.body) == 1 else None
    if (
        isinstance(only, ast.Expr)
        and isinstance(only.value, ast.Call)
        and _dotted(only.value.func) == "asyncio.run"
        and len(only.value.args) == 1
        and not only.value.keywords
    ):
        return [f"await {ast.unparse(only.value.args[0])}"]
    lines = source.splitlines()[guard.body[0].lineno - 1 : guard.end_lineno]
    body = textwrap.indent(textwrap.dedent("\n".join(lines)), "    ")
    return [
        "def run_as_script() -> None:",
        body,
        "",
        "",
        "# This block starts event loops of its own, which a thread with a running loop",
        "# refuses; a worker thread has none, so there it runs just as in the script.",
        "await asyncio.to_thread(run_as_script)",
    ]


def _is_main_guard(node: ast.AST) -> bool:
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
        return False
    parts = [node.test.left, *node.test.comparators]
    if len(parts) != 2 or not isinstance(node.test.ops[0], ast.Eq):
        return False
    sides = {_dotted(part) or _constant(part) for part in parts}
    return sides == {"__name__", "__main__"}


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        prefix = _dotted(node.value)
        return f"{prefix}.{node.attr}" if prefix else node.attr
    return ""


def _constant(node: ast.AST) -> Any:
    return node.value if isinstance(node, ast.Constant) else None


def _sibling(node: ast.Import | ast.ImportFrom, example: Example) -> str | None:
    """A module beside the example that it imports, as a script may and a kernel cannot."""
    if isinstance(node, ast.ImportFrom):
        names = [node.module or ""] if not node.level else []
    else:
        names = [alias.name for alias in node.names]
    folder = example.path.parent
    return next((name for name in names if (folder / f"{name.split('.')[0]}.py").exists()), None)


def _imported(node: ast.AST) -> str:
    """What a ``from m import name`` brings in, so the name counts even when only imported."""
    if isinstance(node, ast.ImportFrom):
        return " ".join(alias.name for alias in node.names)
    return ""


def _imports(node: ast.Import, module: str) -> bool:
    return any(alias.name == module for alias in node.names)


def _tidy(code: str) -> str:
    """At most two blank lines in a row, none at either end."""
    return re.sub(r"\n{4,}", "\n\n\n", code).strip("\n")


def _script_metadata(source: str) -> dict:
    for block in METADATA_BLOCK.finditer(source):
        if block["type"] == "script":
            content = "".join(
                line[2:] if line.startswith("# ") else line[1:]
                for line in block["content"].splitlines(keepends=True)
            )
            return tomllib.loads(content)
    return {}


# --- building a notebook ---------------------------------------------------------------------


@dataclass
class Built:
    section: Section
    notebook: nbformat.NotebookNode
    timeout: float
    warnings: list[str]


def build(section: Section, site: Site) -> Built:
    """The section's notebook, not yet executed."""
    page = read_page(section, site)
    floor = _python_floor(site.root)
    timeouts = [10.0]
    dependencies: set[str] = set()
    server_started = False
    script_only: list[ScriptOnly] = []
    example_cells: list[nbformat.NotebookNode] = []
    shown: set[str] = set()

    for part in page.parts:
        if isinstance(part, Markdown):
            example_cells.append(_markdown_cell(_markdown(part.lines, section, site)))
            continue
        path = site.root / "examples" / f"{part.example_id}.py"
        if not path.exists():
            raise NotebookError(f"{section.page}: no module {path.relative_to(site.root)}")
        example = load(path, site.root / "examples")
        prepared = prepare(example, floor)
        if isinstance(prepared, ScriptOnly):
            script_only.append(prepared)
            example_cells.append(
                _markdown_cell(_script_only_markdown(prepared, part, section, site))
            )
            continue
        if example.id in shown:
            # One module on several slides runs once, where it first appears.
            example_cells.append(
                _markdown_cell(_markdown(part.lines, section, site, strip_title=False))
            )
            continue
        shown.add(example.id)
        if "demo-server" in example.options.needs and not server_started:
            server_started = True
            dependencies.add("aiohttp")
            example_cells.extend(_server_cells(site))
        timeouts.append(example.options.timeout)
        dependencies.update(prepared.dependencies)
        example_cells.append(nbformat.v4.new_code_cell(prepared.code))
    if server_started:
        example_cells.append(_markdown_cell("Stop the `/count` server."))
        example_cells.append(nbformat.v4.new_code_cell(SERVER_STOP))

    intro, *rest = example_cells or [_markdown_cell(f"# {section.title}")]
    cells = [intro, _markdown_cell(_about(section, site, dependencies, script_only)), *rest]
    notebook = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": dict(KERNEL)})
    _number_cells(notebook)
    return Built(section, notebook, timeout=2 * max(timeouts) + 20, warnings=page.warnings)


def _python_floor(root: Path) -> tuple[int, int]:
    """The oldest Python the project supports: every notebook has to run there."""
    try:
        project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
        match = re.search(r">=\s*3\.(\d+)", project["project"]["requires-python"])
    except (OSError, KeyError):
        match = None
    return (3, int(match[1])) if match else (3, 11)


def _about(section: Section, site: Site, dependencies: set[str], script_only: list) -> str:
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


def _server_cells(site: Site) -> list[nbformat.NotebookNode]:
    """The /count server from server/count.py, started once for the examples that call it."""
    source = (site.root / "server" / "count.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    docstring = tree.body[0] if ast.get_docstring(tree) is not None else None
    lines = source.splitlines()
    if docstring is not None:
        del lines[docstring.lineno - 1 : docstring.end_lineno]
    code = _tidy("\n".join(["# server/count.py", *lines]))
    return [
        _markdown_cell(
            "The HTTP examples call a local `/count` server: `GET /count?delay=S` answers "
            "after `S` seconds. The next cells define it and start it; the examples read its "
            "address from `DEMO_SERVER`."
        ),
        nbformat.v4.new_code_cell(code),
        nbformat.v4.new_code_cell(SERVER_START),
    ]


def _script_only_markdown(prepared: ScriptOnly, part: ExampleBlock, section, site) -> str:
    example = prepared.example
    file = f"examples/{example.id}.py"
    where = f"[`{file}`]({site.repo_url}/blob/main/{file})" if site.repo_url else f"`{file}`"
    slide = site.link(f"{section.url}#{part.anchor}" if part.anchor else section.url)
    lead = (
        f"**Runs as a script only:** {prepared.reason}. Run `python {file}` in a checkout, "
        f"or read it [on its slide]({slide}). The module is {where}; the page shows:"
    )
    body = _markdown([*part.lines, "", *part.output], section, site)
    return f"{lead}\n\n{body}"


def _markdown(lines: list[str], section: Section, site: Site, strip_title: bool = True) -> str:
    """Page Markdown as Jupyter renders it: snippets resolved, site links absolute."""
    import markdown

    md = markdown.Markdown(
        extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": site.snippets}
    )
    resolved = md.preprocessors["snippet"].run(list(lines))
    text: list[str] = []
    fence: str | None = None
    for line in resolved:
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening["fence"]
            title = TITLE.search(opening["info"])
            if title and strip_title:
                text += [f"**{title['title']}**", ""]
            language = opening["info"].split()[0] if opening["info"].split() else ""
            text.append(f"{fence}{language}")
            continue
        if fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            text.append(line)
            continue
        text.append(_rewrite_links(ATTR_LIST.sub("", line), section, site))
    return _tidy("\n".join(text).replace("\n\n\n", "\n\n"))


def _rewrite_links(line: str, section: Section, site: Site) -> str:
    """Relative links point into the docs folder; a downloaded notebook needs the site's."""
    page_dir = Path(section.page).parent

    def absolute(match: re.Match) -> str:
        target = match["target"]
        if re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", target, re.IGNORECASE) or not site.site_url:
            return match[0]
        path, _, anchor = target.partition("#")
        resolved = os.path.normpath(page_dir / path).replace(os.sep, "/")
        url = page_url(resolved) if resolved.endswith(".md") else resolved
        url = site.link(url) + (f"#{anchor}" if anchor else "")
        return f"{match['bang']}[{match['text']}]({url}{match['rest']})"

    return LINK.sub(absolute, line)


def _markdown_cell(source: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(source)


def _number_cells(notebook: nbformat.NotebookNode) -> None:
    """Cell ids from their content, so regenerating an unchanged page changes no id."""
    seen: dict[str, int] = {}
    for cell in notebook.cells:
        digest = hashlib.sha1(cell.source.encode()).hexdigest()[:12]
        seen[digest] = seen.get(digest, 0) + 1
        cell.id = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"


# --- execution and comparison ----------------------------------------------------------------


def execute(notebook: nbformat.NotebookNode, root: Path, timeout: float) -> nbformat.NotebookNode:
    """Run every cell on a fresh ipykernel of this interpreter, in the project root.

    Raises nbclient's CellExecutionError at the first cell that raises.
    """
    from nbclient import NotebookClient

    client = NotebookClient(
        notebook,
        kernel_name=KERNEL["name"],
        kernel_manager_class=_pinned_kernel_manager(),
        timeout=timeout,
        allow_errors=False,
        record_timing=False,
        coalesce_streams=True,
        resources={"metadata": {"path": str(root)}},
    )
    client.execute(env=environment({"DEMO_SERVER": ""}))
    return notebook


def _pinned_kernel_manager() -> type:
    """A kernel manager that sees only ipykernel's own spec, which starts sys.executable.

    Whatever "python3" kernel the user's Jupyter paths hold would otherwise win.
    """
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class PinnedKernelManager(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _no_kernel_dirs(self) -> KernelSpecManager:
            return KernelSpecManager(parent=self, kernel_dirs=[])

    return PinnedKernelManager


def errors(notebook: nbformat.NotebookNode) -> list[str]:
    """Why the notebook does not count as executed cleanly, one line per problem."""
    found = []
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code":
            continue
        if cell.get("execution_count") is None:
            found.append(f"cell {number} was never executed")
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"cell {number} raised {output['ename']}: {output['evalue']}")
    return found


def source_view(notebook: nbformat.NotebookNode) -> str:
    """What --check compares: each cell's kind and source, in the py:percent style."""
    kernel = notebook.metadata.get("kernelspec", {}).get("name", "")
    chunks = [f"# kernel: {kernel}\n"]
    for cell in notebook.cells:
        marker = "# %%" if cell.cell_type == "code" else f"# %% [{cell.cell_type}]"
        chunks.append(f"\n{marker}\n{cell.source}\n")
    return "".join(chunks)


def read_notebook(path: Path) -> nbformat.NotebookNode | None:
    try:
        return nbformat.read(path, as_version=4)
    except FileNotFoundError:
        return None


def diff(name: str, committed: nbformat.NotebookNode | None, fresh: nbformat.NotebookNode) -> str:
    old = source_view(committed) if committed is not None else ""
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            source_view(fresh).splitlines(keepends=True),
            fromfile=f"{name} (committed)",
            tofile=f"{name} (from the page)",
        )
    )


def write(path: Path, notebook: nbformat.NotebookNode) -> None:
    nbformat.validate(notebook)
    write_atomically(path, nbformat.writes(notebook) + "\n")


# --- command line ----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.notebooks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("sections", nargs="*", help="notebook names such as event-loop")
    parser.add_argument("--check", action="store_true", help="write nothing; fail if stale")
    parser.add_argument("--force", action="store_true", help="execute even unchanged notebooks")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    from nbclient.exceptions import CellExecutionError

    site = read_site(args.root)
    every = sections(site)
    unknown = set(args.sections) - {section.slug for section in every}
    if unknown:
        raise SystemExit(f"unknown section(s): {', '.join(sorted(unknown))}")
    chosen = [s for s in every if not args.sections or s.slug in args.sections]
    out_dir = args.root / NOTEBOOKS_DIR
    stale = failed = False

    for section in chosen:
        path = out_dir / f"{section.slug}.ipynb"
        name = path.relative_to(args.root).as_posix()
        built = build(section, site)
        for warning in built.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        committed = read_notebook(path)
        current = committed is not None and source_view(committed) == source_view(built.notebook)
        problems = errors(committed) if committed is not None else []
        if current and not problems and not args.force:
            print(f"  ok       {name}")
            continue
        if args.check:
            stale = True
            print(f"  stale    {name}")
            print(diff(name, committed, built.notebook) or "".join(f"{p}\n" for p in problems))
            continue
        try:
            write(path, execute(built.notebook, args.root, built.timeout))
        except CellExecutionError as error:
            failed = True
            print(f"  failed   {name}\n{error}\n")
            print(
                "An example that cannot run in a kernel goes in SCRIPT_ONLY in "
                "tools/notebooks.py, with the reason."
            )
            continue
        print(f"  updated  {name}")

    if not args.sections:
        expected = {f"{section.slug}.ipynb" for section in every}
        for orphan in sorted(out_dir.glob("*.ipynb")):
            if orphan.name not in expected:
                if args.check:
                    stale = True
                    print(f"  stale    {orphan.relative_to(args.root)} (no section has it)")
                else:
                    orphan.unlink()
                    print(f"  removed  {orphan.relative_to(args.root)}")
    if stale:
        print(f"run: {FIX_COMMAND}")
    return 1 if stale or failed else 0


if __name__ == "__main__":
    sys.exit(main())
