"""A Barrier holds every runner until all arrive, an Event releases them together, and a
Condition's notify() wakes one waiter where notify_all() wakes every one."""

from __future__ import annotations

from examples.cancellation import sync_primitives


async def test_barrier_then_event_then_condition(monkeypatch) -> None:
    example = sync_primitives
    lines: list[str] = []
    monkeypatch.setattr(example, "print", lines.append, raising=False)
    await example.main()
    at_line = [i for i, line in enumerate(lines) if line.endswith("at the line")]
    running = [i for i, line in enumerate(lines) if line.endswith("running")]
    assert len(at_line) == len(running) == 3
    assert max(at_line) < min(running)  # nobody ran before everyone had arrived
    # bread with notify(): dee alone wakes. milk with notify_all(): eve and fay both
    # wake, and fay finds nothing. tea with notify(): fay, the one still waiting.
    assert lines[6:] == [
        "dee: woke, 1 in stock",
        "dee: took bread",
        "eve: woke, 1 in stock",
        "eve: took milk",
        "fay: woke, 0 in stock",
        "fay: woke, 1 in stock",
        "fay: took tea",
    ]
