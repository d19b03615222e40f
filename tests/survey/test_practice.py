"""A run's events become the tasks a check reads; a run that did not end well fails first."""

from __future__ import annotations

from survey.practice import Run, Verdict, grade, most_at_once, passed


def task(name: str, t: float, state: str, label: str = "") -> dict:
    event = {"kind": "task", "task": name, "t": t, "state": state}
    return event | ({"label": label} if label else {})


def step(name: str, t: float, d: float | None, **extra) -> dict:
    return {"kind": "step", "task": name, "t": t, "d": d, **extra}


TRACE = [
    task("Task-1", 0.0, "created", "main()"),
    step("Task-1", 0.0, 0.001),
    task("a", 0.001, "created", "download('a')"),
    task("b", 0.001, "created", "download('b')"),
    step("a", 0.002, 0.001),
    step("b", 0.003, 0.001),
    step("asyncio_0", 0.004, None, lane="thread"),
    step("a", 0.2, 0.001),
    task("a", 0.201, "done"),
    step("b", 0.25, 0.002),
    task("b", 0.252, "cancelled"),
    task("Task-5", 0.3, "created", "shutdown_asyncgens()"),
    task("Task-6", 0.3, "created", "shutdown_default_executor(300)"),
    step("Task-1", 0.26, 0.001),
    task("Task-1", 0.261, "done"),
]


def events(trace: list[dict] | None = TRACE, code: int = 0) -> list[dict]:
    stream = [
        {"type": "start", "id": "x/y", "t": 0.0},
        {"type": "line", "stream": "stdout", "text": "hello", "t": 0.1},
        {"type": "line", "stream": "stderr", "text": "careful", "t": 0.1},
    ]
    if trace is not None:
        stream.append({"type": "trace", "events": trace, "t": 0.2})
    return [*stream, {"type": "exit", "code": code, "elapsed": 0.3, "t": 0.3}]


def test_tasks_with_their_steps_lives_and_ends() -> None:
    run = Run(events())
    assert [t.name for t in run.tasks_of("download")] == ["a", "b"]
    a, b = run.tasks_of("download")
    assert (a.created, a.state, a.ended, len(a.steps)) == (0.001, "done", 0.201, 2)
    assert (b.state, b.last_wait()) == ("cancelled", (0.004, 0.25))
    assert run.main.label == "main()"
    assert run.main.ended == 0.261
    assert run.stdout == "hello\n"
    assert set(run.tasks) == {"Task-1", "a", "b"}  # not asyncio.run()'s own housekeeping
    longest_task, longest = run.longest_step()
    assert (longest_task.name, longest.d) == ("b", 0.002)


def test_most_at_once_counts_open_spans_and_touching_ones_apart() -> None:
    assert most_at_once([]) == 0
    assert most_at_once([(0, 1), (0.5, 2), (0.7, 0.8)]) == 3
    assert most_at_once([(0, 1), (1, 2), (2, 3)]) == 1


def always_passes(run: Run) -> Verdict:
    return passed("fine")


def test_a_check_sees_only_a_clean_traced_run() -> None:
    assert grade(always_passes, events()).passed
    assert "exit code 1" in grade(always_passes, events(code=1)).why
    assert "no trace" in grade(always_passes, events(trace=None)).why
    stopped = [*events()[:-1], {"type": "error", "message": "stopped", "t": 1.0}]
    assert "(stopped)" in grade(always_passes, stopped).why
