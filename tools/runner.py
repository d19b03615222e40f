"""Run every example and keep its captured output current.

    python -m tools.runner                       # rewrite captured output that changed
    python -m tools.runner --check               # write nothing; diff and exit 1 if stale
    python -m tools.runner concurrency/gather_sleep concurrency/create_task   # only these

Examples run as subprocesses, concurrently, so the whole run takes about as long
as the slowest example; those marked ``serial`` run alone afterwards. For each
example the runner keeps two files: ``<name>.out`` beside the module (the text a
page shows, and what ``--check`` compares) and ``docs/replays/<id>.json`` (the
run's events as a live run sends them, which the static site replays and
draws; ``survey.recording``).
"""

from __future__ import annotations

import argparse
import asyncio
import difflib
import enum
import os
import sys
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from survey.catalog import Example, discover
from survey.paths import EXAMPLES_DIR, REPLAYS_DIR, ROOT
from survey.recording import Recording, dumps, loads, mask
from survey.stream import record

FIX_COMMAND = "nox -s examples"
DEFAULT_JOBS = 8


class Status(enum.StrEnum):
    OK = "ok"  # the committed output and replay match a fresh run
    UPDATED = "updated"  # rewritten to match a fresh run
    STALE = "stale"  # --check: the committed files do not match
    FAILED = "failed"  # the run crashed, timed out or wrote to stderr
    SKIPPED = "skipped"  # this interpreter cannot run it


@dataclass
class Outcome:
    example: Example
    status: Status
    seconds: float = 0.0
    detail: str = ""


def failure(recording: Recording) -> str | None:
    """What went wrong with a run, in words, or None if it ran clean."""
    stderr = recording.text("stderr")
    if recording.cut_short:
        problem = recording.cut_short
    elif recording.exit_code != 0:
        problem = f"exited with code {recording.exit_code}"
    elif stderr:
        problem = 'wrote to stderr (declare stderr = "merge" if that is the lesson)'
    else:
        return None
    shown = f"\n--- stderr ---\n{stderr}" if stderr else ""
    return f"{problem}{shown}"


def captured_text(recording: Recording) -> str:
    return mask(recording.text("stdout"))


def replay_matches(example: Example, path: Path, text: str) -> bool:
    """The recording exists, in the current format, and holds the captured text."""
    try:
        replayed = loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return example.same_output(replayed.text("stdout"), text)


def write_atomically(path: Path, content: str) -> None:
    """Replace ``path`` in one step, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(content, encoding="utf-8")
    os.replace(partial, path)


def read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def shown(path: Path) -> str:
    """A path as a person at the project root would type it."""
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def unified_diff(example: Example, old: str | None, new: str) -> str:
    name = shown(example.output_path)
    return "".join(
        difflib.unified_diff(
            (old or "").splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"{name} (committed)",
            tofile=f"{name} (fresh run)",
        )
    )


def settle(example: Example, recording: Recording, check: bool, replays: Path) -> Outcome:
    """Compare a run with what is on disk; in write mode, bring the disk up to date."""
    seconds = recording.elapsed
    if problem := failure(recording):
        return Outcome(example, Status.FAILED, seconds, problem)
    fresh = captured_text(recording)
    committed = read(example.output_path)
    replay_path = example.replay_path(replays)
    output_current = committed is not None and example.same_output(committed, fresh)
    replay_current = output_current and replay_matches(example, replay_path, committed)
    if output_current and replay_current:
        return Outcome(example, Status.OK, seconds)
    if check:
        detail = unified_diff(example, committed, fresh) if not output_current else ""
        detail = detail or f"{shown(replay_path)} does not match the output\n"
        return Outcome(example, Status.STALE, seconds, detail)
    if not output_current:
        write_atomically(example.output_path, fresh)
    write_atomically(replay_path, dumps(recording.masked()))
    return Outcome(example, Status.UPDATED, seconds)


async def run_all(
    examples: Iterable[Example],
    *,
    check: bool,
    jobs: int = DEFAULT_JOBS,
    python: str = sys.executable,
    replays: Path = REPLAYS_DIR,
    report=print,
    run: Callable[[Example], Awaitable[Recording]] | None = None,
) -> list[Outcome]:
    """Run the examples (serial ones last, alone) and settle each as it finishes.

    ``run`` records one example; by default a cold start of ``python``.
    """
    run = run or partial(record, python=python)
    slots = asyncio.Semaphore(jobs)
    outcomes: list[Outcome] = []

    async def one(example: Example) -> None:
        if reason := example.skip_reason():
            outcome = Outcome(example, Status.SKIPPED, detail=reason)
        else:
            async with slots:
                recording = await run(example)
            outcome = settle(example, recording, check, replays)
        outcomes.append(outcome)
        report(progress_line(outcome))

    examples = list(examples)
    async with asyncio.TaskGroup() as group:
        for example in examples:
            if not example.options.serial:
                group.create_task(one(example))
    for example in examples:
        if example.options.serial:
            await one(example)
    return outcomes


def progress_line(outcome: Outcome) -> str:
    note = f"  ({outcome.detail})" if outcome.status is Status.SKIPPED else ""
    return f"  {outcome.status:<8} {outcome.example.id:<40} {outcome.seconds:5.2f} s{note}"


def summary(outcomes: list[Outcome], wall: float) -> str:
    ran = [outcome for outcome in outcomes if outcome.status is not Status.SKIPPED]
    total = sum(outcome.seconds for outcome in ran)
    counts = dict.fromkeys(Status, 0)
    for outcome in outcomes:
        counts[outcome.status] += 1
    tally = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    line = f"{len(outcomes)} examples in {wall:.1f} s wall (sum of runs {total:.1f} s): {tally}"
    if ran:
        slowest = max(ran, key=lambda outcome: outcome.seconds)
        line += f"; slowest {slowest.example.id} {slowest.seconds:.1f} s"
    return line


def select(examples: list[Example], ids: list[str]) -> list[Example]:
    known = {example.id: example for example in examples}
    unknown = [example_id for example_id in ids if example_id not in known]
    if unknown:
        raise SystemExit(f"unknown example id(s): {', '.join(unknown)}")
    return [known[example_id] for example_id in ids] if ids else examples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.runner", description=__doc__.split("\n")[0]
    )
    parser.add_argument("ids", nargs="*", help="example ids such as concurrency/gather_sleep")
    parser.add_argument("--check", action="store_true", help="write nothing; fail if stale")
    parser.add_argument("--jobs", type=int, default=DEFAULT_JOBS, help="examples at once")
    parser.add_argument("--examples-dir", type=Path, default=EXAMPLES_DIR, help=argparse.SUPPRESS)
    parser.add_argument("--replays-dir", type=Path, default=REPLAYS_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    examples = select(discover(args.examples_dir), args.ids)
    started = time.perf_counter()
    outcomes = asyncio.run(
        run_all(examples, check=args.check, jobs=args.jobs, replays=args.replays_dir)
    )
    problems = [o for o in outcomes if o.status in (Status.STALE, Status.FAILED)]
    for outcome in problems:
        print(f"\n{outcome.status.upper()}: {outcome.example.id}\n{outcome.detail}", end="")
    print(f"\n{summary(outcomes, time.perf_counter() - started)}")
    if any(outcome.status is Status.STALE for outcome in outcomes):
        print(f"run: {FIX_COMMAND}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
