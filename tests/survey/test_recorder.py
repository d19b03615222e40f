"""The recorder, injected into real examples on every installed interpreter, records what
their loops did: checked by structure (order, overlap, counts), never by a clock."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys

import pytest

from survey.paths import EXAMPLES_DIR, REPLAYS_DIR, ROOT
from survey.recording import loads
from survey.trace_reader import TraceEvents
from tests.survey.conftest import overlapping_steps, run_traced, tasks, worker_lanes

# Examples whose lesson is when things run, that need nothing beyond the standard library
# and print nothing a loaded machine could change. (The runner's check covers every
# example, traced, on each interpreter: nox -s compat.)
SAME_OUTPUT = [
    "concurrency/gather_sleep",
    "cancellation/lost_update",
    "concurrency/task_group",
    "awaitables/cancel_task",
    "interop/to_thread",
    # Debug mode's report says where the blocking task was created.
    "concurrency/debug_mode",
    "event_loop/by_hand",
]


def committed_output(example_id: str) -> str:
    return (EXAMPLES_DIR / f"{example_id}.out").read_text(encoding="utf-8")


def spans_overlap(spans: list[tuple[float, float]]) -> bool:
    """All the (start, end) spans share a moment."""
    return max(start for start, _ in spans) < min(end for _, end in spans)


def disjoint(spans: list[tuple[float, float]]) -> bool:
    ordered = sorted(spans)
    return all(end <= after[0] for (_, end), after in itertools.pairwise(ordered))


@pytest.mark.parametrize("example_id", SAME_OUTPUT)
async def test_output_is_unchanged_by_tracing(example_id: str, python: str) -> None:
    run = await run_traced(example_id, python)
    assert run.exit_code == 0, run.text("stderr")
    assert run.text("stdout") == committed_output(example_id)
    assert run.trace, "the recorder recorded nothing"
    assert overlapping_steps(run.trace) == []


async def test_gathered_naps_wait_together_and_blocking_naps_queue(python: str) -> None:
    run = await run_traced("concurrency/gather_sleep", python)
    delay = 0.2  # the example's DELAY
    waiting = tasks(run, "async_nap(")
    blocking = tasks(run, "blocking_nap(")
    assert len(waiting) == len(blocking) == 3
    # Each async nap ran twice (before and after its sleep); all three slept at once.
    for lane in waiting.values():
        assert len(lane["steps"]) == 2
        assert lane["states"].keys() == {"created", "done"}
    asleep = [
        (lane["steps"][0][0] + lane["steps"][0][1], lane["steps"][1][0])
        for lane in waiting.values()
    ]
    assert spans_overlap(asleep)
    # Each blocking nap is one step that holds the loop for its whole delay, one after another.
    held = []
    for lane in blocking.values():
        [(t, d)] = lane["steps"]
        assert d >= delay  # time.sleep(delay) returns no sooner
        held.append((t, t + d))
    assert disjoint(held)
    assert min(t for t, _ in held) > max(end for _, end in asleep)


async def test_lost_update_reads_all_before_any_writes(python: str) -> None:
    run = await run_traced("cancellation/lost_update", python)
    deposits = tasks(run, "deposit(")
    assert len(deposits) == 100
    # Step one reads the balance and awaits; step two writes. Every read comes before
    # every write, so every deposit writes the same stale balance plus ten.
    reads = [lane["steps"][0][0] for lane in deposits.values()]
    writes = [lane["steps"][1][0] for lane in deposits.values()]
    assert max(reads) < min(writes)
    assert all(len(lane["steps"]) == 2 for lane in deposits.values())


async def test_lock_serialises_the_read_modify_write(python: str) -> None:
    run = await run_traced("cancellation/lock", python)
    deposits = tasks(run, "deposit(")
    assert len(deposits) == 100
    # With the lock, each deposit reads in its next-to-last step and writes in its last;
    # no other deposit runs in between, so the read-to-write spans never overlap.
    spans = [(lane["steps"][-2][0], lane["steps"][-1][0]) for lane in deposits.values()]
    assert disjoint(spans)


async def test_cancelled_and_failed_tasks_are_marked(python: str) -> None:
    run = await run_traced("awaitables/cancel_task", python)
    downloads = tasks(run, "download(")
    assert {name: set(lane["states"]) for name, lane in downloads.items()} == {
        "report": {"created", "cancelled"},
        "invoice": {"created", "cancelled"},
    }
    # The invoice was cancelled before its first step: that one step only ends it.
    assert len(downloads["invoice"]["steps"]) == 1
    assert len(downloads["report"]["steps"]) == 2

    run = await run_traced("concurrency/task_group", python)
    lanes = tasks(run, "fetch(")
    endings = {lane["label"]: set(lane["states"]) - {"created"} for lane in lanes.values()}
    assert endings == {
        "fetch('orders', 0.2, True)": {"failed"},
        "fetch('prices', 5.0, False)": {"cancelled"},
    }


async def test_tasks_are_created_before_they_first_run(python: str) -> None:
    run = await run_traced("concurrency/create_task", python)
    [main] = tasks(run, "main(").values()
    ticks = tasks(run, "tick(")
    assert sorted(lane["label"] for lane in ticks.values()) == [
        "tick('kettle', 3, 0.2)",
        "tick('toaster', 2, 0.2)",
    ]
    main_first_step_ends = main["steps"][0][0] + main["steps"][0][1]
    for lane in ticks.values():
        # Created by main's first step, they first run only once that step has ended.
        assert lane["states"]["created"] < lane["steps"][0][0]
        assert lane["steps"][0][0] >= main_first_step_ends


async def test_worker_threads_get_lanes_of_their_own(python: str) -> None:
    run = await run_traced("interop/run_in_executor", python)
    lanes = worker_lanes(run, "thread")
    # Two pools: 2 workers, then 4; every sensor is read once per pool. (Each pool
    # is shut down from asyncio's default executor, a thread of its own.)
    threads = {name: calls for name, calls in lanes.items() if name != "asyncio_0"}
    assert len(threads) == 6
    assert sum(len(calls) for calls in threads.values()) == 8
    assert len(lanes["asyncio_0"]) == 2
    for calls in threads.values():
        assert disjoint([(t, t + d) for t, d in calls])
    labels = {event["label"] for event in run.trace if event.get("lane") == "thread"}
    assert "read_sensor('boiler', 0.3)" in labels
    # Each call is announced as it starts (d is null), before the event that ends it.
    on_threads = [event for event in run.trace if event.get("lane") == "thread"]
    started = {(e["task"], e["t"]): i for i, e in enumerate(on_threads) if e["d"] is None}
    ended = {(e["task"], e["t"]): i for i, e in enumerate(on_threads) if e["d"] is not None}
    assert len(started) == 10
    assert started.keys() == ended.keys()
    assert all(started[call] < ended[call] for call in started)


async def test_slow_steps_are_flagged_by_the_loops_own_threshold(python: str) -> None:
    run = await run_traced("concurrency/debug_mode", python)
    lanes = tasks(run)
    assert lanes["upload"]["label"] == "handle_upload()"
    assert lanes["download"]["label"] == "handle_download()"
    # The upload blocks in its only step; the download sleeps between two short ones.
    slow = [event["task"] for event in run.trace if event.get("slow")]
    assert slow == ["upload"]
    assert len(lanes["download"]["steps"]) == 2


@pytest.mark.slow
async def test_worker_processes_get_lanes_of_their_own(python: str) -> None:
    run = await run_traced("interop/process_pool", python)
    # (Its output, a measured speedup, is left to the output check: it needs idle cores.)
    assert run.exit_code == 0, run.text("stderr")
    processes = worker_lanes(run, "process")
    # One pool of one worker, then one of two; four chunks each.
    assert sorted(processes) == ["process 1", "process 2", "process 3"]
    assert len(processes["process 1"]) == 4
    assert len(processes["process 2"]) + len(processes["process 3"]) == 4
    two = [(t, t + d) for name in ("process 2", "process 3") for t, d in processes[name]]
    one = [(t, t + d) for t, d in processes["process 1"]]
    assert disjoint(one)
    # The two workers computed at the same time.
    assert not disjoint(two)


@pytest.mark.parametrize(
    "path", sorted(REPLAYS_DIR.rglob("*.json")), ids=lambda path: f"{path.parent.name}/{path.stem}"
)
def test_no_two_steps_of_a_recorded_loop_overlap(path) -> None:
    """The loop runs one step at a time: in every committed recording, its steps are
    disjoint, and every task that ran was created and ended once."""
    recording = loads(path.read_text(encoding="utf-8"))
    assert recording.trace is not None, f"{path.name} has no trace: run nox -s examples"
    assert overlapping_steps(recording.trace) == []
    for name, lane in tasks(recording).items():
        assert lane["states"].keys() - {"created"} <= {"done", "cancelled", "failed"}, name
        assert all(t >= lane["states"]["created"] for t, _ in lane["steps"]), name


async def test_loops_running_at_once_in_other_threads_are_told_apart(python: str) -> None:
    # Each test method gets a loop of its own, on a worker thread, while main's loop waits.
    run = await run_traced("patterns/testing", python)
    loops = {e.get("loop", 0) for e in run.trace if e["kind"] == "task" and e["state"] == "created"}
    assert len(loops) >= 3
    assert overlapping_steps(run.trace) == []


CALLBACK_RUN = """
import asyncio, importlib.util, sys

spec = importlib.util.spec_from_file_location("recorder", sys.argv[1])
recorder = importlib.util.module_from_spec(spec)
spec.loader.exec_module(recorder)
written = []
recorder.install(written.append)


async def nap(name):
    await asyncio.sleep(0.01)


async def main():
    await asyncio.gather(nap("a"), nap("b"))


asyncio.run(main())
print("".join(written), end="")
"""


def run_recorder_alone(script: str, tmp_path) -> subprocess.CompletedProcess:
    """``script`` run with the recorder copied alone into ``tmp_path`` as its argument, in
    isolated mode (-I), so nothing of the project is importable: as in a browser."""
    alone = tmp_path / "recorder.py"
    alone.write_text((ROOT / "survey" / "recorder.py").read_text(encoding="utf-8"))
    return subprocess.run(
        [sys.executable, "-I", "-c", script, str(alone)],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
        cwd=tmp_path,
    )


def test_a_callback_records_what_the_pipe_would_without_the_survey_package(tmp_path) -> None:
    """What runs in a browser: the recorder copied alone, writing into a callable."""
    run = run_recorder_alone(CALLBACK_RUN, tmp_path)
    lines = run.stdout.splitlines(keepends=True)
    assert lines
    assert all(line.count("\n") == 1 for line in lines)
    events = TraceEvents(0.0).feed(run.stdout.encode())
    labels = {event.get("label") for event in events if event["kind"] == "task"}
    assert {"main()", "nap('a')", "nap('b')"} <= labels
    naps = [e for e in events if e["kind"] == "step" and e["task"] in ("Task-2", "Task-3")]
    assert len(naps) == 4  # each nap steps before and after its sleep


BATCH_RUN = """
import asyncio, importlib.util, json, sys

spec = importlib.util.spec_from_file_location("recorder", sys.argv[1])
recorder = importlib.util.module_from_spec(spec)
spec.loader.exec_module(recorder)
recorder.FLUSH_EVERY = 3600  # only an idle loop or flush() writes
batches = []
recorder.install_batches(batches.append)


async def main():
    await asyncio.sleep(0)  # the loop has main's next step ready: nothing written yet
    held = len(batches)
    recorder.flush()
    return held


held = asyncio.run(main())
print(json.dumps({"held": held, "batches": batches}))
"""


def test_flush_writes_what_the_recorder_held_back_as_one_batch(tmp_path) -> None:
    """What a run in a browser does as it ends: flush(), then one batch a call."""
    run = run_recorder_alone(BATCH_RUN, tmp_path)
    result = json.loads(run.stdout)
    assert result["held"] == 0
    first = result["batches"][0]
    assert [json.loads(line)[0] for line in first] == ["created", "step"]
    events = TraceEvents(0.0).feed(
        "".join(line for batch in result["batches"] for line in batch).encode()
    )
    assert [e["state"] for e in events if e["kind"] == "task" and e["task"] == "Task-1"] == [
        "created",
        "done",
    ]


@pytest.mark.parametrize("python", ["3.12", "3.13"], indirect=True)
async def test_unnamed_eager_tasks_get_lanes_named_by_their_coroutine(python: str) -> None:
    # 3.13.0 names an eager task created without a name 'None' (gh-128308).
    run = await run_traced("concurrency/eager_tasks", python)
    assert run.exit_code == 0, run.text("stderr")
    lanes = tasks(run)
    assert not any(name == "None" or name.startswith("None (") for name in lanes)
    # The cache miss suspends, so the loop runs its later step: it has a lane.
    misses = [lane for lane in lanes.values() if lane["label"].startswith("lookup('cake'")]
    assert len(misses) == 2, lanes
