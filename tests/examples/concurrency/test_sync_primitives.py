"""A Barrier holds every runner until all arrive, an Event releases them together, and a
Condition hands each item to exactly one waiting consumer."""

from __future__ import annotations

from examples.concurrency import sync_primitives


async def test_barrier_then_event_then_condition(monkeypatch) -> None:
    example = sync_primitives
    lines: list[str] = []
    monkeypatch.setattr(example, "print", lines.append, raising=False)
    await example.main()
    at_line = [i for i, line in enumerate(lines) if line.endswith("at the line")]
    running = [i for i, line in enumerate(lines) if line.endswith("running")]
    assert len(at_line) == len(running) == 3
    assert max(at_line) < min(running)  # nobody ran before everyone had arrived
    took = sorted(line.split(" took ")[1] for line in lines if " took " in line)
    assert took == ["bread", "milk"]  # each item to exactly one consumer
