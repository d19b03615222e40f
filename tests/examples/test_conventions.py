"""Every example follows the house shape and is shown on a page; every include resolves."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from survey.catalog import discover
from survey.paths import EXAMPLES_DIR, ROOT

EXAMPLES = discover()
PAGES = sorted((ROOT / "docs").glob("*.md"))
INCLUDE = re.compile(r'--8<-- "(?P<path>[^":]+)(?::(?P<region>[\w-]+))?"')


def includes() -> list[tuple[Path, str, str | None]]:
    found = []
    for page in PAGES:
        for match in INCLUDE.finditer(page.read_text(encoding="utf-8")):
            found.append((page, match["path"], match["region"]))
    return found


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
    shown = {path for _, path, _ in includes()}
    assert f"examples/{example.id}.py" in shown, f"no page includes {example.id}"


@pytest.mark.parametrize(
    ("page", "path", "region"), includes(), ids=lambda value: getattr(value, "name", str(value))
)
def test_included_region_exists(page: Path, path: str, region: str | None) -> None:
    source = (ROOT / path).read_text(encoding="utf-8")
    if region:
        assert f"# --8<-- [start:{region}]" in source, f"{page.name}: {path} has no region {region}"
        assert f"# --8<-- [end:{region}]" in source, f"{page.name}: {path} never ends {region}"


def test_each_section_page_shares_its_name_with_an_examples_folder() -> None:
    folders = {path.name for path in EXAMPLES_DIR.iterdir() if path.is_dir()}
    pages = {page.stem for page in PAGES}
    assert folders <= pages, f"no page for examples/{sorted(folders - pages)}"
