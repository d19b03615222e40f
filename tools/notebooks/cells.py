"""Turn a module into the source of one code cell, or say why a kernel cannot run it."""

from __future__ import annotations

import ast
import re
import textwrap

from pymdownx.snippets import SnippetPreprocessor

from survey.catalog import METADATA_BLOCK, Example, Options

# Examples a kernel cannot run that no rule in `script_only_reason` spots, and why.
SCRIPT_ONLY: dict[str, str] = {
    "concurrency/debug_mode": (
        "its lesson is what `python -X dev` turns on for the whole process, and the kernel "
        "was started without it, so here it would report no slow step at all"
    ),
}

# Every notebook has to run on the oldest Python the project supports.
FLOOR = Options.min_python


def script_only_reason(example: Example) -> str | None:
    """Why a kernel cannot run this module, judged from its options and its code."""
    if reason := SCRIPT_ONLY.get(example.id):
        return reason
    if example.options.min_python > FLOOR:
        needed = ".".join(map(str, example.options.min_python))
        oldest = ".".join(map(str, FLOOR))
        return f"it needs Python {needed} or later, and this notebook runs on {oldest} too"
    for node in ast.walk(ast.parse(example.path.read_text(encoding="utf-8"))):
        name = _dotted(node) or _imported(node)
        if "ProcessPoolExecutor" in name:
            return (
                "its worker processes import the example from a file, and a notebook cell "
                "is not one"
            )
        if "add_signal_handler" in name or name == "signal.signal":
            return "it installs signal handlers, and the kernel's process owns its signals"
        if name == "sys.argv" or (isinstance(node, ast.Import) and "argparse" in name.split()):
            return "it reads its command line"
        if isinstance(node, ast.ImportFrom | ast.Import) and (sibling := _sibling(node, example)):
            return f"it imports `{sibling}` from its own folder, which the notebook does not hold"
        if name == "__file__":
            return "it finds files next to its own module, and a notebook cell has no file"
        if name in {"sys.exit", "exit", "quit"}:
            return "it ends the process, and here the process is the kernel"
    return None


def cell_source(source: str, header: str) -> str:
    """The module as one cell under a comment naming it.

    Its docstring, script metadata and snippet markers are left out: the page
    around the cell says the same. The ``__main__`` block is rewritten to run
    on the kernel's loop.
    """
    tree = ast.parse(source)
    dropped: set[int] = set()
    ending: list[str] = []
    if ast.get_docstring(tree) is not None:
        dropped.update(range(tree.body[0].lineno, tree.body[0].end_lineno + 1))
    for block in METADATA_BLOCK.finditer(source):
        first = source.count("\n", 0, block.start()) + 1
        dropped.update(range(first, first + block.group(0).count("\n") + 1))
    if guard := next((node for node in tree.body if _is_main_guard(node)), None):
        dropped.update(range(guard.lineno, guard.end_lineno + 1))
        ending = _guard_in_a_kernel(guard, source)
    kept = [
        line
        for number, line in enumerate(source.splitlines(), start=1)
        if number not in dropped and not SnippetPreprocessor.RE_SNIPPET_SECTION.match(line)
    ]
    code = "\n".join([header, *kept, "", *ending])
    # At most two blank lines in a row, as in the module, once lines are gone.
    return re.sub(r"\n{4,}", "\n\n\n", code).strip("\n")


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


def _is_main_guard(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and ast.unparse(node.test) == "__name__ == '__main__'"


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        prefix = _dotted(node.value)
        return f"{prefix}.{node.attr}" if prefix else node.attr
    return ""


def _imported(node: ast.AST) -> str:
    """The names an import brings in, so that a name counts even when only imported."""
    if isinstance(node, ast.Import | ast.ImportFrom):
        return " ".join(alias.name for alias in node.names)
    return ""


def _sibling(node: ast.Import | ast.ImportFrom, example: Example) -> str | None:
    """A module beside the example that it imports, as a script may and a kernel cannot."""
    if isinstance(node, ast.ImportFrom):
        names = [node.module or ""] if not node.level else []
    else:
        names = [alias.name for alias in node.names]
    folder = example.path.parent
    return next((name for name in names if (folder / f"{name.split('.')[0]}.py").exists()), None)
