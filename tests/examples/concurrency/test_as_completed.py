"""as_completed() yields in finishing order, whatever the starting order."""

from __future__ import annotations

import asyncio

from examples.concurrency import as_completed
from tests.examples.newer_python import check_on


async def test_results_come_in_finishing_order() -> None:
    delays = {"report": 0.15, "avatar": 0.05, "profile": 0.1}
    requests = [as_completed.fetch(name, delay) for name, delay in delays.items()]
    finished = [await next_done for next_done in asyncio.as_completed(requests)]
    assert [result.split()[0] for result in finished] == ["avatar", "profile", "report"]


def test_async_for_yields_the_tasks_passed_in() -> None:
    check_on(
        (3, 13),
        """
        import asyncio
        from examples.concurrency import as_completed_async_for as example

        async def check():
            tasks = [asyncio.create_task(example.fetch(delay)) for delay in (0.1, 0.05)]
            finished = [task async for task in asyncio.as_completed(tasks)]
            assert finished == [tasks[1], tasks[0]]  # the very tasks, in finishing order

        asyncio.run(check())
        """,
    )


async def test_started_is_printed_once_the_requests_are_tasks(monkeypatch) -> None:
    tasks_at_start: list[int] = []

    def record(line: str) -> None:
        if line.startswith("started"):
            tasks_at_start.append(len(asyncio.all_tasks()))

    monkeypatch.setattr(as_completed, "print", record, raising=False)
    await as_completed.main()
    assert tasks_at_start == [1 + 3]  # this test's own task and the three requests
