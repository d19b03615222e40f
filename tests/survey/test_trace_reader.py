"""The recorder's raw lines become the design's trace events, whatever chunks they arrive in."""

from __future__ import annotations

import json

import pytest

from survey.trace_reader import TraceEvents

ORIGIN = 100.0


def raw(*events: list) -> bytes:
    return b"".join(json.dumps(event).encode() + b"\n" for event in events)


def test_events_are_offsets_from_the_launchers_start() -> None:
    converter = TraceEvents(ORIGIN)
    events = converter.feed(
        raw(
            ["created", 0, 100.5, "Task-2", "nap('a')", 0],
            ["step", 0, 100.5, 0.25, 1],
            ["ended", 0, 100.75, "cancelled"],
        )
    )
    assert events == [
        {"kind": "task", "task": "Task-2", "t": 0.5, "state": "created", "label": "nap('a')"},
        {"kind": "step", "task": "Task-2", "t": 0.5, "d": 0.25, "slow": True},
        {"kind": "task", "task": "Task-2", "t": 0.75, "state": "cancelled"},
    ]


def test_a_line_split_across_chunks_waits_for_its_end() -> None:
    converter = TraceEvents(ORIGIN)
    data = raw(["created", 0, 101.0, "main", "main()", 0], ["step", 0, 101.0, 0.001, 0])
    cut = len(data) - 5
    first, second = converter.feed(data[:cut]), converter.feed(data[cut:])
    assert [event["kind"] for event in first] == ["task"]
    assert second == [{"kind": "step", "task": "main", "t": 1.0, "d": 0.001}]


def test_tasks_sharing_a_name_get_lanes_of_their_own() -> None:
    converter = TraceEvents(ORIGIN)
    events = converter.feed(
        raw(
            ["created", 0, 100.0, "worker", "consume(1)", 0],
            ["created", 1, 100.0, "worker", "consume(2)", 1],
            ["step", 1, 100.1, 0.001, 0],
        )
    )
    assert [event["task"] for event in events] == ["worker", "worker (2)", "worker (2)"]
    # The second runs on another loop than the first the program ran, and says so.
    assert "loop" not in events[0]
    assert events[1]["loop"] == 1


def test_worker_processes_are_numbered_by_first_appearance_and_addresses_masked() -> None:
    converter = TraceEvents(ORIGIN)
    events = converter.feed(
        raw(
            ["process", 4242, 101.0, 0.5, "work(<Job at 0x7f3a2c1b9d60>)"],
            ["process", 17, 101.0, 0.5, "work(2)"],
            ["process", 4242, 101.5, 0.5, "work(3)"],
            ["thread", "asyncio_0", 101.0, None, "read(1)"],
            ["thread", "asyncio_0", 101.0, 0.25, "read(1)"],
        )
    )
    assert [(event["task"], event["lane"]) for event in events] == [
        ("process 1", "process"),
        ("process 2", "process"),
        ("process 1", "process"),
        ("asyncio_0", "thread"),
        ("asyncio_0", "thread"),
    ]
    assert events[0]["label"] == "work(<Job at 0x…>)"
    # A call announced as it starts has no duration yet.
    assert [event["d"] for event in events[3:]] == [None, 0.25]


def test_an_unknown_event_is_an_error_that_names_it() -> None:
    with pytest.raises(ValueError, match="'teleport'"):
        TraceEvents(ORIGIN).feed(raw(["teleport", 1]))
