"""The one-line example block: what it renders, and how a wrong one fails."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from survey.markdown import ExampleBlockError
from survey.paths import ROOT

EXTENSIONS = ["md_in_html", "pymdownx.superfences", "pymdownx.snippets", "survey.markdown"]


def render(text: str, root: Path = ROOT) -> str:
    return markdown.markdown(
        text,
        extensions=EXTENSIONS,
        extension_configs={
            "pymdownx.snippets": {"base_path": [str(root)], "check_paths": True},
            "survey.markdown": {"root": str(root)},
        },
    )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "examples" / "tiny"
    folder.mkdir(parents=True)
    (folder / "hello.py").write_text(
        '"""Says hello."""\n# --8<-- [start:core]\nprint("hello")\n# --8<-- [end:core]\n'
    )
    (folder / "hello.out").write_text("hello from the .out\n")
    return tmp_path


def test_a_block_renders_code_output_and_a_run_button(root: Path) -> None:
    html = render("# Page\n\n::: example tiny/hello:core\n\nAfter.\n", root)
    block = re.search(r'<div class="example" data-example="tiny/hello">(.*?)\n</div>', html, re.S)
    assert block, html
    inside = block[1]
    assert '<span class="filename">examples/tiny/hello.py</span>' in inside
    assert "print" in inside
    assert "# --8<--" not in inside
    assert '<span class="filename">Output</span>' in inside
    assert "hello from the .out" in inside
    assert '<button type="button" class="live-run" hidden>Run</button>' in inside
    assert inside.index("examples/tiny/hello.py") < inside.index("Output")
    assert "<p>After.</p>" in html


def test_no_output_leaves_the_captured_output_out(root: Path) -> None:
    html = render("::: example tiny/hello:core no-output\n", root)
    assert "examples/tiny/hello.py" in html
    assert "Output" not in html
    assert "hello from the .out" not in html


@pytest.mark.parametrize(
    ("line", "complaint"),
    [
        ("::: example tiny/goodbye:core", "line 3: no example tiny/goodbye"),
        ("::: example tiny/hello:setup", "line 3: examples/tiny/hello.py has no region 'setup'"),
        ("::: example tiny/hello", "line 3: .* is not an example block"),
        ("::: example tiny/hello:core loud", r"line 3: unknown flag \['loud'\]"),
    ],
)
def test_a_wrong_block_names_its_line(root: Path, line: str, complaint: str) -> None:
    with pytest.raises(ExampleBlockError, match=complaint):
        render(f"# Page\n\n{line}\n", root)


def test_a_block_without_captured_output_says_how_to_make_it(root: Path) -> None:
    (root / "examples" / "tiny" / "hello.out").unlink()
    with pytest.raises(ExampleBlockError, match="run: nox -s examples -- tiny/hello"):
        render("::: example tiny/hello:core\n", root)
