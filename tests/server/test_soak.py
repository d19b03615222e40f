"""Hundreds of live runs, stopped and abandoned at random: nothing is left, the server lives."""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections import Counter
from pathlib import Path

import pytest

from server.app import make_app
from server.live import Limits, live_runs
from tests.server.live_examples import (
    assert_nothing_left,
    child_pids,
    read_all,
    untimed,
    write_examples,
)

RUNS = 300
CLIENTS = 5  # one more than the cap below, so a few runs are refused
REFUSED = "runs are going already"


async def one_run(client, chance: random.Random) -> str:
    """One run, ended one of four ways; returns how it ended."""
    action = chance.choice(["finish", "stop", "stop-at-once", "leave"])
    example = "fails" if action == "finish" else chance.choice(["forever", "slow_lines"])
    async with client.ws_connect(f"/api/run/fixtures/{example}") as socket:
        if action != "stop-at-once":
            await asyncio.sleep(chance.uniform(0, 0.3))
        if action == "leave":
            return "left"
        if action.startswith("stop"):
            # A refused run may already have closed the socket under us.
            with contextlib.suppress(ConnectionError):
                await socket.send_json({"type": "stop"})
        final = (await read_all(socket)).final
    if REFUSED in final.get("message", ""):
        return "refused"
    if action == "finish":
        assert final["type"] == "exit", final
        assert untimed(final) == {"type": "exit", "code": 3, "elapsed": final["elapsed"]}
    elif action.startswith("stop"):
        # slow_lines may finish before the stop arrives.
        assert final["type"] == "exit" or untimed(final) == {"type": "error", "message": "stopped"}
    return final["type"]


@pytest.mark.slow
# Its runs have a 5 s limit each: with three other workers' browsers busy, a run that
# should finish can be timed out instead, so it gets the machine alone.
@pytest.mark.timed
@pytest.mark.timeout(300)  # 300 interpreters started on a busy machine; a hang still fails
async def test_random_runs_leave_nothing_behind(aiohttp_client, tmp_path: Path) -> None:
    examples_dir = write_examples(tmp_path / "examples")
    existing = child_pids()
    limits = Limits(timeout=5, concurrent_runs=4, warm_interpreters=2)
    client = await aiohttp_client(make_app(tmp_path, examples_dir=examples_dir, limits=limits))
    chance = random.Random(20240611)
    endings: list[str] = []

    async def client_loop(runs: int) -> None:
        for _ in range(runs):
            endings.append(await one_run(client, chance))

    await asyncio.gather(*(client_loop(RUNS // CLIENTS) for _ in range(CLIENTS)))
    runs = client.app[live_runs]
    await asyncio.gather(*(run.finished.wait() for run in list(runs.runs)))

    assert len(endings) == RUNS, Counter(endings)
    assert {"exit", "error", "left"} <= set(endings)
    await assert_nothing_left(examples_dir, runs, existing)
    assert (await client.get("/api/examples")).status == 200
    async with client.ws_connect("/api/run/fixtures/fails") as socket:
        assert (await read_all(socket)).final["code"] == 3
