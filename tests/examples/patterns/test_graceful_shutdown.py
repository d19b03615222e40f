"""On SIGTERM, main cancels every connection, lets each clean up, then returns by itself."""

from __future__ import annotations

import asyncio
import signal

import pytest

from examples.patterns import graceful_shutdown as example


async def test_sigterm_closes_every_connection(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Should main not catch SIGTERM, this keeps it from ending the test run; main then
    # waits for good, and the test fails on its time limit.
    previous = signal.signal(signal.SIGTERM, lambda *_: None)
    ended = []
    real_serve = example.serve

    async def serve(name: str) -> None:
        try:
            await real_serve(name)
        finally:
            ended.append((name, asyncio.current_task().cancelling()))

    monkeypatch.setattr(example, "serve", serve)
    try:
        await example.main()
    finally:
        signal.signal(signal.SIGTERM, previous)

    # Both connections were cancelled (not left running), and each finished its cleanup,
    # which printed after awaiting: a second cancel would have cut it short.
    assert [cancelled for _, cancelled in ended] == [1, 1]
    printed = capsys.readouterr().out
    assert all(printed.count(name) == 2 for name, _ in ended), printed
