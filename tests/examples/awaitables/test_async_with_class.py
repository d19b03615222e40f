"""__aenter__ hands over the object; __aexit__ sees the block's error and lets it through."""

from __future__ import annotations

import pytest

from examples.awaitables import async_with_class as example


@pytest.fixture
def exits(monkeypatch: pytest.MonkeyPatch) -> list[type[BaseException] | None]:
    """The error type each __aexit__ was told about."""
    seen = []
    real_exit = example.Connection.__aexit__

    async def recording_exit(self, exc_type, exc, traceback):
        seen.append(exc_type)
        return await real_exit(self, exc_type, exc, traceback)

    monkeypatch.setattr(example.Connection, "__aexit__", recording_exit)
    return seen


async def test_the_block_gets_the_connection_and_exit_runs(exits) -> None:
    async with example.Connection("db.local") as connection:
        assert isinstance(connection, example.Connection)
        assert connection.host == "db.local"
        assert exits == []
    assert exits == [None]


async def test_an_error_in_the_block_reaches_exit_and_then_the_caller(exits) -> None:
    with pytest.raises(ConnectionResetError):
        async with example.Connection("cache.local"):
            raise ConnectionResetError
    assert exits == [ConnectionResetError]


async def test_main_ends_normally(exits) -> None:
    await example.main()
    assert exits == [None, ConnectionResetError]
