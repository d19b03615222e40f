"""The live-run WebSocket: the wire contract, its limits, and that no process outlives a run."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import psutil
import pytest
from aiohttp import web

from server.app import make_app
from server.live import Limits, live_runs
from survey.paths import ROOT
from tests.server.live_examples import (
    SECTION,
    SOURCES,
    alive,
    assert_nothing_left,
    child_pids,
    guard,
    read_all,
    untimed,
    write_examples,
)
from tools.harness import free_port, wait_until_serving

RUN = "/api/run/fixtures/"


@pytest.fixture
def examples_dir(tmp_path: Path) -> Path:
    return write_examples(tmp_path / "examples")


@pytest.fixture
def existing() -> set[int]:
    return child_pids()


@pytest.fixture(params=[0, 1], ids=["cold", "warm"])
def warm(request: pytest.FixtureRequest) -> int:
    """A test that takes it runs twice: runs started cold, then from a warm interpreter."""
    return request.param


@pytest.fixture
def serve(aiohttp_client, examples_dir: Path, tmp_path: Path):
    """A test client for an app with the fixture examples and the given limits."""

    async def serve(**limits) -> aiohttp.ClientSession:
        limits.setdefault("warm_interpreters", 0)
        app = make_app(tmp_path / "no-site", examples_dir=examples_dir, limits=Limits(**limits))
        client = await aiohttp_client(app)
        # A warm test's first run must find its interpreter started, not start cold.
        await asyncio.gather(*app[live_runs].pool.starting)
        return client

    return serve


async def test_lists_the_examples_with_titles(serve) -> None:
    client = await serve()
    listed = await (await client.get("/api/examples")).json()
    assert {"id": "fixtures/fails", "title": "Writes to both streams and exits 3."} in listed
    assert len(listed) == len(SOURCES)


async def test_a_line_arrives_while_the_example_still_waits(
    serve, examples_dir, existing, warm: int
) -> None:
    client = await serve(warm_interpreters=warm)
    window = time.perf_counter()
    async with client.ws_connect(RUN + "gated") as socket:
        # The example prints "after" only once the gate is open, and we open it only
        # once "before" has reached us: it cannot have waited for the end of the run.
        transcript = await read_all(socket, until_text="before")
        (examples_dir / SECTION / "gated.open").touch()
        await read_all(socket, transcript=transcript)

    assert transcript.messages[0] == {"type": "start", "id": "fixtures/gated", "t": 0.0}
    assert transcript.lines() == ["before", "after"]
    times = [message["t"] for message in transcript.messages if message["type"] == "line"]
    assert times == sorted(times)
    assert transcript.final["type"] == "exit"
    assert transcript.final["code"] == 0
    window = time.perf_counter() - window
    # Offsets in order, within the run's length, which lies within the test's own.
    assert times[-1] <= transcript.final["elapsed"] <= window
    await assert_nothing_left(examples_dir, client.app[live_runs], existing)


async def test_the_loop_is_traced_between_start_and_exit_in_few_messages(serve, warm: int) -> None:
    client = await serve(warm_interpreters=warm)
    async with client.ws_connect(RUN + "stepping") as socket:
        transcript = await read_all(socket)

    kinds = [message["type"] for message in transcript.messages]
    assert kinds[0] == "start"
    assert kinds[-1] == "exit"
    assert "trace" in kinds
    trace = transcript.trace()
    labels = [event["label"] for event in trace if event.get("state") == "created"]
    assert labels[0] == "main()"
    assert [label[: len("turns('a'")] for label in labels[1:4]] == [
        "turns('a'",
        "turns('b'",
        "turns('c'",
    ]
    # In message order, a task is created before its steps and ends after its last one.
    seen: dict[str, str] = {}
    for event in trace:
        if event["kind"] == "task" and event["state"] == "created":
            assert event["task"] not in seen
            seen[event["task"]] = "running"
        elif event["kind"] == "task":
            assert seen[event["task"]] == "running"
            seen[event["task"]] = event["state"]
        else:
            assert seen[event["task"]] == "running"
    assert set(seen.values()) == {"done"}
    # Hundreds of steps went out batched: at most 20 messages a second.
    steps = sum(1 for event in trace if event["kind"] == "step")
    messages = kinds.count("trace")
    assert steps > 300
    assert messages <= transcript.final["elapsed"] * 20 + 1


async def test_a_trace_past_its_cap_is_cut_and_the_run_goes_on(serve) -> None:
    client = await serve(trace_events=50)
    async with client.ws_connect(RUN + "stepping") as socket:
        transcript = await read_all(socket)

    traces = [message for message in transcript.messages if message["type"] == "trace"]
    assert len(transcript.trace()) == 50
    assert traces[-1].get("truncated") is True
    assert not any(message.get("truncated") for message in traces[:-1])
    assert transcript.lines() == ["done"]
    assert untimed(transcript.final) == {
        "type": "exit",
        "code": 0,
        "elapsed": transcript.final["elapsed"],
    }
    assert transcript.final["t"] == transcript.final["elapsed"]


async def test_exit_code_and_stderr_are_reported(serve, warm: int) -> None:
    client = await serve(warm_interpreters=warm)
    async with client.ws_connect(RUN + "fails") as socket:
        transcript = await read_all(socket)

    assert transcript.lines("stdout") == ["to stdout"]
    assert transcript.lines("stderr") == ["oops"]
    assert transcript.final["code"] == 3


async def test_an_example_gets_the_count_server_it_needs(serve, warm: int) -> None:
    client = await serve(warm_interpreters=warm)
    async with client.ws_connect(RUN + "counted") as socket:
        transcript = await read_all(socket)
    assert transcript.lines() == ["count 1"]  # this server's own /count, first asked
    assert transcript.final["code"] == 0


async def test_declared_stderr_comes_merged_into_stdout(serve, warm: int) -> None:
    client = await serve(warm_interpreters=warm)
    async with client.ws_connect(RUN + "merged") as socket:
        transcript = await read_all(socket)
    assert transcript.lines("stdout") == ["to stdout", "to stderr, merged"]
    assert transcript.lines("stderr") == []


async def test_no_run_starts_once_the_server_is_shutting_down(serve) -> None:
    client = await serve()
    await client.app[live_runs].close()
    async with client.ws_connect(RUN + "fails") as socket:
        refused = await read_all(socket)
    assert refused.messages == [
        {"type": "error", "message": "the server is shutting down", "t": 0.0}
    ]


async def test_an_unknown_example_is_a_404_before_the_upgrade(serve) -> None:
    client = await serve()
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/api/run/fixtures/nothing_here")
    assert refused.value.status == 404


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        (None, True),
        ("same", True),
        ("http://evil.example:8000", False),
        ("same-host-other-port", False),
        ("null", False),
    ],
)
async def test_origin_guard_lets_only_pages_of_this_server_start_a_run(
    serve, origin, allowed: bool
) -> None:
    client = await serve()
    own = f"http://{client.host}:{client.port}"
    origin = {"same": own, "same-host-other-port": f"http://{client.host}:1"}.get(origin, origin)
    headers = {"Origin": origin} if origin else {}
    if allowed:
        async with client.ws_connect(RUN + "fails", headers=headers) as socket:
            assert (await read_all(socket)).final["type"] == "exit"
    else:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(RUN + "fails", headers=headers)
        assert refused.value.status == 403


async def test_origin_guard_refuses_a_foreign_host_name_even_with_its_own_origin(serve) -> None:
    """DNS rebinding: evil.example resolves to 127.0.0.1, so its page's Origin matches its Host."""
    client = await serve()
    rebound = f"evil.example:{client.port}"
    headers = {"Host": rebound, "Origin": f"http://{rebound}"}
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect(RUN + "fails", headers=headers)
    assert refused.value.status == 403


async def test_timeout_guard_kills_a_run_past_its_time_with_its_children(
    serve, examples_dir, existing, warm: int
) -> None:
    # Long enough for a loaded machine to start the example and its child before it ends.
    client = await serve(timeout=3.0, warm_interpreters=warm)
    async with guard("timeout", examples_dir), client.ws_connect(RUN + "forever") as socket:
        transcript = await read_all(socket)

    assert transcript.lines() == ["waiting"]
    assert untimed(transcript.final) == {"type": "error", "message": "timed out after 3 s"}
    await assert_nothing_left(examples_dir, client.app[live_runs], existing)


@pytest.mark.parametrize("example", ["chatty", "long_line"])
async def test_output_cap_guard_ends_a_run_past_the_cap(
    serve, examples_dir, existing, example
) -> None:
    client = await serve(output_bytes=1000)
    async with guard("output cap", examples_dir), client.ws_connect(RUN + example) as socket:
        transcript = await read_all(socket)

    assert "passed the limit of 1000 bytes" in transcript.final["message"]
    assert sum(len(text) + 1 for text in transcript.lines()) <= 1000
    await assert_nothing_left(examples_dir, existing=existing)


async def test_concurrent_run_cap_guard_refuses_runs_past_the_cap(
    serve, examples_dir, existing
) -> None:
    client = await serve(concurrent_runs=2)
    first = await client.ws_connect(RUN + "forever")
    second = await client.ws_connect(RUN + "forever")
    for socket in (first, second):
        await read_all(socket, until_text="waiting")

    async with client.ws_connect(RUN + "fails") as third:
        refused = await read_all(third)
    assert [message["type"] for message in refused.messages] == ["error"], (
        "concurrent-run cap guard: a third run started while two were going"
    )
    assert "2 runs are going already" in refused.final["message"]

    async with guard("stop", examples_dir):
        for socket in (first, second):
            await socket.send_json({"type": "stop"})
            final = (await read_all(socket)).final
            assert untimed(final) == {"type": "error", "message": "stopped"}
    async with client.ws_connect(RUN + "fails") as fourth:
        assert (await read_all(fourth)).final["code"] == 3
    await assert_nothing_left(examples_dir, existing=existing)


async def test_stop_guard_kills_the_example_and_its_child_and_says_stopped(
    serve, examples_dir, existing, warm: int
) -> None:
    client = await serve(warm_interpreters=warm)
    async with client.ws_connect(RUN + "forever") as socket:
        before = await read_all(socket, until_text="waiting")
        async with guard("stop", examples_dir):
            await socket.send_json({"type": "stop"})
            after = await read_all(socket)

    assert before.messages[0]["type"] == "start"
    assert [untimed(message) for message in after.messages] == [
        {"type": "error", "message": "stopped"}
    ]
    await assert_nothing_left(examples_dir, client.app[live_runs], existing)


async def test_stop_guard_ends_the_run_when_its_socket_closes(
    serve, examples_dir, existing
) -> None:
    client = await serve()
    async with client.ws_connect(RUN + "forever") as socket:
        await read_all(socket, until_text="waiting")
    runs = client.app[live_runs]
    async with guard("stop", examples_dir):
        await asyncio.gather(*(run.finished.wait() for run in list(runs.runs)))
    await assert_nothing_left(examples_dir, existing=existing)


@pytest.mark.parametrize(
    ("send", "complaint"),
    [
        (lambda socket: socket.send_str("stop, please"), "was not JSON"),
        (lambda socket: socket.send_bytes(b'{"type": "stop"}'), "must be JSON text"),
        (lambda socket: socket.send_json({"type": "faster"}), "only message"),
        (lambda socket: socket.send_json(["stop"]), "only message"),
    ],
)
async def test_a_malformed_message_gets_an_error_and_harms_nothing(
    serve, examples_dir, existing, send, complaint: str
) -> None:
    client = await serve()
    async with client.ws_connect(RUN + "forever") as socket:
        await read_all(socket, until_text="waiting")
        await send(socket)
        ending = await read_all(socket)
    assert ending.messages == [ending.final]
    assert complaint in ending.final["message"]
    await assert_nothing_left(examples_dir, existing=existing)
    async with client.ws_connect(RUN + "fails") as again:
        assert (await read_all(again)).final["code"] == 3


async def test_app_shutdown_stops_every_run_and_the_pool(examples_dir, existing, tmp_path) -> None:
    app = make_app(tmp_path, examples_dir=examples_dir, limits=Limits(warm_interpreters=2))
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    async with aiohttp.ClientSession() as session:
        sockets = [
            await session.ws_connect(f"http://127.0.0.1:{port}{RUN}forever") for _ in range(2)
        ]
        for socket in sockets:
            await read_all(socket, until_text="waiting")
        cleanup = asyncio.create_task(runner.cleanup())
        for socket in sockets:
            assert untimed((await read_all(socket)).final) == {
                "type": "error",
                "message": "the server is shutting down",
            }
        await cleanup
    await assert_nothing_left(examples_dir, existing=existing)


def test_sigterm_to_python_m_server_leaves_no_process(existing: set[int], examples_dir) -> None:
    port = free_port()
    command = [
        *(sys.executable, "-m", "server", "--port", str(port), "--no-site"),
        *("--examples-dir", str(examples_dir), "--warm", "2"),
    ]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL) as server:
        try:
            wait_until_serving(f"http://127.0.0.1:{port}/api/examples", server)
            final, descendants = asyncio.run(run_then_terminate(port, server))
            assert server.wait(timeout=10) == 0
        finally:
            server.kill()
    assert untimed(final) == {"type": "error", "message": "the server is shutting down"}
    # The run, its grandchild and the warm interpreters: three or more, all gone.
    assert len(descendants) >= 3
    assert not [process for process in descendants if alive(process)]
    asyncio.run(assert_nothing_left(examples_dir, existing=existing))


async def run_then_terminate(
    port: int, server: subprocess.Popen
) -> tuple[dict, list[psutil.Process]]:
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"http://127.0.0.1:{port}{RUN}forever") as socket,
    ):
        await read_all(socket, until_text="waiting")
        descendants = psutil.Process(server.pid).children(recursive=True)
        os.kill(server.pid, signal.SIGTERM)
        return json.loads((await socket.receive()).data), descendants


async def test_pages_say_that_this_server_runs_examples(serve) -> None:
    client = await serve()
    response = await client.head("/")
    assert response.headers["X-Survey-Live"] == "/api/run/{id}"
