"""Questions asked of a recording's trace, and an example run as the runner runs it."""

from __future__ import annotations

import itertools
import sys

from survey.catalog import load
from survey.paths import EXAMPLES_DIR
from survey.recording import Recording
from survey.stream import record


async def run_traced(example_id: str, python: str = sys.executable) -> Recording:
    """The example run as the runner runs it (traced), its output masked as the runner keeps it."""
    recording = await record(load(EXAMPLES_DIR / f"{example_id}.py"), python=python)
    return recording.masked()


def tasks(recording: Recording, label_start: str = "") -> dict[str, dict]:
    """Task lanes by name, each {"label", "states": {state: t}, "steps": [(t, d)]},
    for the tasks whose label starts with ``label_start``."""
    lanes: dict[str, dict] = {}
    for event in recording.trace:
        if event["kind"] == "task" and event["state"] == "created":
            lanes[event["task"]] = {"label": event["label"], "states": {}, "steps": []}
    for event in recording.trace:
        lane = lanes.get(event["task"])
        if lane is None:
            continue
        if event["kind"] == "task":
            lane["states"][event["state"]] = event["t"]
        elif event["d"] is not None:
            lane["steps"].append((event["t"], event["d"]))
    return {name: lane for name, lane in lanes.items() if lane["label"].startswith(label_start)}


def worker_lanes(recording: Recording, kind: str) -> dict[str, list[tuple[float, float]]]:
    """The finished calls on each worker thread or process lane: [(t, d)]."""
    lanes: dict[str, list[tuple[float, float]]] = {}
    for event in recording.trace:
        if event.get("lane") == kind and event["d"] is not None:
            lanes.setdefault(event["task"], []).append((event["t"], event["d"]))
    return lanes


def loop_steps(events: list[dict]) -> dict[int, list[tuple[float, float, str]]]:
    """The steps each event loop ran (task steps and slow callbacks), in time order."""
    loop_of = {
        event["task"]: event.get("loop", 0)
        for event in events
        if event["kind"] == "task" and event["state"] == "created"
    }
    steps: dict[int, list[tuple[float, float, str]]] = {}
    for event in events:
        if event["kind"] == "step" and event.get("lane") in (None, "callback"):
            loop = event.get("loop", 0) if event.get("lane") else loop_of[event["task"]]
            steps.setdefault(loop, []).append((event["t"], event["d"], event["task"]))
    return {loop: sorted(found) for loop, found in steps.items()}


def overlapping_steps(events: list[dict], slack: float = 2e-6) -> list[tuple]:
    """Pairs of steps of one loop that overlap in time, beyond the rounding of their stamps."""
    return [
        (before, after)
        for steps in loop_steps(events).values()
        for before, after in itertools.pairwise(steps)
        if before[0] + before[1] > after[0] + slack
    ]
