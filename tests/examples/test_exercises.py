"""Every exercise's check, on real runs: its solution passes, its starting code
fails, and so does a forgery that prints the solution's output, at the
solution's pace, without doing the work.

Each program runs as the runner runs an example (``survey.launch.record``:
``python -X dev -W error``, traced by the real recorder); the check gets the
run's events as a browser run streams them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from survey import catalog
from survey.exercises import Exercise, discover
from survey.launch import record
from survey.practice import Verdict, grade
from survey.recording import Recording

EXERCISES = discover()
SECTIONS_A_BROWSER_RUNS = {"why_async", "event_loop", "awaitables", "concurrency", "patterns"}


def events(recording: Recording) -> Iterator[dict]:
    """The recording as the event stream every run source emits."""
    yield {"type": "start", "id": recording.id, "t": 0.0}
    for line in recording.lines:
        yield {"type": "line", "stream": line.stream, "text": line.text, "t": line.t}
    yield {"type": "trace", "events": recording.trace or [], "t": recording.elapsed}
    if recording.cut_short:
        yield {"type": "error", "message": recording.cut_short, "t": recording.elapsed}
    else:
        yield {"type": "exit", "code": recording.exit_code, "t": recording.elapsed}


async def run_and_grade(exercise: Exercise, program: Path) -> Verdict:
    recording = await record(catalog.load(program, program.parent))
    return grade(exercise.load_check(), events(recording))


def forgery_of(recording: Recording) -> str:
    """A program that prints what ``recording`` printed, when it printed it, and nothing else."""
    first = recording.lines[0].t
    lines = [(round(line.t - first, 3), line.stream, line.text) for line in recording.lines]
    return f'''"""Prints the solution's output at its pace."""

import asyncio
import sys

LINES = {lines!r}


async def main() -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    for offset, stream, text in LINES:
        await asyncio.sleep(max(0.0, started + offset - loop.time()))
        print(text, file=getattr(sys, stream))


if __name__ == "__main__":
    asyncio.run(main())
'''


def test_there_are_exercises_on_every_page_a_browser_can_run() -> None:
    assert len(EXERCISES) >= 8
    assert {exercise.id.split("/")[0] for exercise in EXERCISES} >= SECTIONS_A_BROWSER_RUNS


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.id)
def test_each_has_a_task_sentence_and_hints(exercise: Exercise) -> None:
    assert exercise.task.endswith(".")
    assert "\n" not in exercise.task
    assert len(exercise.hints) >= 2
    assert exercise.region(exercise.start) != exercise.region(exercise.solution)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.id)
async def test_the_solution_passes(exercise: Exercise) -> None:
    verdict = await run_and_grade(exercise, exercise.solution)
    assert verdict.passed, verdict.why


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.id)
async def test_the_starting_code_runs_and_fails(exercise: Exercise) -> None:
    recording = await record(catalog.load(exercise.start, exercise.folder))
    assert recording.exit_code == 0, recording.text("stderr")
    verdict = grade(exercise.load_check(), events(recording))
    assert not verdict.passed, verdict.why


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.id)
async def test_printing_the_solutions_output_fails(exercise: Exercise, tmp_path: Path) -> None:
    solution = await record(catalog.load(exercise.solution, exercise.folder))
    forgery = tmp_path / "forgery.py"
    forgery.write_text(forgery_of(solution), encoding="utf-8")
    forged = await record(catalog.load(forgery, tmp_path))
    assert forged.text() == solution.text()  # it did print the same
    verdict = grade(exercise.load_check(), events(forged))
    assert not verdict.passed, verdict.why
