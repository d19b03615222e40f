"""The command line: build each notebook, compare it with the committed one, write or diff."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

import nbformat
from nbclient.exceptions import CellExecutionError
from nbformat import NotebookNode

import tools.notebooks
from survey.paths import ROOT
from tools.notebooks.execute import errors, execute
from tools.notebooks.notebook import build
from tools.notebooks.pages import read_site, sections
from tools.runner import write_atomically

FIX_COMMAND = "nox -s notebooks"
NOTEBOOKS_DIR = Path("docs/notebooks")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.notebooks", description=tools.notebooks.__doc__.split("\n")[0]
    )
    parser.add_argument("sections", nargs="*", help="notebook names such as event_loop")
    parser.add_argument("--check", action="store_true", help="write nothing; fail if stale")
    parser.add_argument("--force", action="store_true", help="execute even unchanged notebooks")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

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
        committed = nbformat.read(path, as_version=4) if path.exists() else None
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
                "tools/notebooks/cells.py, with the reason."
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


def source_view(notebook: NotebookNode) -> str:
    """What --check compares: each cell's kind and source, in the py:percent style."""
    kernel = notebook.metadata.get("kernelspec", {}).get("name", "")
    chunks = [f"# kernel: {kernel}\n"]
    for cell in notebook.cells:
        marker = "# %%" if cell.cell_type == "code" else f"# %% [{cell.cell_type}]"
        chunks.append(f"\n{marker}\n{cell.source}\n")
    return "".join(chunks)


def diff(name: str, committed: NotebookNode | None, fresh: NotebookNode) -> str:
    old = source_view(committed) if committed is not None else ""
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            source_view(fresh).splitlines(keepends=True),
            fromfile=f"{name} (committed)",
            tofile=f"{name} (from the page)",
        )
    )


def write(path: Path, notebook: NotebookNode) -> None:
    nbformat.validate(notebook)
    write_atomically(path, nbformat.writes(notebook) + "\n")
