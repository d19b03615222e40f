"""Every example follows the house shape and is shown on a page by an example block."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from survey.catalog import discover
from survey.markdown import parse
from survey.paths import ROOT

EXAMPLES = discover()
PAGES = sorted((ROOT / "docs").glob("*.md"))
OUT_INCLUDE = re.compile(r'--8<--\s*"[^"]+\.out"')


def shown_examples() -> set[str]:
    """The ids of the examples the pages show in example blocks."""
    return {
        block.id
        for page in PAGES
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1)
        if (block := parse(line, f"{page.name}:{number}"))
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_example_has_a_main_and_the_run_guard(example) -> None:
    tree = ast.parse(example.path.read_text(encoding="utf-8"))
    names = {node.name for node in tree.body if isinstance(node, ast.AsyncFunctionDef)}
    assert "main" in names, f"{example.id} needs an `async def main()`"
    guard = tree.body[-1]
    assert isinstance(guard, ast.If), f"{example.id} must end with the `__main__` guard"
    assert "__main__" in ast.unparse(guard.test), f"{example.id} must end with the `__main__` guard"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_example_is_shown_on_some_page(example) -> None:
    assert example.id in shown_examples(), f"no page has '::: example {example.id}:REGION'"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_no_page_includes_captured_output_by_hand(page: Path) -> None:
    """Output comes only with its code, from an example block, so the two cannot disagree."""
    hand_made = OUT_INCLUDE.findall(page.read_text(encoding="utf-8"))
    assert not hand_made, f"{page.name}: write '::: example ID:REGION' instead of {hand_made}"


def test_each_section_page_shares_its_name_with_an_examples_folder() -> None:
    folders = {example.id.split("/")[0] for example in EXAMPLES}
    pages = {page.stem for page in PAGES}
    assert folders <= pages, f"no page for examples/{sorted(folders - pages)}"
