"""asyncio.run really cancels the task that main() leaves behind, and its cleanup runs."""

from __future__ import annotations

import asyncio

from examples.event_loop import pending_tasks as example


def test_the_leftover_task_ends_cancelled(capsys) -> None:
    leftovers: list[asyncio.Task] = []

    async def main_then_look_around() -> None:
        await example.main()
        leftovers.extend(asyncio.all_tasks() - {asyncio.current_task()})

    asyncio.run(main_then_look_around())

    assert [task.get_name() for task in leftovers] == ["heartbeat"]
    assert leftovers[0].cancelled()
    printed = capsys.readouterr().out.splitlines()
    assert printed[-2:] == ["heartbeat: cancelled", "heartbeat: cleanup runs"]
