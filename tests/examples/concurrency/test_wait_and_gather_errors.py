"""wait(FIRST_COMPLETED) returns with the fastest task and leaves the rest running until
cancelled; gather(return_exceptions=True) keeps every outcome, a TaskGroup cancels."""

from __future__ import annotations

import asyncio

from examples.concurrency import gather_exceptions, wait_first


async def test_wait_returns_the_first_and_leaves_the_others_pending() -> None:
    example = wait_first
    tasks = [
        asyncio.create_task(example.download(mirror, delay / 10), name=mirror)
        for mirror, delay in example.MIRRORS.items()
    ]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    assert [task.get_name() for task in done] == ["us"]
    assert not any(task.done() for task in pending)  # wait() cancels nothing itself
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)


async def test_main_cancels_the_losers(monkeypatch) -> None:
    example = wait_first
    lines: list[str] = []
    monkeypatch.setattr(example, "print", lines.append, raising=False)
    await example.main()
    assert lines == [
        "first: file from us",
        "still running: ['asia', 'eu']",  # after wait() returned
        "cancelled: ['asia', 'eu']",
    ]
    assert asyncio.all_tasks() == {asyncio.current_task()}


async def test_gather_keeps_outcomes_and_task_group_cancels(monkeypatch) -> None:
    example = gather_exceptions
    lines: list[str] = []
    monkeypatch.setattr(example, "print", lines.append, raising=False)
    await example.main()
    finished = [line.split()[0] for line in lines if line.endswith("finished")]
    assert finished == ["reviews", "stock"]  # not the order of the arguments
    assert lines[4:7] == [
        "    ConnectionError('prices: connection reset')",
        "    'stock: ok'",
        "    'reviews: ok'",
    ]
    assert lines[-1] == "  cancelled: ['stock', 'reviews']"
