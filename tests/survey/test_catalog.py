"""The catalog reads each example's docstring and PEP 723 options without importing it."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey.catalog import CatalogError, Options, discover, load


def write(directory: Path, example_id: str, source: str) -> Path:
    path = directory / f"{example_id}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    return path


def test_reads_title_and_defaults(tmp_path: Path) -> None:
    write(tmp_path, "basics/hello", '"""Say hello.\n\nMore words."""\nprint("hi")\n')
    [example] = discover(tmp_path)
    assert example.id == "basics/hello"
    assert example.title == "Say hello."
    assert example.options == Options()


def test_reads_options_from_the_script_block(tmp_path: Path) -> None:
    source = '''"""Uses everything."""
# /// script
# requires-python = ">=3.13"
# dependencies = ["aiohttp"]
# [tool.survey]
# timeout = 2.5
# serial = true
# needs = ["demo-server"]
# stderr = "merge"
# unordered = true
# no-browser = "it starts threads"
# ///
raise SystemExit("importing this module would be a bug")
'''
    example = load(write(tmp_path, "basics/options", source), tmp_path)
    assert example.options == Options(
        timeout=2.5,
        serial=True,
        needs=frozenset({"demo-server"}),
        stderr="merge",
        unordered=True,
        min_python=(3, 13),
        no_browser="it starts threads",
    )
    assert example.skip_reason((3, 12)) == "needs Python ≥ 3.13"
    assert example.skip_reason((3, 13)) is None


def test_private_modules_are_not_examples(tmp_path: Path) -> None:
    write(tmp_path, "basics/_helper", '"""Not shown."""\n')
    assert discover(tmp_path) == []


@pytest.mark.parametrize(
    ("source", "complaint"),
    [
        ("print(1)\n", "needs a docstring"),
        ('"""Doc."""\n# /// script\n# [tool.survey]\n# timout = 3\n# ///\n', "unknown"),
        ('"""Doc."""\n# /// script\n# [tool.survey]\n# needs = ["redis"]\n# ///\n', "needs"),
        ('"""Doc."""\n# /// script\n# [tool.survey]\n# stderr = "drop"\n# ///\n', "stderr"),
        ('"""Doc."""\n# /// script\n# requires-python = "~=3.12"\n# ///\n', "requires-python"),
        ('"""Doc."""\n' + "# /// script\n# dependencies = []\n# ///\npass\n" * 2, "more than one"),
        ('"""Doc."""\n# /// script\n# [tool.survey]\n# no-browser = true\n# ///\n', "why"),
    ],
)
def test_bad_declarations_name_the_example(tmp_path: Path, source: str, complaint: str) -> None:
    path = write(tmp_path, "basics/broken", source)
    with pytest.raises(CatalogError, match=f"basics/broken.*{complaint}"):
        load(path, tmp_path)


@pytest.mark.parametrize(
    ("assignment", "delay"),
    [("DELAY = 0.2\n", 0.2), ("DELAY = 3\n", 3.0), ("DELAY = -1\n", None), ("", None)],
)
def test_a_module_level_delay_is_the_examples_unit(tmp_path, assignment: str, delay) -> None:
    path = tmp_path / "tiny" / "timed.py"
    path.parent.mkdir()
    path.write_text(f'"""Naps."""\n{assignment}\n\ndef later():\n    DELAY = 9\n')
    assert load(path, tmp_path).delay == delay
