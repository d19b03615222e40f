"""The streams server answers all that one read brought with one write (streams/mini_redis)."""

from __future__ import annotations

import asyncio
from types import ModuleType

import pytest


class RecordingWriter:
    """Stands in for a StreamWriter: keeps each write() apart."""

    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.transport = object()

    def write(self, data: bytes) -> None:
        self.writes.append(data)

    async def drain(self) -> None:
        pass

    def close(self) -> None:
        pass

    async def wait_closed(self) -> None:
        pass


def commands(mini_redis: ModuleType, *lines: str) -> bytes:
    return b"".join(mini_redis.encode_command(line) for line in lines)


async def serve(mini_redis: ModuleType, *reads: bytes) -> list[bytes]:
    """What serve_client writes when the client's bytes arrive in these reads."""
    reader = asyncio.StreamReader()
    for data in reads:
        reader.feed_data(data)
    reader.feed_eof()
    writer = RecordingWriter()
    await asyncio.wait_for(mini_redis.serve_client(mini_redis.Database(), reader, writer), 5)
    return writer.writes


async def test_a_pipeline_that_arrived_at_once_is_answered_with_one_write(mini_redis) -> None:
    pipeline = commands(mini_redis, "SET a 1", "GET a", "INCR a", "GET nobody")
    assert await serve(mini_redis, pipeline) == [b"+OK\r\n$1\r\n1\r\n:2\r\n$-1\r\n"]


@pytest.mark.parametrize("cut", [1, 5, 12, 19])
def test_an_incomplete_command_waits_for_the_rest(mini_redis, cut: int) -> None:
    session = mini_redis.Session(mini_redis.Database())
    pipeline = commands(mini_redis, "SET a 1", "GET a")
    first = len(mini_redis.encode_command("SET a 1"))
    replies, rest = mini_redis.answer(session, pipeline[: first + cut])
    assert (replies, rest) == (b"+OK\r\n", pipeline[first : first + cut])
    assert mini_redis.answer(session, rest + pipeline[first + cut :]) == (b"$1\r\n1\r\n", b"")


def test_a_framing_error_is_the_last_reply(mini_redis) -> None:
    session = mini_redis.Session(mini_redis.Database())
    replies, _ = mini_redis.answer(session, b"PING\r\n*1\r\n$banana\r\nPING\r\n")
    assert replies == b"+PONG\r\n-ERR Protocol error: invalid length b'banana'\r\n"
    assert session.closing


def test_after_quit_nothing_more_is_answered(mini_redis) -> None:
    session = mini_redis.Session(mini_redis.Database())
    replies, rest = mini_redis.answer(session, b"QUIT\r\nPING\r\n")
    assert (replies, rest, session.closing) == (b"+OK\r\n", b"PING\r\n", True)
