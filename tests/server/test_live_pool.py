"""The warm pool behind live runs: it refills after a run, a dead interpreter is passed over
for a cold start, and a run that cannot start at all says so."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest

import survey.stream
from server.app import make_app
from server.live import Limits, LiveRuns, live_runs
from survey.launch import WarmPool
from tests.server.live_examples import assert_nothing_left, child_pids, read_all, write_examples

RUN = "/api/run/fixtures/"


@pytest.fixture
def examples_dir(tmp_path: Path) -> Path:
    return write_examples(tmp_path / "examples")


@pytest.fixture
def existing() -> set[int]:
    """This process's children before the test's server starts; a test takes it first."""
    return child_pids()


@pytest.fixture
async def client(aiohttp_client, examples_dir: Path, tmp_path: Path):
    app = make_app(tmp_path, examples_dir=examples_dir, limits=Limits(warm_interpreters=2))
    return await aiohttp_client(app)


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pid of every process the server runs an example in."""
    pids = []
    real_launch = survey.stream.launch

    async def launch(*args, **kwargs):
        launched = await real_launch(*args, **kwargs)
        pids.append(launched.process.pid)
        return launched

    monkeypatch.setattr(survey.stream, "launch", launch)
    return pids


async def settled(runs: LiveRuns) -> set[int]:
    """The warm interpreters waiting, once runs have ended and the pool has been topped up."""
    await asyncio.gather(*(run.finished.wait() for run in list(runs.runs)))
    await asyncio.gather(*runs.pool.starting)
    return {waiting.process.pid for waiting in runs.pool.idle}


async def test_each_run_takes_a_warm_interpreter_and_the_pool_refills(
    client, launched: list[int]
) -> None:
    runs = client.app[live_runs]
    before = await settled(runs)
    assert len(before) == 2
    async with client.ws_connect(RUN + "fails") as socket:
        assert (await read_all(socket)).final["code"] == 3
    after = await settled(runs)

    [used] = launched
    assert used in before  # the run went to one that was waiting
    assert used not in after  # which served that run only
    assert len(after) == 2  # and was replaced
    assert before - {used} <= after


async def test_a_dead_warm_interpreter_is_passed_over_for_a_cold_start(
    existing: set[int], client, launched: list[int], examples_dir: Path
) -> None:
    runs = client.app[live_runs]
    await settled(runs)
    waiting = [launched.process for launched in runs.pool.idle]
    for process in waiting:
        os.killpg(process.pid, signal.SIGKILL)
        await process.wait()

    async with client.ws_connect(RUN + "fails") as socket:
        transcript = await read_all(socket)

    assert transcript.lines() == ["to stdout", "oops"]
    assert transcript.final["code"] == 3
    [used] = launched
    assert used not in {process.pid for process in waiting}  # started cold instead
    await assert_nothing_left(examples_dir, runs, existing)


async def test_an_example_that_cannot_start_says_so_and_the_server_carries_on(
    aiohttp_client, examples_dir: Path, tmp_path: Path
) -> None:
    existing = child_pids()
    app = make_app(tmp_path, examples_dir=examples_dir, limits=Limits(warm_interpreters=0))
    client = await aiohttp_client(app)
    pool = client.app[live_runs].pool
    python, pool.python = pool.python, str(tmp_path / "no-such-python")

    async with client.ws_connect(RUN + "fails") as socket:
        transcript = await read_all(socket)
    assert transcript.messages[0] == {"type": "start", "id": "fixtures/fails", "t": 0.0}
    assert transcript.final["type"] == "error"
    assert transcript.final["message"].startswith("the example could not start: ")
    assert "no-such-python" in transcript.final["message"]

    pool.python = python
    async with client.ws_connect(RUN + "fails") as socket:
        assert (await read_all(socket)).final["code"] == 3
    await assert_nothing_left(examples_dir, existing=existing)


async def test_a_closing_server_starts_no_interpreter(
    existing: set[int], client, examples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = client.app[live_runs]
    await settled(runs)
    socket = await client.ws_connect(RUN + "forever")
    await read_all(socket, until_text="waiting")
    started_while_closing = []

    async def start_one() -> None:
        started_while_closing.append(True)

    monkeypatch.setattr(runs.pool, "start_one", start_one)

    await runs.close()  # ends the run, whose end would otherwise top the pool up
    assert (await read_all(socket)).final["message"] == "the server is shutting down"
    assert started_while_closing == []
    assert not runs.pool.idle
    await assert_nothing_left(examples_dir, existing=existing)


async def test_closing_the_pool_while_interpreters_start_leaves_none(examples_dir: Path) -> None:
    existing = child_pids()
    pool = WarmPool(2, line_limit=2**16)
    pool.fill()  # starting, not yet started
    await pool.close()
    assert not pool.idle
    await assert_nothing_left(examples_dir, existing=existing)
