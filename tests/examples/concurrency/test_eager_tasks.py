"""Default tasks start at the creator's next await; eager tasks (3.12+) start inside
create_task(), and one that never suspends is done before create_task() returns."""

from __future__ import annotations

import asyncio
import sys

import pytest

from examples.concurrency import eager_tasks

pytestmark = pytest.mark.skipif(sys.version_info < (3, 12), reason="eager_task_factory is 3.12+")


def run_start_two(example, monkeypatch, *, eager: bool) -> list[str]:
    lines: list[str] = []
    monkeypatch.setattr(example, "print", lines.append, raising=False)

    async def start() -> None:
        if eager:
            asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
        await example.start_two()

    asyncio.run(start())
    return [line.strip() for line in lines]


def test_default_tasks_start_after_create_task_returns(monkeypatch) -> None:
    lines = run_start_two(eager_tasks, monkeypatch, eager=False)
    assert lines == [
        "returned: hit done False, miss done False",
        "lookup('tea') starts",
        "lookup('cake') starts",
    ]


def test_eager_tasks_run_their_first_step_inside_create_task(monkeypatch) -> None:
    lines = run_start_two(eager_tasks, monkeypatch, eager=True)
    assert lines == [
        "lookup('tea') starts",
        "lookup('cake') starts",
        "returned: hit done True, miss done False",
    ]
