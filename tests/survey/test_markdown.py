"""The one-line example block: what it renders, and how a wrong one fails."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from survey.markdown import ExampleBlockError
from survey.paths import ROOT
from survey.recording import Recording, dumps

EXTENSIONS = ["md_in_html", "pymdownx.superfences", "pymdownx.snippets", "survey.markdown"]


def render(text: str, root: Path = ROOT, browser: bool = False) -> str:
    return markdown.markdown(
        text,
        extensions=EXTENSIONS,
        extension_configs={
            "pymdownx.snippets": {"base_path": [str(root)], "check_paths": True},
            "survey.markdown": {"root": str(root), "browser": browser},
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
    block = re.search(
        r'<div class="example" data-example="tiny/hello" data-region="core">(.*?)\n</div>',
        html,
        re.S,
    )
    assert block, html
    inside = block[1]
    assert '<span class="filename">examples/tiny/hello.py</span>' in inside
    assert "print" in inside
    assert "# --8<--" not in inside
    assert '<span class="filename">Output</span>' in inside
    assert "hello from the .out" in inside
    assert '<button type="button" class="live-run" data-run="replay"' in inside
    assert inside.index("examples/tiny/hello.py") < inside.index("Output")
    assert "<p>After.</p>" in html


def test_a_site_with_python_for_the_browser_runs_examples_there(root: Path) -> None:
    html = render("::: example tiny/hello:core\n", root, browser=True)
    assert '<button type="button" class="live-run" data-run="browser" hidden>Run</button>' in html


def test_an_example_that_cannot_run_in_a_browser_replays_and_says_why(root: Path) -> None:
    (root / "examples" / "tiny" / "hello.py").write_text(
        '"""Says hello."""\n# /// script\n# [tool.survey]\n# no-browser = "it starts \'threads\'"\n'
        '# ///\n# --8<-- [start:core]\nprint("hello")\n# --8<-- [end:core]\n'
    )
    html = render("::: example tiny/hello:core\n", root, browser=True)
    assert 'data-run="replay" data-why="it starts &#x27;threads&#x27;"' in html


def test_without_python_for_the_browser_every_example_replays(root: Path) -> None:
    html = render("::: example tiny/hello:core\n", root, browser=False)
    assert 'data-run="replay" data-why="this copy of the site was built without' in html


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


def add_replay(root: Path, trace: list[dict] | None) -> None:
    replay = root / "docs" / "replays" / "tiny" / "hello.json"
    replay.parent.mkdir(parents=True, exist_ok=True)
    events = [
        {"type": "start", "id": "tiny/hello", "t": 0.0},
        *([{"type": "trace", "events": trace, "t": 0.1}] if trace else []),
        {"type": "line", "stream": "stdout", "text": "hello", "t": 0.1},
        {"type": "exit", "code": 0, "elapsed": 0.2, "t": 0.2},
    ]
    replay.write_text(dumps(Recording("tiny/hello", "Says hello.", events)))


TRACE = [
    {"kind": "task", "task": "Task-1", "t": 0.1, "state": "created", "label": "main()"},
    {"kind": "task", "task": "Task-2", "t": 0.1, "state": "created", "label": "nap(1)"},
    {
        "kind": "task",
        "task": "Task-3",
        "t": 0.2,
        "state": "created",
        "label": "shutdown_asyncgens()",
    },
    {
        "kind": "task",
        "task": "Task-4",
        "t": 0.2,
        "state": "created",
        "label": "shutdown_default_executor()",
    },
    {"kind": "step", "task": "asyncio_0", "lane": "thread", "t": 0.15, "d": 0.01},
]


def test_timeline_reserves_a_figure_with_its_lanes_and_the_examples_unit(root: Path) -> None:
    source = root / "examples" / "tiny" / "hello.py"
    source.write_text(source.read_text().replace('"""\n', '"""\nDELAY = 0.25\n', 1))
    add_replay(root, TRACE)
    html = render("::: example tiny/hello:core timeline\n\nAfter.\n", root)
    # The figure stays whole inside its block, and what follows stays outside.
    block = re.search(r'<div class="example"[^>]*>(.*?)\n</div>\n<p>After.</p>', html, re.S)
    assert block, html
    assert block[1].count("</figure>") == 1
    assert "<summary>The timeline as a table</summary></details></figure>\n" in block[1]
    figure = re.search(r'<figure class="timeline"[^>]*>', html)
    assert figure, html
    # main, nap, one thread, and asyncio.run's two clean-up tasks sharing one lane.
    assert 'style="--timeline-rows: 4"' in figure[0]
    assert 'data-delay="0.25"' in figure[0]
    assert '<svg role="img" aria-label="Timeline of tiny/hello"' in html
    assert "in delays of 0.25 s" in html
    assert html.index("hello from the .out") < html.index('<figure class="timeline"')


def test_no_code_leaves_the_code_and_its_run_button_out(root: Path) -> None:
    add_replay(root, TRACE)
    html = render("::: example tiny/hello:core timeline no-code no-output\n", root)
    assert '<figure class="timeline"' in html
    assert "examples/tiny/hello.py" not in html
    assert "live-run" not in html
    assert "data-delay" not in html


@pytest.mark.parametrize("trace", [None, []], ids=["untraced", "empty"])
def test_a_timeline_without_a_recorded_trace_says_how_to_record_one(
    root: Path, trace: list[dict] | None
) -> None:
    add_replay(root, trace)
    with pytest.raises(
        ExampleBlockError, match=r"no recorded trace.*nox -s examples -- tiny/hello"
    ):
        render("::: example tiny/hello:core timeline\n", root)


def test_no_code_alone_would_show_nothing(root: Path) -> None:
    with pytest.raises(ExampleBlockError, match="no-code leaves nothing to show"):
        render("::: example tiny/hello:core no-code\n", root)


def render_exercise(line: str, browser: bool = True) -> str:
    extension = {"survey.markdown": {"browser": browser}}
    md = markdown.Markdown(
        extensions=["survey.markdown", "admonition", "md_in_html", "pymdownx.details"],
        extension_configs=extension,
    )
    return md.convert(line)


def test_an_exercise_renders_task_code_controls_hints_verdict_and_the_solution_in_notes() -> None:
    page = render_exercise("::: exercise cancellation/deadline")
    assert 'data-exercise="cancellation/deadline"' in page
    assert "Give the query one delay" in page
    assert 'data-example="cancellation/exercises/deadline/start"' in page
    assert 'data-run="browser" data-browser-only' in page
    assert 'data-action="hint"' in page
    assert 'data-action="solution"' in page
    assert page.count("<li>") == 3
    assert 'class="exercise__grade" role="status"' in page
    assert "examples/cancellation/exercises/deadline/solution.py:core" in page


def test_an_exercise_without_python_for_the_browser_says_it_cannot_run() -> None:
    page = render_exercise("::: exercise cancellation/deadline", browser=False)
    assert "built without Python for the browser" in page
    assert 'data-action="hint"' not in page


@pytest.mark.parametrize(
    ("line", "complaint"),
    [
        ("::: exercise concurrency", "is not an exercise block"),
        ("::: exercise concurrency/nothing", "has no check.py"),
    ],
)
def test_a_wrong_exercise_block_names_its_line(line: str, complaint: str) -> None:
    with pytest.raises(ExampleBlockError, match=complaint):
        render_exercise(line)
