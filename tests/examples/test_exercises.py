"""Every exercise's check, on real runs: its solution passes, its starting code
fails, and so does a forgery that prints the solution's output, at the
solution's pace, without doing the work.

Each program runs as the runner runs an example (``survey.stream.record``:
``python -X dev -W error``, traced by the real recorder); the check gets the
run's events, the stream every way of running sends.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from survey import catalog
from survey.exercises import Exercise, discover
from survey.practice import Verdict, grade
from survey.recording import Recording
from survey.stream import record

EXERCISES = discover()
SECTIONS_A_BROWSER_RUNS = {
    "why_async",
    "event_loop",
    "awaitables",
    "concurrency",
    "cancellation",
    "patterns",
}


async def run_and_grade(exercise: Exercise, program: Path) -> Verdict:
    recording = await record(catalog.load(program, program.parent))
    return grade(exercise.load_check(), recording.events)


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
    verdict = grade(exercise.load_check(), recording.events)
    assert not verdict.passed, verdict.why


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.id)
async def test_printing_the_solutions_output_fails(exercise: Exercise, tmp_path: Path) -> None:
    solution = await record(catalog.load(exercise.solution, exercise.folder))
    forgery = tmp_path / "forgery.py"
    forgery.write_text(forgery_of(solution), encoding="utf-8")
    forged = await record(catalog.load(forgery, tmp_path))
    assert forged.text() == solution.text()  # it did print the same
    verdict = grade(exercise.load_check(), forged.events)
    assert not verdict.passed, verdict.why
