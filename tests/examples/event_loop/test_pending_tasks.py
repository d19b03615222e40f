"""asyncio.run really cancels the task that main() leaves behind, and its cleanup runs."""

from __future__ import annotations

import asyncio
import importlib.util
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "event_loop" / "pending_tasks.py"


def load_example():
    spec = importlib.util.spec_from_file_location("event_loop_pending_tasks", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_leftover_task_ends_cancelled(capsys) -> None:
    example = load_example()
    leftovers: list[asyncio.Task] = []

    async def main_then_look_around() -> None:
        await example.main()
        leftovers.extend(asyncio.all_tasks() - {asyncio.current_task()})

    asyncio.run(main_then_look_around())

    assert [task.get_name() for task in leftovers] == ["heartbeat"]
    assert leftovers[0].cancelled()
    printed = capsys.readouterr().out.splitlines()
    assert printed[-2:] == ["heartbeat: cancelled", "heartbeat: cleanup runs"]
