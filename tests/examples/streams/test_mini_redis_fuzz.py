"""Thousands of random and mutated frames: the server stays up and nobody else notices."""

from __future__ import annotations

import re
import socket
import struct
import subprocess
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.examples.streams.standalone import start_standalone

# FLUSHDB is left out on purpose: it would wipe the bystander's counter, legitimately.
COMMANDS = [b"GET", b"SET", b"get", b"INCR", b"INCRBY", b"DEL", b"EXISTS", b"EXPIRE", b"TTL"]
COMMANDS += [b"KEYS", b"PING", b"ECHO", b"HELLO", b"CLIENT", b"CONFIG", b"INFO", b"COMMAND"]
COMMANDS += [b"SELECT", b"QUIT", b"NOPE"]
VALUES = [b"k", b"EX", b"PX", b"3", b"2", b"-1", b"0", b"*", b"[a-", b"GET", b"SETINFO"]
VALUES += [b"9223372036854775807", b"-9223372036854775809", b"1" * 5000]
HEADERS = [b"*99999\r\n", b"*-1\r\n", b"$2000000\r\n", b"$-1\r\n", b"*1\r\n$3\r\n", b"\r\n"]

arguments = st.builds(
    lambda name, rest: [name, *rest],
    st.sampled_from(COMMANDS),
    st.lists(st.one_of(st.sampled_from(VALUES), st.binary(max_size=12)), max_size=4),
)


def resp(args: list[bytes]) -> bytes:
    return b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%b\r\n" % (len(a), a) for a in args)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A well-formed command with one cut, flip, splice or bogus header somewhere."""
    frame = bytearray(resp(draw(arguments)))
    at = draw(st.integers(0, len(frame)))
    match draw(st.sampled_from(["cut", "flip", "splice", "header"])):
        case "cut":
            del frame[at:]
        case "flip" if at < len(frame):
            frame[at] ^= 1 << draw(st.integers(0, 7))
        case "splice":
            frame[at:at] = draw(st.binary(max_size=8))
        case _:
            frame[at:at] = draw(st.sampled_from(HEADERS))
    return bytes(frame)


frames = st.one_of(
    arguments.map(resp),
    arguments.map(lambda args: b" ".join(args) + b"\r\n"),
    mutated(),
    st.binary(max_size=64),
)
REPLY = re.compile(rb"[+\-:][^\r\n]*\r\n|\$-1\r\n|_\r\n|[*%]\d+\r\n|\$(\d+)\r\n")


def well_formed(replies: bytes) -> bool:
    """Every byte belongs to some RESP reply token: nothing half-written or garbled."""
    position = 0
    while position < len(replies):
        token = REPLY.match(replies, position)
        if token is None:
            return False
        position = token.end()
        if token[1] is not None:
            position += int(token[1]) + 2
            if replies[position - 2 : position] != b"\r\n":
                return False
    return position == len(replies)


@pytest.fixture(params=["mini_redis", "resp_protocol"], scope="module")
def server(request: pytest.FixtureRequest) -> Iterator[tuple[int, subprocess.Popen]]:
    process, port = start_standalone(request.param, "-W", "error")
    yield port, process
    process.terminate()
    _, stderr = process.communicate(timeout=10)
    assert stderr == "", stderr  # no handler died with a traceback along the way


class Bystander:
    """A well-behaved client on its own connection, counting on a key the fuzzer never names."""

    def __init__(self, port: int) -> None:
        self.connection = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.expected = 0

    def check(self) -> None:
        self.expected += 1
        self.connection.sendall(b"INCR bystander:counter\r\n")
        assert self.connection.recv(64) == b":%d\r\n" % self.expected


def test_fuzzed_frames_leave_server_and_others_intact(server) -> None:
    port, process = server
    bystander = Bystander(port)

    @settings(
        max_examples=1500,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(payload=st.lists(frames, min_size=1, max_size=4), rude=st.booleans())
    def one_connection(payload: list[bytes], rude: bool) -> None:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
            connection.sendall(b"".join(payload))
            if rude:  # vanish with a reset, replies unread
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            else:
                connection.shutdown(socket.SHUT_WR)
                replies = b"".join(iter(lambda: connection.recv(65536), b""))
                assert well_formed(replies), replies
        bystander.check()

    one_connection()
    assert process.poll() is None
    bystander.connection.close()
