"""Find the examples and read what each one declares, without importing any of them.

An example is ``examples/<section>/<name>.py``; its id is ``<section>/<name>``.
Options sit in the module's PEP 723 block, under ``[tool.survey]``::

    # /// script
    # requires-python = ">=3.13"
    # dependencies = ["aiohttp"]
    # [tool.survey]
    # timeout = 20              # seconds before the run is killed (default 10)
    # serial = true             # CPU-heavy or timing-sensitive: run it alone
    # needs = ["demo-server"]   # start a fresh /count server, URL in $DEMO_SERVER
    # stderr = "merge"          # stderr is part of the output, not an error
    # unordered = true          # lines may come in any order between runs
    # measured = ["≈ {}× as fast"]   # a figure the machine decides: {} is any number
    # no-browser = "it starts threads, which Python in a browser page has not got"
    # ///

An example runs in the reader's browser (Pyodide, Python 3.14) unless it
says why not with ``no-browser``: the static site then replays its recording
and shows that reason. One that requires a Python newer than the captured
set (``requires-python = ">=3.14"``) runs only there: the runner skips it.

A ``measured`` phrase is a figure the run measures on the machine it runs on,
such as a speedup: the captured output shows the figure of the run that was
captured, and checking a fresh run compares everything around it.

Using the standard inline-metadata block means `uv run examples/x.py` also
understands the module's Python floor and dependencies.

A module-level ``DELAY = 0.2`` is the example's unit of time: its timeline's
axis counts in it.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from survey.paths import EXAMPLES_DIR, REPLAYS_DIR

# The reference regular expression from PEP 723.
METADATA_BLOCK = re.compile(
    r"(?m)^# /// (?P<type>[a-zA-Z0-9-]+)$\s(?P<content>(^#(| .*)$\s)+)^# ///$"
)
KNOWN_NEEDS = {"demo-server"}
# The newest Python whose output the runner captures (noxfile's PYTHONS).
NEWEST_CAPTURED = (3, 13)


class CatalogError(ValueError):
    """An example declares something the runner cannot honour."""


@dataclass(frozen=True)
class Options:
    timeout: float = 10.0
    serial: bool = False
    needs: frozenset[str] = frozenset()
    stderr: Literal["error", "merge"] = "error"
    unordered: bool = False
    min_python: tuple[int, int] = (3, 11)
    no_browser: str | None = None  # why it cannot run in a browser; None if it can
    measured: tuple[str, ...] = ()  # phrases with a {} where the machine decides the number


@dataclass(frozen=True)
class Example:
    id: str
    path: Path
    title: str
    options: Options = field(default_factory=Options)
    delay: float | None = None  # the module's DELAY, in seconds, if it has one

    @property
    def output_path(self) -> Path:
        """The captured text, beside the module, included on the page."""
        return self.path.with_suffix(".out")

    def replay_path(self, replays_dir: Path = REPLAYS_DIR) -> Path:
        """The timed recording that the static site replays."""
        return replays_dir / f"{self.id}.json"

    @property
    def browser_only(self) -> bool:
        """It needs a Python newer than the captured set: only the reader's browser runs it."""
        return self.options.min_python > NEWEST_CAPTURED and self.options.no_browser is None

    @property
    def needs_demo_server(self) -> bool:
        """It calls /count at the URL in ``$DEMO_SERVER`` (see ``survey.launch.services``)."""
        return "demo-server" in self.options.needs

    def same_output(self, old: str, new: str) -> bool:
        """Two runs printed the same thing, as far as this example promises."""
        return self._comparable(old) == self._comparable(new)

    def _comparable(self, text: str) -> list[str]:
        for phrase in self.options.measured:
            before, after = (re.escape(part) for part in phrase.split("{}"))
            text = re.sub(f"{before}[0-9.]+{after}", phrase, text)
        lines = text.splitlines()
        return sorted(lines) if self.options.unordered else lines

    def skip_reason(self, version: tuple[int, int] | None = None) -> str | None:
        """Why this interpreter cannot run the example, or None if it can."""
        version = version or sys.version_info[:2]
        if version < self.options.min_python:
            floor = ".".join(map(str, self.options.min_python))
            where = ": it runs in the browser, on the site" if self.browser_only else ""
            return f"needs Python ≥ {floor}{where}"
        return None


def discover(examples_dir: Path = EXAMPLES_DIR) -> list[Example]:
    """Every example under ``examples_dir``, sorted by id."""
    modules = sorted(examples_dir.glob("*/*.py"))
    return [load(path, examples_dir) for path in modules if not path.name.startswith("_")]


def load(path: Path, examples_dir: Path = EXAMPLES_DIR) -> Example:
    source = path.read_text(encoding="utf-8")
    example_id = path.relative_to(examples_dir).with_suffix("").as_posix()
    return Example(
        id=example_id,
        path=path,
        title=_docstring_title(source, example_id),
        options=_options(source, example_id),
        delay=_delay(source),
    )


def _docstring_title(source: str, example_id: str) -> str:
    docstring = ast.get_docstring(ast.parse(source))
    if not docstring:
        raise CatalogError(f"{example_id}: the module needs a docstring saying what it shows")
    return docstring.strip().splitlines()[0]


def _delay(source: str) -> float | None:
    """The number a top-level ``DELAY = ...`` assigns, read without running the module."""
    for statement in ast.parse(source).body:
        if (
            isinstance(statement, ast.Assign)
            and [getattr(target, "id", None) for target in statement.targets] == ["DELAY"]
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, int | float)
            and statement.value.value > 0
        ):
            return float(statement.value.value)
    return None


def _options(source: str, example_id: str) -> Options:
    metadata = script_metadata(source, example_id)
    settings = metadata.get("tool", {}).get("survey", {})
    known = {"timeout", "serial", "needs", "stderr", "unordered", "no-browser", "measured"}
    unknown = set(settings) - known
    if unknown:
        raise CatalogError(f"{example_id}: unknown [tool.survey] keys {sorted(unknown)}")
    needs = frozenset(settings.get("needs", ()))
    if needs - KNOWN_NEEDS:
        raise CatalogError(f"{example_id}: unknown needs {sorted(needs - KNOWN_NEEDS)}")
    stderr = settings.get("stderr", "error")
    if stderr not in ("error", "merge"):
        raise CatalogError(f"{example_id}: stderr must be 'error' or 'merge'")
    no_browser = settings.get("no-browser")
    if no_browser is not None and not (isinstance(no_browser, str) and no_browser.strip()):
        raise CatalogError(f"{example_id}: no-browser must say why, in words")
    measured = settings.get("measured", [])
    if not all(isinstance(phrase, str) and phrase.count("{}") == 1 for phrase in measured):
        raise CatalogError(f"{example_id}: each measured phrase needs exactly one {{}}")
    return Options(
        timeout=float(settings.get("timeout", Options.timeout)),
        serial=bool(settings.get("serial", False)),
        needs=needs,
        stderr=stderr,
        unordered=bool(settings.get("unordered", False)),
        min_python=_python_floor(metadata.get("requires-python"), example_id),
        no_browser=no_browser,
        measured=tuple(measured),
    )


def script_metadata(source: str, example_id: str) -> dict:
    """The module's PEP 723 script block as a dict, empty if it has none."""
    blocks = [m for m in METADATA_BLOCK.finditer(source) if m["type"] == "script"]
    if not blocks:
        return {}
    if len(blocks) > 1:
        raise CatalogError(f"{example_id}: more than one '# /// script' block")
    content = "".join(
        line[2:] if line.startswith("# ") else line[1:]
        for line in blocks[0]["content"].splitlines(keepends=True)
    )
    return tomllib.loads(content)


def _python_floor(requirement: str | None, example_id: str) -> tuple[int, int]:
    if requirement is None:
        return Options.min_python
    match = re.fullmatch(r"\s*>=\s*3\.(\d+)\s*", requirement)
    if not match:
        raise CatalogError(f"{example_id}: requires-python must look like '>=3.13'")
    return (3, int(match[1]))
