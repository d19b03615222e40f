"""The mini Redis as a standalone server (`--port`), driven by redis-cli and redis-benchmark."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from collections.abc import Callable, Iterator

import pytest
import redis

from tests.examples.streams.standalone import start_standalone

# Debug mode (-X dev) reports any step of the loop over 100 ms: on a loaded machine that
# says how busy the machine is, not that the server did something wrong.
SLOW_STEP = re.compile(r"Executing <.*> took \d+\.\d+ seconds")

# CI sets this so that a missing redis-cli fails the run instead of skipping its tests.
REQUIRE_REDIS_TOOLS = os.environ.get("SURVEY_REQUIRE_REDIS_TOOLS") == "1"


def redis_tool(name: str) -> str:
    """The path of redis-cli or redis-benchmark; a skip where it is missing, unless required."""
    path = shutil.which(name)
    if path is None:
        missing = f"{name} is not installed (apt: redis-tools)"
        if REQUIRE_REDIS_TOOLS:
            pytest.fail(f"{missing}, and SURVEY_REQUIRE_REDIS_TOOLS=1 requires it")
        pytest.skip(missing)
    return path


@pytest.fixture(params=["mini_redis", "resp_protocol"])
def standalone(request: pytest.FixtureRequest) -> Iterator[int]:
    """`python -X dev -W error <module>.py --port P`; stopped with SIGTERM, which must be clean."""
    process, port = start_standalone(request.param, "-X", "dev", "-W", "error")
    try:
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=10)
    assert process.returncode == 0, stderr
    complaints = [line for line in stderr.splitlines() if not SLOW_STEP.fullmatch(line)]
    assert complaints == []
    assert stdout.splitlines()[-1] == "stopped"


@pytest.fixture
def cli(standalone: int) -> Callable[..., str]:
    """redis-cli talking to the standalone server: ``cli(*args, stdin=None)`` is what it prints."""
    path = redis_tool("redis-cli")

    def run(*args: str, stdin: str | None = None) -> str:
        command = [path, "-p", str(standalone), *args]
        result = subprocess.run(
            command, input=stdin, capture_output=True, text=True, timeout=10, check=True
        )
        return result.stdout

    return run


def test_redis_cli_commands(cli: Callable[..., str]) -> None:
    assert cli("SET", "greeting", "hello") == "OK\n"
    assert cli("GET", "greeting") == "hello\n"
    assert cli("INCR", "visits") == "1\n"
    assert cli("INCR", "greeting") == "ERR value is not an integer or out of range\n\n"
    assert cli("KEYS", "*") == "greeting\nvisits\n"
    assert cli("-3", "GET", "nobody") == "\n"
    assert "\nproto 3\n" in cli("-3", "HELLO", "3")


def test_redis_cli_reads_commands_from_stdin(cli: Callable[..., str]) -> None:
    script = "SET a 1\nINCR a\nGET a\nDEL a\nEXISTS a\n"
    assert cli(stdin=script) == "OK\n2\n2\n1\n0\n"


def test_redis_cli_pipe_mode(cli: Callable[..., str]) -> None:
    commands = "".join(f"SET key:{n} {n}\r\n" for n in range(1000))
    assert "errors: 0, replies: 1000" in cli("--pipe", stdin=commands)
    assert cli("GET", "key:999") == "999\n"


def test_redis_benchmark_runs_without_complaint(standalone: int) -> None:
    tests = ["-t", "ping,set,get,incr", "-n", "2000", "-c", "10"]
    result = subprocess.run(
        [redis_tool("redis-benchmark"), "-p", str(standalone), "-q", "--csv", *tests],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stderr == ""  # e.g. no "Could not fetch server CONFIG"
    assert len(result.stdout.splitlines()) == 1 + 5  # header, PING_INLINE, PING_MBULK, …


def test_redis_py_with_its_defaults(standalone: int) -> None:
    """A plain redis.Redis(): RESP3 after HELLO 3, CLIENT SETINFO, maintenance handshake."""
    with redis.Redis(port=standalone) as client:
        assert client.set("token", "abc", ex=60)
        assert client.get("token") == b"abc"
        assert client.ttl("token") == 60
        assert client.get("nobody") is None
        with pytest.raises(redis.ResponseError):
            client.execute_command("NOPE")
        connection = client.connection_pool.get_connection()
        assert connection.handshake_metadata[b"proto"] == 3  # it really spoke RESP3
        client.connection_pool.release(connection)
