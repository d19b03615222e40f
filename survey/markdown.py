"""The example block: one line on a page, ``::: example concurrency/gather_sleep:core``.

A Python-Markdown extension (``survey.markdown`` in mkdocs.yml's
``markdown_extensions``), so the site builds the same under any tool that
runs Python-Markdown extensions. The line names an example and the region of
it to show; it becomes::

    <div class="example" data-example="concurrency/gather_sleep" markdown>

    ```python title="examples/concurrency/gather_sleep.py"
    --8<-- "examples/concurrency/gather_sleep.py:core"
    ```

    ```text title="Output"
    --8<-- "examples/concurrency/gather_sleep.out"
    ```

    <div class="example__controls"><button type="button" class="live-run" hidden>Run</button></div>

    </div>

The fences are left for pymdownx.snippets (which reads the files, so its
``check_paths`` still guards them) and superfences; ``md_in_html`` renders the
Markdown inside the ``div``. The Run button stays hidden until
``docs/assets/deck/live.js`` enables it. A slide that shows one module in
several parts adds ``no-output`` to the parts before its last:
``::: example streams/mini_redis:framing no-output``.

An unknown example, region or flag, or a missing captured output, raises
``ExampleBlockError`` naming the line, which fails the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from survey.paths import ROOT

# Before pymdownx.snippets (32), so the fences this writes get their files included.
PRIORITY = 34
BLOCK = re.compile(r"^::: example\b(?P<rest>.*)$")
ARGUMENTS = re.compile(r"^ (?P<id>[\w-]+/[\w-]+):(?P<region>[\w-]+)(?P<flags>(?: [\w-]+)*)\s*$")
FLAGS = {"no-output"}


class ExampleBlockError(ValueError):
    """An example block that names something that is not there."""


@dataclass(frozen=True)
class ExampleBlock:
    id: str
    region: str
    output: bool  # show the captured output under the code

    def code_fence(self) -> list[str]:
        path = f"examples/{self.id}.py"
        return [f'```python title="{path}"', f'--8<-- "{path}:{self.region}"', "```"]

    def output_fence(self) -> list[str]:
        if not self.output:
            return []
        return ['```text title="Output"', f'--8<-- "examples/{self.id}.out"', "```"]

    def markdown(self) -> list[str]:
        output = ["", *self.output_fence()] if self.output else []
        return [
            f'<div class="example" data-example="{self.id}" markdown>',
            "",
            *self.code_fence(),
            *output,
            "",
            '<div class="example__controls">'
            '<button type="button" class="live-run" hidden>Run</button></div>',
            "",
            "</div>",
        ]


def parse(line: str, where: str, root: Path = ROOT) -> ExampleBlock | None:
    """The block a line declares, None if it declares none; ExampleBlockError if it is wrong.

    ``where`` names the line in the error (``docs/page.md:12`` or ``line 12``).
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
    output = "no-output" not in flags
    if output and not module.with_suffix(".out").is_file():
        raise ExampleBlockError(
            f"{where}: examples/{example_id}.out is missing; run: nox -s examples -- {example_id}"
        )
    return ExampleBlock(example_id, region, output)


class ExampleBlockPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, root: Path) -> None:
        super().__init__(md)
        self.root = root

    def run(self, lines: list[str]) -> list[str]:
        expanded: list[str] = []
        for number, line in enumerate(lines, start=1):
            block = parse(line, f"line {number}", self.root)
            expanded.extend(block.markdown() if block else [line])
        return expanded


class ExampleBlockExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {"root": [str(ROOT), "the folder that holds examples/"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        root = Path(self.getConfig("root"))
        md.preprocessors.register(ExampleBlockPreprocessor(md, root), "survey_example", PRIORITY)


def makeExtension(**kwargs) -> ExampleBlockExtension:
    return ExampleBlockExtension(**kwargs)
