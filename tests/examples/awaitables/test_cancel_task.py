"""cancel() raises CancelledError at the task's await; re-raised, the task ends cancelled."""

from __future__ import annotations

import asyncio

import pytest

from examples.awaitables import cancel_task as example


async def test_a_cancelled_download_tidies_up_and_ends_cancelled(
    capsys: pytest.CaptureFixture[str],
) -> None:
    task = asyncio.create_task(example.download("report.pdf"))
    await asyncio.sleep(0)  # one turn of the loop: the task reaches its first await
    assert task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert task.cancelled()
    assert "report.pdf" in capsys.readouterr().out  # the except block ran


async def test_main_catches_the_cancellation() -> None:
    await example.main()  # the download sleeps 10 s: returning at all means it was cancelled
