"""Find the exercises and read what each declares, without importing any of them.

An exercise is a folder ``examples/<section>/exercises/<name>/``; its id is
``<section>/<name>``. It holds three files, read in this order:

    check.py     the task (its docstring, one sentence), HINTS (shown one a press),
                 and check(run), which judges a run from its events (survey.practice)
    start.py     the code the reader starts from: it runs, but does the wrong thing
    solution.py  the same code, done right

start.py and solution.py are ordinary examples (a docstring, ``main()``, the
``asyncio.run`` guard) with one region, ``core``, which is what the slide shows
and the reader edits. They are not in the catalog of examples: nothing
captures their output, and they run only in the reader's browser, where the
run is graded.
"""

from __future__ import annotations

import ast
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from survey.paths import EXAMPLES_DIR
from survey.practice import Run, Verdict

REGION = "core"


class ExerciseError(ValueError):
    """An exercise folder that lacks something every exercise needs."""


@dataclass(frozen=True)
class Exercise:
    id: str
    folder: Path
    task: str
    hints: tuple[str, ...]

    @property
    def start(self) -> Path:
        return self.folder / "start.py"

    @property
    def solution(self) -> Path:
        return self.folder / "solution.py"

    @property
    def check_path(self) -> Path:
        return self.folder / "check.py"

    @property
    def start_id(self) -> str:
        """The id an example block names the starting code by."""
        section, name = self.id.split("/")
        return f"{section}/exercises/{name}/start"

    def region(self, path: Path) -> str:
        """The ``core`` region of start.py or solution.py, as the page shows it."""
        lines = path.read_text(encoding="utf-8").splitlines()
        marks = [f"# --8<-- [start:{REGION}]", f"# --8<-- [end:{REGION}]"]
        try:
            first, last = (lines.index(mark) for mark in marks)
        except ValueError:
            raise ExerciseError(f"{path} has no region {REGION!r}") from None
        return "\n".join(lines[first + 1 : last]).strip("\n") + "\n"

    def load_check(self) -> Callable[[Run], Verdict]:
        spec = importlib.util.spec_from_file_location(f"check_{self.id}", self.check_path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.check


def load(folder: Path, examples_dir: Path = EXAMPLES_DIR) -> Exercise:
    section = folder.relative_to(examples_dir).parts[0]
    exercise_id = f"{section}/{folder.name}"
    for name in ("check.py", "start.py", "solution.py"):
        if not (folder / name).is_file():
            raise ExerciseError(f"exercise {exercise_id} has no {name}")
    tree = ast.parse((folder / "check.py").read_text(encoding="utf-8"))
    task = (ast.get_docstring(tree) or "").strip()
    if not task:
        raise ExerciseError(f"exercise {exercise_id}: check.py needs the task as its docstring")
    hints = next(
        (
            ast.literal_eval(node.value)
            for node in tree.body
            if isinstance(node, ast.Assign)
            and any(getattr(target, "id", None) == "HINTS" for target in node.targets)
        ),
        (),
    )
    return Exercise(exercise_id, folder, task, tuple(hints))


def discover(examples_dir: Path = EXAMPLES_DIR) -> list[Exercise]:
    """Every exercise under ``examples_dir``, sorted by id."""
    folders = sorted(path.parent for path in examples_dir.glob("*/exercises/*/check.py"))
    return [load(folder, examples_dir) for folder in folders]
