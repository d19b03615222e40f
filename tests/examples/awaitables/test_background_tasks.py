"""The set holds every running task, and each one leaves it exactly when it is done."""

from __future__ import annotations

import asyncio

from examples.awaitables import background_tasks as example


def test_the_set_references_tasks_until_they_finish(capsys) -> None:

    async def watch() -> None:
        quick = example.start_in_background("quick", 0.01)
        slow = example.start_in_background("slow", 0.2)
        assert example.background_tasks == {quick, slow}
        # Done callbacks run in the order they were added, so discard runs before we resume.
        await quick
        assert example.background_tasks == {slow}
        await slow
        assert example.background_tasks == set()

    asyncio.run(watch())
    assert capsys.readouterr().out.splitlines() == ["sent to quick", "sent to slow"]
