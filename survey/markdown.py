"""The example block: one line on a page, ``::: example concurrency/gather_sleep:core``.

A Python-Markdown extension (``survey.markdown`` in mkdocs.yml's
``markdown_extensions``), so the site builds the same under any tool that
runs Python-Markdown extensions. The line names an example and the region of
it to show; it becomes::

    <div class="example" data-example="concurrency/gather_sleep" data-region="core"
         data-replay="replays/concurrency/gather_sleep.json" markdown>

    ```python title="examples/concurrency/gather_sleep.py"
    --8<-- "examples/concurrency/gather_sleep.py:core"
    ```

    ```text title="Output"
    --8<-- "examples/concurrency/gather_sleep.out"
    ```

    <div class="example__controls">
    <button type="button" class="live-run" data-run="browser" hidden>Run</button></div>

    </div>

The button's ``data-run`` says where the static site runs the example:
``browser`` when the build carries the in-browser Python (the ``browser``
option, which ``tools/pyodide_runtime.py`` sets) and the example declares no
``no-browser`` reason; otherwise ``replay``, with the reason in ``data-why``.
Served by ``python -m server``, live.js makes it ``server``, except for an
example that needs a newer Python than the captured set
(``data-browser-only``), which nothing but the browser runs.

The fences are left for pymdownx.snippets (which reads the files, so its
``check_paths`` still guards them) and superfences; ``md_in_html`` renders the
Markdown inside the ``div``. The Run button stays hidden until
``docs/assets/deck/live.js`` enables it. A slide that shows one module in
several parts adds ``no-output`` to the parts before its last:
``::: example streams/mini_redis:framing no-output``.

A slide whose lesson is when things run adds ``timeline``: under the output
goes a ``<figure class="timeline">`` that ``docs/assets/deck/timeline.js``
draws from the trace in the example's replay file, its height reserved here
from the number of lanes that trace has, so that the slide is laid out once.
``no-code`` leaves the code (and so the Run button) out, for a slide about the
picture alone.

An unknown example, region or flag, or a missing captured output, raises
``ExampleBlockError`` naming the line, which fails the build.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from survey import recording
from survey.catalog import Example, load
from survey.exercises import ExerciseError
from survey.exercises import load as load_exercise
from survey.paths import ROOT
from survey.trace_reader import lane_count

# Before pymdownx.snippets (32), so the fences this writes get their files included.
PRIORITY = 34
BLOCK = re.compile(r"^::: example\b(?P<rest>.*)$")
ARGUMENTS = re.compile(r"^ (?P<id>[\w-]+/[\w-]+):(?P<region>[\w-]+)(?P<flags>(?: [\w-]+)*)\s*$")
FLAGS = {"no-output", "no-code", "timeline"}
EXERCISE = re.compile(r"^::: exercise\b(?P<rest>.*)$")
EXERCISE_ID = re.compile(r"^ (?P<section>[\w-]+)/(?P<name>[\w-]+)\s*$")
# How to read the drawing, once per figure (the keys' styles are in timeline.css).
LEGEND = (
    '<span class="timeline__key timeline__key--step">▬</span> a step the loop ran · '
    '<span class="timeline__key timeline__key--life">┄</span> a task waiting · '
    '<span class="timeline__key timeline__key--hold">█</span> the loop held · '
    '<span class="timeline__key timeline__key--cancelled">✕</span> cancelled · '
    '<span class="timeline__key timeline__key--failed">!</span> failed · '
    '<span class="timeline__key timeline__key--print">▾</span> a line printed'
)


class ExampleBlockError(ValueError):
    """An example block that names something that is not there."""


@dataclass(frozen=True)
class Timeline:
    lanes: int  # in the recorded trace, as the drawing counts them
    delay: float | None  # the example's unit of time, in seconds

    def html(self, example_id: str) -> str:
        unit = f", in delays of {self.delay:g} s" if self.delay else ""
        delay = f' data-delay="{self.delay:g}"' if self.delay else ""
        name = html.escape(f"Timeline of {example_id}", quote=True)
        return (
            f'<figure class="timeline" data-example="{example_id}"{delay}'
            f' style="--timeline-rows: {self.lanes}">'
            f'<figcaption class="timeline__caption">What the loop ran, and when{unit}: '
            f"{LEGEND}</figcaption>"
            f'<svg role="img" aria-label="{name}" xmlns="http://www.w3.org/2000/svg"></svg>'
            '<details class="timeline__text"><summary>The timeline as a table</summary>'
            "</details></figure>"
        )


@dataclass(frozen=True)
class ExampleBlock:
    id: str
    region: str
    output: bool  # show the captured output under the code
    why_not_in_browser: str | None = None  # None: Run runs it in the reader's browser
    browser_only: bool = False  # no server or recording runs it: Python 3.14 features
    code: bool = True
    timeline: Timeline | None = None
    replay: str | None = None  # its replay file's URL from the site's root, where recorded

    def code_fence(self) -> list[str]:
        if not self.code:
            return []
        path = f"examples/{self.id}.py"
        return [f'```python title="{path}"', f'--8<-- "{path}:{self.region}"', "```"]

    def output_fence(self) -> list[str]:
        if not self.output:
            return []
        return ['```text title="Output"', f'--8<-- "examples/{self.id}.out"', "```"]

    def run_button(self) -> str:
        if self.browser_only and self.why_not_in_browser is not None:
            return ""  # nothing recorded to replay, and no Python here to run it
        if self.browser_only:
            where = 'data-run="browser" data-browser-only'
        elif self.why_not_in_browser is None:
            where = 'data-run="browser"'
        else:
            where = f'data-run="replay" data-why="{html.escape(self.why_not_in_browser)}"'
        return f'<button type="button" class="live-run" {where} hidden>Run</button>'

    def markdown(self) -> list[str]:
        output = ["", *self.output_fence()] if self.output else []
        timeline = ["", self.timeline.html(self.id)] if self.timeline else []
        controls = ["", f'<div class="example__controls">{self.run_button()}</div>']
        replay = f' data-replay="{self.replay}"' if self.replay else ""
        return [
            f'<div class="example" data-example="{self.id}" data-region="{self.region}"'
            f"{replay} markdown>",
            "",
            *self.code_fence(),
            *output,
            *timeline,
            *(controls if self.code else []),
            "",
            "</div>",
        ]


def why_not_in_browser(example: Example, browser: bool) -> str | None:
    """Why the static site cannot run ``example`` in the reader's browser, or None."""
    if not browser:
        return "this copy of the site was built without Python for the browser"
    return example.options.no_browser


def parse(line: str, where: str, root: Path = ROOT, browser: bool = False) -> ExampleBlock | None:
    """The block a line declares, None if it declares none; ExampleBlockError if it is wrong.

    ``where`` names the line in the error (``docs/page.md:12`` or ``line 12``);
    ``browser`` says whether the site carries Python for the reader's browser.
    """
    if not (block := BLOCK.match(line)):
        return None
    arguments = ARGUMENTS.match(block["rest"])
    if not arguments:
        raise ExampleBlockError(
            f"{where}: {line.strip()!r} is not an example block; write "
            "'::: example SECTION/NAME:REGION', e.g. '::: example concurrency/gather_sleep:core'"
        )
    example_id, region = arguments["id"], arguments["region"]
    flags = set(arguments["flags"].split())
    if unknown := flags - FLAGS:
        raise ExampleBlockError(f"{where}: unknown flag {sorted(unknown)} (known: {sorted(FLAGS)})")
    module = root / "examples" / f"{example_id}.py"
    if not module.is_file():
        raise ExampleBlockError(f"{where}: no example {example_id} (examples/{example_id}.py)")
    source = module.read_text(encoding="utf-8")
    if f"# --8<-- [start:{region}]" not in source or f"# --8<-- [end:{region}]" not in source:
        raise ExampleBlockError(f"{where}: examples/{example_id}.py has no region {region!r}")
    if "no-code" in flags and "timeline" not in flags:
        raise ExampleBlockError(f"{where}: no-code leaves nothing to show without timeline")
    output = "no-output" not in flags
    if output and not module.with_suffix(".out").is_file():
        raise ExampleBlockError(
            f"{where}: examples/{example_id}.out is missing; run: nox -s examples -- {example_id}"
        )
    example = load(module, root / "examples")
    reason = why_not_in_browser(example, browser)
    timeline = read_timeline(example, where, root) if "timeline" in flags else None
    code = "no-code" not in flags
    replay = replay_url(example, root)
    return ExampleBlock(
        example_id, region, output, reason, example.browser_only, code, timeline, replay
    )


def replay_url(example: Example, root: Path) -> str | None:
    """Where the site publishes the example's recorded run, if it has one."""
    url = f"replays/{example.id}.json"
    return url if (root / "docs" / url).is_file() else None


def read_timeline(example: Example, where: str, root: Path) -> Timeline:
    """What the page needs to know of the recorded trace before anything draws it."""
    replay = root / "docs" / "replays" / f"{example.id}.json"
    try:
        trace = recording.loads(replay.read_text(encoding="utf-8")).trace
    except (OSError, ValueError):
        trace = None
    if not trace:
        raise ExampleBlockError(
            f"{where}: {example.id} has no recorded trace to draw; "
            f"run: nox -s examples -- {example.id}"
        )
    return Timeline(lane_count(trace), example.delay)


@dataclass(frozen=True)
class ExerciseBlock:
    """An exercise's slide body: the task, its starting code (run only in the browser,
    where the run is graded), hints, a solution button, the verdict's place, and the
    solution in the speaker notes (which the Solution button also reads)."""

    id: str
    task: str
    hints: tuple[str, ...]
    code: ExampleBlock

    def markdown(self) -> list[str]:
        solution = self.code.id.removesuffix("/start") + "/solution.py"
        hints = [f"1. {hint}" for hint in self.hints]
        runnable = self.code.why_not_in_browser is None
        controls = (
            '<div class="exercise__controls">'
            '<button type="button" class="exercise__button" data-action="hint" hidden>Hint</button>'
            '<button type="button" class="exercise__button" data-action="solution" hidden>'
            "Solution</button></div>"
        )
        unavailable = (
            '<p class="exercise__off">An exercise runs, and is checked, in your browser: '
            "this copy of the site was built without Python for the browser.</p>"
        )
        return [
            f'<div class="exercise" data-exercise="{self.id}" markdown>',
            "",
            f'<p class="exercise__task"><strong>Exercise:</strong> {html.escape(self.task)}</p>',
            "",
            *self.code.markdown(),
            "",
            controls if runnable else unavailable,
            "",
            '<div class="exercise__hints" markdown>',
            "",
            *hints,
            "",
            "</div>",
            "",
            '<p class="exercise__grade" role="status" aria-live="polite"></p>',
            "",
            '??? notes "Speaker notes: the solution"',
            f'    ```python title="examples/{solution}"',
            f'    --8<-- "examples/{solution}:core"',
            "    ```",
            "",
            "</div>",
        ]


def parse_exercise(
    line: str, where: str, root: Path = ROOT, browser: bool = False
) -> ExerciseBlock | None:
    """The exercise block a line declares (``::: exercise SECTION/NAME``), or None."""
    if not (block := EXERCISE.match(line)):
        return None
    if not (arguments := EXERCISE_ID.match(block["rest"])):
        raise ExampleBlockError(
            f"{where}: {line.strip()!r} is not an exercise block; write "
            "'::: exercise SECTION/NAME', e.g. '::: exercise cancellation/deadline'"
        )
    folder = root / "examples" / arguments["section"] / "exercises" / arguments["name"]
    try:
        exercise = load_exercise(folder, root / "examples")
    except (ExerciseError, ValueError) as problem:
        raise ExampleBlockError(f"{where}: {problem}") from None
    reason = why_not_in_browser(load(exercise.start, exercise.folder), browser)
    code = ExampleBlock(exercise.start_id, "core", False, reason, browser_only=True)
    return ExerciseBlock(exercise.id, exercise.task, exercise.hints, code)


class ExampleBlockPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, root: Path, browser: bool) -> None:
        super().__init__(md)
        self.root = root
        self.browser = browser

    def run(self, lines: list[str]) -> list[str]:
        expanded: list[str] = []
        for number, line in enumerate(lines, start=1):
            where = f"line {number}"
            block = parse(line, where, self.root, self.browser) or parse_exercise(
                line, where, self.root, self.browser
            )
            expanded.extend(block.markdown() if block else [line])
        return expanded


class ExampleBlockExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {
            "root": [str(ROOT), "the folder that holds examples/"],
            "browser": [False, "the site carries Python for the reader's browser (Pyodide)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        root = Path(self.getConfig("root"))
        preprocessor = ExampleBlockPreprocessor(md, root, bool(self.getConfig("browser")))
        md.preprocessors.register(preprocessor, "survey_example", PRIORITY)


def makeExtension(**kwargs) -> ExampleBlockExtension:
    return ExampleBlockExtension(**kwargs)
