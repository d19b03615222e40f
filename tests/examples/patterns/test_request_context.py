"""A ContextVar gives each request's task its own id, seen by every helper it calls."""

from __future__ import annotations

import pytest

from examples.patterns import request_context as example


async def test_each_request_logs_under_its_own_id(monkeypatch: pytest.MonkeyPatch) -> None:
    logged: list[tuple[str, str]] = []  # (the id in the caller's context, the message)
    monkeypatch.setattr(
        example, "log", lambda message: logged.append((example.request_id.get(), message))
    )
    await example.main()

    by_request = {
        request: [message for seen, message in logged if seen == request]
        for request in ("req-1", "req-2")
    }
    # start, then what its own subtask logged, then done: never the other request's id.
    assert len(by_request["req-1"]) == len(by_request["req-2"]) == 3
    assert len(logged) == 7
    assert logged[-1][0] == example.request_id.get() == "-"  # main's context never changed
