"""SIGTERM stops a standalone server gracefully, on 3.11, 3.12 and 3.13.

3.13 closes the connections with ``Server.close_clients()`` and
``abort_clients()``; older versions through the server's own set of them.
"""

from __future__ import annotations

import signal
import socket
import time

import pytest

from tests.examples.streams.standalone import start_standalone

VALUE = 256 * 1024
GETS = 40  # 10 MiB of replies, written at once: far more than the sockets between can hold
REPLY = len(b"$%d\r\n" % VALUE) + VALUE + 2


def owed_client(port: int) -> socket.socket:
    """A client whose GETs the server has answered, all in one write, none of it read yet."""
    client = socket.create_connection(("127.0.0.1", port), timeout=10)
    client.sendall(b"GET big\r\n" * GETS)
    assert client.recv(1) == b"$"  # the server has written the replies
    return client


def read_to_the_end(client: socket.socket) -> int:
    """How many more bytes the client gets before the server hangs up."""
    received = 0
    try:
        while chunk := client.recv(1 << 20):
            received += len(chunk)
    except ConnectionResetError:
        pass
    return received


def until_refused(port: int) -> None:
    """Return once the server no longer accepts connections (it has begun to stop)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except ConnectionRefusedError:
            return
        time.sleep(0.02)
    pytest.fail("the server still accepted connections 10 s after SIGTERM")


@pytest.mark.timeout(60)
@pytest.mark.parametrize("module", ["mini_redis", "resp_protocol"])
def test_sigterm_delivers_what_is_owed_and_cuts_off_a_client_that_does_not_read(
    python: str, module: str
) -> None:
    process, port = start_standalone(module, "-X", "dev", python=python)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as setter:
            value = b"v" * VALUE
            setter.sendall(b"*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$%d\r\n%b\r\n" % (VALUE, value))
            assert setter.recv(5) == b"+OK\r\n"
        with owed_client(port) as reader, owed_client(port) as stuck:
            process.send_signal(signal.SIGTERM)
            until_refused(port)
            # Shutting down, the server still sends the reader every byte it was owed...
            assert read_to_the_end(reader) == GETS * REPLY - 1
            # ...then waits out the grace period for the client that reads nothing: cut off.
            stdout, stderr = process.communicate(timeout=30)
            assert read_to_the_end(stuck) < GETS * REPLY - 1
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 0, stderr
    assert stdout.splitlines()[-1] == "stopped"
