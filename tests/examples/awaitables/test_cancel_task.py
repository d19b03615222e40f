"""A task cancelled while suspended runs its handler; one cancelled before its first
step never runs any of its body, yet both end cancelled."""

from __future__ import annotations

import asyncio

import pytest

from examples.awaitables import cancel_task


def test_only_the_started_task_runs_its_handler(monkeypatch) -> None:
    lines: list[str] = []
    monkeypatch.setattr(cancel_task, "print", lines.append, raising=False)
    asyncio.run(cancel_task.main())
    assert lines == [
        "cancel requested: True",
        "report.pdf: cancelled while sleeping, tidying up",
        "report cancelled: True",
        "invoice cancelled: True",
    ]


async def test_a_cancelled_download_tidies_up_and_ends_cancelled(
    capsys: pytest.CaptureFixture[str],
) -> None:
    task = asyncio.create_task(cancel_task.download("report.pdf"))
    await asyncio.sleep(0)  # one turn of the loop: the task reaches its first await
    assert task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert task.cancelled()  # the handler re-raised
    assert "report.pdf" in capsys.readouterr().out  # the handler ran


async def test_cancelled_before_its_first_step_runs_no_finally() -> None:
    ran: list[str] = []

    async def job() -> None:
        try:
            ran.append("body")
            await asyncio.sleep(1)
        finally:
            ran.append("finally")

    task = asyncio.create_task(job())
    task.cancel()
    await asyncio.sleep(0)  # the task's one step: CancelledError thrown in before it began
    assert task.cancelled()
    assert ran == []
