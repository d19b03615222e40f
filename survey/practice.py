"""What an exercise's check reads: one run's events, as every way of running emits them.

An exercise (``examples/<section>/exercises/<name>/``) has a ``check(run)``
that gets a ``Run`` made from the run's event stream (``start``, ``line``,
``trace``, then ``exit`` or ``error``) and returns ``passed(why)`` or
``failed(why)``, one sentence for the reader. The output is there
(``run.stdout``), but a program can print anything, so a check decides from
the trace: which tasks the loop ran, when each was created and ended, and
its steps.

The same file runs in the reader's browser (Pyodide grades a browser run
there) and under CPython in the tests, so it imports only the standard
library and nothing else from ``survey``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# What asyncio.run() itself starts as it ends, no part of the reader's program
# (3.14 passes shutdown_default_executor a timeout, so only the names compare).
HOUSEKEEPING = frozenset({"shutdown_asyncgens", "shutdown_default_executor"})


@dataclass(frozen=True)
class Verdict:
    passed: bool
    why: str  # one sentence, shown to the reader and announced


def passed(why: str) -> Verdict:
    return Verdict(True, why)


def failed(why: str) -> Verdict:
    return Verdict(False, why)


@dataclass(frozen=True)
class Step:
    t: float
    d: float

    @property
    def end(self) -> float:
        return self.t + self.d


@dataclass
class Task:
    name: str
    label: str  # the coroutine as called: "download('eu', 0.8)"
    created: float
    state: str | None = None  # "done", "cancelled" or "failed"; None while it runs
    ended: float | None = None
    steps: list[Step] = field(default_factory=list)

    @property
    def coroutine(self) -> str:
        """The coroutine function's name: ``download`` for ``download('eu', 0.8)``."""
        return self.label.partition("(")[0]

    def last_wait(self) -> tuple[float, float] | None:
        """From the end of the step before its last to the start of its last: the
        task's final await (inside a lock or a semaphore, say); None with one step."""
        if len(self.steps) < 2:
            return None
        return self.steps[-2].end, self.steps[-1].t


class Run:
    """One run: what it printed, how it ended, and the tasks its first event loop ran."""

    def __init__(self, events: Iterable[dict]) -> None:
        self.lines: list[tuple[str, str]] = []  # (stream, text)
        self.tasks: dict[str, Task] = {}
        self.traced = False
        self.exit_code: int | None = None
        self.error: str | None = None
        self.end = 0.0  # the last trace time seen
        for event in events:
            self.add(event)

    def add(self, event: dict) -> None:
        if event["type"] == "line":
            self.lines.append((event["stream"], event["text"]))
        elif event["type"] == "trace":
            self.traced = True
            for trace_event in event["events"]:
                self.add_trace(trace_event)
        elif event["type"] == "exit":
            self.exit_code = event["code"]
        elif event["type"] == "error":
            self.error = event["message"]

    def add_trace(self, event: dict) -> None:
        if event.get("lane") or event.get("loop"):
            return  # threads, processes and loops other than the first
        name, t = event["task"], event["t"]
        if event["kind"] == "task" and event["state"] == "created":
            if event.get("label", "").partition("(")[0] not in HOUSEKEEPING:
                self.tasks[name] = Task(name, event.get("label", ""), t)
        elif (task := self.tasks.get(name)) is None:
            return
        elif event["kind"] == "task":
            task.state, task.ended = event["state"], t
        elif event["d"] is not None:
            task.steps.append(Step(t, event["d"]))
        self.end = max(self.end, t + (event.get("d") or 0))

    @property
    def stdout(self) -> str:
        return "".join(f"{text}\n" for stream, text in self.lines if stream == "stdout")

    def tasks_of(self, coroutine: str) -> list[Task]:
        """The tasks that ran ``coroutine`` (a function's name), in the order created."""
        return [task for task in self.tasks.values() if task.coroutine == coroutine]

    @property
    def main(self) -> Task | None:
        """The task asyncio.run() made of ``main()``."""
        return next(iter(self.tasks_of("main")), None)

    def longest_step(self) -> tuple[Task, Step] | None:
        steps = [(task, step) for task in self.tasks.values() for step in task.steps]
        return max(steps, key=lambda pair: pair[1].d, default=None)


def most_at_once(spans: Iterable[tuple[float, float]]) -> int:
    """The largest number of the (start, end) spans that were open at one moment."""
    edges = sorted(
        (edge for start, end in spans for edge in ((start, 1), (end, -1))),
        key=lambda edge: (edge[0], edge[1]),  # an end before a start at the same time
    )
    most = count = 0
    for _, change in edges:
        count += change
        most = max(most, count)
    return most


def lifetime(task: Task, run: Run) -> tuple[float, float]:
    return task.created, task.ended if task.ended is not None else run.end


def grade(check: Callable[[Run], Verdict], events: Iterable[dict]) -> Verdict:
    """The exercise's verdict on a run, after what every exercise asks first:
    that the run finished, without an exception, and was traced."""
    run = Run(events)
    if run.error is not None:
        return failed(f"The run did not finish ({run.error}), so there is nothing to check.")
    if run.exit_code != 0:
        return failed(
            f"The program ended with exit code {run.exit_code}: the output shows the error."
        )
    if not run.traced:
        return failed("This run carries no trace of its event loop, so it cannot be checked.")
    return check(run)
