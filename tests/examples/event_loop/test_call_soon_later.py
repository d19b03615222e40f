"""The loop runs ready callbacks in the order they were queued (task steps among them),
and timers by deadline, not by the order they were scheduled."""

from __future__ import annotations

import asyncio

from examples.event_loop import call_soon_later


def test_ready_queue_in_order_then_timers_by_deadline(monkeypatch) -> None:
    lines: list[str] = []

    def record(*args) -> None:
        lines.append(" ".join(map(str, args)))

    monkeypatch.setattr("builtins.print", record)
    asyncio.run(call_soon_later.main())
    assert lines == [
        "main: all scheduled, now awaiting",
        "call_soon 1",
        "task a: first step",
        "call_soon 2",
        "task a: second step",
        "timer, 0.1 s",
        "timer, 0.2 s",
    ]
