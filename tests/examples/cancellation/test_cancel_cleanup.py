"""A cancelled task's `finally` runs, and may await, before the task ends cancelled."""

from __future__ import annotations

import asyncio

import pytest

from examples.cancellation import cancel_cleanup as example


async def test_cleanup_awaits_and_then_the_task_ends_cancelled(
    capsys: pytest.CaptureFixture[str],
) -> None:
    task = asyncio.create_task(example.upload("backup.tar"))
    await asyncio.sleep(0)  # one turn of the loop: the upload reaches its await
    opened = capsys.readouterr().out
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert task.cancelled()
    # The cleanup printed after its own await: the cancellation did not cut it short.
    closed = capsys.readouterr().out
    assert "backup.tar" in opened
    assert "backup.tar" in closed


async def test_main_sees_the_task_cancelled() -> None:
    await example.main()  # the upload would take 5 s; main returns once it is cancelled
