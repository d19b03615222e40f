"""redis-py, raw sockets and hundreds of clients against both mini Redis servers."""

from __future__ import annotations

import asyncio
import socket

import pytest
import redis.asyncio as aioredis
from redis.exceptions import ResponseError


@pytest.fixture(params=[3, 2], ids=["resp3", "resp2"])
async def client(request: pytest.FixtureRequest, address: tuple[str, int]):
    """redis-py as it comes (HELLO 3 first), and a RESP2 client for comparison."""
    host, port = address
    connection = aioredis.Redis(host=host, port=port, protocol=request.param)
    yield connection
    await connection.aclose()


async def test_strings_round_trip(client: aioredis.Redis) -> None:
    assert await client.ping() is True
    assert await client.set("greeting", "hello") is True
    assert await client.get("greeting") == b"hello"
    assert await client.get("nobody") is None
    assert await client.echo(b"\r\n\x00 binary-safe") == b"\r\n\x00 binary-safe"
    assert await client.exists("greeting", "nobody", "greeting") == 2
    assert await client.delete("greeting", "nobody") == 1
    assert await client.get("greeting") is None


async def test_counters(client: aioredis.Redis) -> None:
    assert [await client.incr("visits") for _ in range(3)] == [1, 2, 3]
    assert await client.incrby("visits", -10) == -7
    await client.set("big", str(2**63 - 1))
    with pytest.raises(ResponseError, match="overflow"):
        await client.incr("big")
    await client.set("word", "hello")
    with pytest.raises(ResponseError, match="not an integer"):
        await client.incr("word")


async def test_expiry(client: aioredis.Redis) -> None:
    await client.set("token", "abc", ex=60)
    await client.set("flash", "hi", px=50)
    await client.set("forever", "x")
    assert await client.ttl("token") == 60
    assert await client.ttl("forever") == -1
    assert await client.ttl("nobody") == -2
    await asyncio.sleep(0.1)
    assert await client.get("flash") is None
    assert await client.exists("flash") == 0
    assert await client.expire("forever", 100) is True
    assert await client.expire("nobody", 100) is False
    assert 99 <= await client.ttl("forever") <= 100
    with pytest.raises(ResponseError, match="invalid expire time"):
        await client.set("bad", "x", ex=0)


async def test_keys_and_flush(client: aioredis.Redis) -> None:
    for name in ("user:1", "user:2", "order:1"):
        await client.set(name, "x")
    assert sorted(await client.keys("user:*")) == [b"user:1", b"user:2"]
    assert await client.flushdb() is True
    assert await client.keys("*") == []


async def test_pipeline_answers_in_order(client: aioredis.Redis) -> None:
    pipe = client.pipeline(transaction=False)
    for n in range(200):
        pipe.set(f"key:{n}", n).incr("count").get(f"key:{n}")
    replies = await pipe.execute()
    assert replies[1::3] == list(range(1, 201))
    assert replies[2::3] == [str(n).encode() for n in range(200)]


async def test_errors_become_response_errors(client: aioredis.Redis) -> None:
    with pytest.raises(ResponseError, match="unknown command 'FROBNICATE'"):
        await client.execute_command("FROBNICATE", "now")
    with pytest.raises(ResponseError, match="wrong number of arguments for 'get'"):
        await client.execute_command("GET")
    with pytest.raises(ResponseError, match="syntax error"):
        await client.execute_command("SET", "k", "v", "EX")
    assert await client.ping() is True  # the connection carries on after each error


async def test_hello_switches_protocol(address: tuple[str, int]) -> None:
    host, port = address
    client = aioredis.Redis(host=host, port=port, protocol=3)
    assert (await client.execute_command("HELLO", "3"))[b"proto"] == 3
    with pytest.raises(ResponseError, match="NOPROTO"):
        await client.execute_command("HELLO", "4")
    await client.aclose()


async def exchange(address: tuple[str, int], payload: bytes) -> bytes:
    """Send raw bytes, say we are done, and return everything the server sends back."""
    reader, writer = await asyncio.open_connection(*address)
    writer.write(payload)
    writer.write_eof()
    reply = await asyncio.wait_for(reader.read(), timeout=5)
    writer.close()
    await writer.wait_closed()
    return reply


async def test_resp2_nulls_and_inline_commands(address: tuple[str, int]) -> None:
    assert await exchange(address, b"PING\nSET a b\r\n\r\nGET a\nGET zz\n") == (
        b"+PONG\r\n+OK\r\n$1\r\nb\r\n$-1\r\n"
    )
    assert (await exchange(address, b"HELLO 3\r\nGET zz\r\n")).endswith(b"_\r\n")


@pytest.mark.parametrize(
    ("frame", "reason"),
    [
        (b"*1\r\n$banana\r\n", b"invalid length"),
        (b"*1\r\n+PING\r\n", b"expected '$'"),
        (b"*1\r\n$4\r\nPINGxx", b"not followed by CRLF"),
        (b"*99999\r\n", b"outside 0..1024"),
        (b"*1\r\n$2000000\r\n", b"outside 0..1048576"),
        (b"*2\r\n$600000\r\n" + b"a" * 600000 + b"\r\n$600000\r\n", b"outside 0..448576"),
        (b"x" * 70000, b"Protocol error"),
    ],
)
async def test_malformed_frames_close_only_that_connection(
    address: tuple[str, int], frame: bytes, reason: bytes
) -> None:
    reader, writer = await asyncio.open_connection(*address)
    writer.write(b"SET kept yes\r\n")
    assert await reader.readline() == b"+OK\r\n"
    reply = await exchange(address, b"PING\r\n" + frame)
    assert reply.startswith(b"+PONG\r\n-ERR Protocol error: ")
    assert reason in reply
    writer.write(b"GET kept\r\n")
    assert await reader.readuntil(b"yes\r\n") == b"$3\r\nyes\r\n"
    writer.close()
    await writer.wait_closed()


async def test_abrupt_disconnect_mid_command(address: tuple[str, int]) -> None:
    for partial in (b"*3\r\n$3\r\nSET\r\n$1\r\nk", b"*3\r\n", b"SET half"):
        _, writer = await asyncio.open_connection(*address)
        writer.write(partial)
        writer.transport.abort()
    assert await exchange(address, b"EXISTS k half\r\n") == b":0\r\n"


BIG = b"v" * 256 * 1024
GETS = 100  # 25 MiB of replies: far more than the sockets between hog and server can hold
REPLY = b"$%d\r\n%b\r\n" % (len(BIG), BIG)


async def hog(address: tuple[str, int]) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A client that asks for 25 MiB and reads none of it until told to.

    Its receive buffer is kept small, so that the kernel holds a few hundred KiB of
    replies at most and the rest must wait in the server (or be held back by it).
    """
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
    sock.setblocking(False)
    await asyncio.get_running_loop().sock_connect(sock, address)
    reader, writer = await asyncio.open_connection(sock=sock)
    writer.write(b"*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$%d\r\n%b\r\n" % (len(BIG), BIG))
    writer.write(b"GET big\r\n" * GETS)
    return reader, writer


async def read_every_reply(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Every reply, in order; then the connection still answers, and is closed."""
    assert await reader.readline() == b"+OK\r\n"
    for _ in range(GETS):
        assert await reader.readexactly(len(REPLY)) == REPLY
    writer.write(b"PING\r\n")
    assert await reader.readline() == b"+PONG\r\n"
    writer.close()
    await writer.wait_closed()


@pytest.mark.parametrize("server_module", ["mini_redis"], indirect=True)
async def test_the_streams_server_waits_while_a_client_does_not_read(
    address: tuple[str, int], database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`await writer.drain()` holds the next reply back until the write buffer has room:
    whenever a GET runs, what waits in the server for the hog is under the high-water mark."""
    waiting: list[tuple[int, int]] = []  # (bytes in the write buffer, its high-water mark)
    real_get = database.get

    def get(key: bytes) -> bytes | None:
        for transport in database.clients:
            _, high = transport.get_write_buffer_limits()
            waiting.append((transport.get_write_buffer_size(), high))
        return real_get(key)

    monkeypatch.setattr(database, "get", get)
    reader, writer = await hog(address)
    assert await exchange(address, b"PING\r\n") == b"+PONG\r\n"
    await read_every_reply(reader, writer)

    assert len(waiting) >= GETS
    assert all(size <= high for size, high in waiting), max(waiting)


@pytest.mark.parametrize("server_module", ["resp_protocol"], indirect=True)
async def test_the_protocol_server_stops_reading_while_a_client_does_not_read(
    address: tuple[str, int], server_module, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the transport says its buffer is full, the protocol stops reading that client;
    it reads again once the client has caught up (its last PING is answered)."""
    reading_when_paused: list[bool] = []
    paused = asyncio.Event()
    real_pause = server_module.RedisProtocol.pause_writing

    def pause_writing(protocol) -> None:
        real_pause(protocol)
        reading_when_paused.append(protocol.transport.is_reading())
        paused.set()

    monkeypatch.setattr(server_module.RedisProtocol, "pause_writing", pause_writing)
    reader, writer = await hog(address)
    await paused.wait()  # 25 MiB cannot all fit in the sockets, so the transport must say so
    assert reading_when_paused == [False]
    assert await exchange(address, b"PING\r\n") == b"+PONG\r\n"
    await read_every_reply(reader, writer)


async def test_hundreds_of_clients_interleaved(address: tuple[str, int], mini_redis) -> None:
    async def one_client(n: int) -> tuple[object, ...]:
        reader, writer = await asyncio.open_connection(*address)
        replies = []
        for line in (f"SET client:{n} {n}", "INCR shared", f"GET client:{n}", "INCR shared"):
            writer.write(mini_redis.encode_command(line))
            await asyncio.sleep(0)  # let the other clients' commands interleave with ours
            replies.append(await mini_redis.read_reply(reader))
        writer.close()
        await writer.wait_closed()
        return replies[0], replies[2]

    results = await asyncio.gather(*(one_client(n) for n in range(300)))
    assert results == [("OK", str(n).encode()) for n in range(300)]
    assert await exchange(address, b"GET shared\r\n") == b"$3\r\n600\r\n"
