"""The mini Redis servers, started in the test's own event loop on a free port."""

from __future__ import annotations

import importlib
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from types import ModuleType

import pytest

STREAMS = Path(__file__).resolve().parents[3] / "examples" / "streams"
# The other servers import mini_redis as their sibling, the way they do when run as a script.
sys.path.insert(0, str(STREAMS))

# The first, line-by-line version on the slides, and the two that read whole buffers.
SERVER_MODULES = ["line_by_line", "mini_redis", "resp_protocol"]


@pytest.fixture(params=SERVER_MODULES)
def server_module(request: pytest.FixtureRequest) -> ModuleType:
    """Each test runs against each server: streams line by line, streams, and protocol."""
    return importlib.import_module(request.param)


@pytest.fixture
def mini_redis() -> ModuleType:
    return importlib.import_module("mini_redis")


@pytest.fixture
def database(mini_redis: ModuleType):
    """The server's database, whose ``clients`` are the server's end of each connection."""
    return mini_redis.Database()


@pytest.fixture
async def address(server_module: ModuleType, database) -> AsyncIterator[tuple[str, int]]:
    """A fresh server on ``database``; stopped the way `--port` mode stops on SIGTERM."""
    async with await server_module.open_server("127.0.0.1", 0, database) as server:
        yield server.sockets[0].getsockname()[:2]
        server.close()
        for transport in list(database.clients):
            transport.abort()
