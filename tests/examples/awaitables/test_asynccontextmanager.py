"""One async generator as a context manager: the block runs at the yield, cleanup in finally."""

from __future__ import annotations

import pytest

from examples.awaitables import asynccontextmanager as example


async def test_the_block_gets_what_was_yielded(capsys: pytest.CaptureFixture[str]) -> None:
    async with example.connection("db.local") as host:
        assert host == "db.local"
        assert "closed" not in capsys.readouterr().out  # cleanup waits for the block
    assert "closed db.local" in capsys.readouterr().out


async def test_cleanup_runs_although_the_block_raised(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ConnectionResetError):
        async with example.connection("cache.local"):
            raise ConnectionResetError
    assert "closed cache.local" in capsys.readouterr().out.splitlines()[-1]


async def test_main_ends_normally() -> None:
    await example.main()
