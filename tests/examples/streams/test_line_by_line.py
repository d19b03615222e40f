"""The first, line-by-line server's profile: its own time goes mostly to reading commands."""

from __future__ import annotations

import asyncio

import pytest


@pytest.mark.parametrize("server_module", ["line_by_line"], indirect=True)
async def test_the_profile_finds_reading_commands_costs_most(
    address: tuple[str, int], server_module
) -> None:
    async def pipelined_sets() -> None:
        reader, writer = await asyncio.open_connection(*address)
        batch = server_module.encode_command("SET greeting hello") * 16
        for _ in range(100):
            writer.write(batch)
            assert await reader.readexactly(16 * 5) == b"+OK\r\n" * 16
        writer.close()
        await writer.wait_closed()

    parts = await server_module.profile_until(pipelined_sets())

    assert list(parts) == [
        "reading commands",
        "running commands",
        "writing replies",
        "the rest",
    ]
    assert all(seconds >= 0 for seconds in parts.values())
    assert parts["reading commands"] > 2 * parts["running commands"]
    assert parts["reading commands"] > parts["writing replies"]
