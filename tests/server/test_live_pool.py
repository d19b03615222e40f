"""A warm interpreter runs an example exactly as ``python -X dev -W error example.py`` does."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from contextlib import AsyncExitStack
from pathlib import Path

import pytest

from server.count import demo_server
from server.pool import WarmPool
from tests.server.live_examples import write_examples
from tools import runner
from tools.capture import Line, Recording, start
from tools.catalog import Example, discover, find

EXAMPLES = discover()


async def record_from(process: asyncio.subprocess.Process, seconds: float) -> Recording:
    """What ``tools.capture.record`` keeps, read from a process already started."""
    recording = Recording()
    started = time.perf_counter()

    async def collect(stream: asyncio.StreamReader | None, name: str) -> None:
        async for raw in stream or ():
            text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            recording.lines.append(Line(round(time.perf_counter() - started, 3), name, text))

    async with asyncio.timeout(seconds):
        await asyncio.gather(collect(process.stdout, "stdout"), collect(process.stderr, "stderr"))
        recording.exit_code = await process.wait()
    return recording


async def warm_run(example: Example, extra_env: Mapping[str, str] = {}) -> Recording:
    pool = WarmPool(1, stream_limit=2**16)
    pool.fill()
    await asyncio.gather(*pool.starting)
    warm = pool.idle[0]
    process = await pool.launch(example, extra_env)
    assert process is warm, "the run did not go to the warm interpreter"
    try:
        return await record_from(process, example.options.timeout)
    finally:
        await pool.close()


async def cold_run(example: Example) -> Recording:
    return await record_from(await start(example), example.options.timeout)


async def test_a_warm_run_looks_like_a_plain_run_from_inside(tmp_path: Path) -> None:
    example = find("fixtures/tell", discover(write_examples(tmp_path)))
    warm, cold = await asyncio.gather(warm_run(example), cold_run(example))

    assert warm.text("stdout") == cold.text("stdout")
    assert warm.text("stdout").splitlines() == [
        "__main__ True 1",
        "True",
        "True error ran",
        "'' no demo server",
    ]
    # The traceback names the example's frames only, as a plain run's does.
    assert warm.text("stderr") == cold.text("stderr")
    assert "ValueError: boom" in warm.text("stderr")
    assert warm.exit_code == cold.exit_code == 1


@pytest.fixture(scope="module")
def warm_outcomes() -> dict[str, runner.Outcome]:
    """Every example through a warm interpreter, settled as ``--check`` settles a run."""
    return asyncio.run(settle_all(EXAMPLES))


async def settle_all(examples: list[Example]) -> dict[str, runner.Outcome]:
    slots = asyncio.Semaphore(4)
    outcomes = {}

    async def one(example: Example) -> None:
        if reason := example.skip_reason():
            outcomes[example.id] = runner.Outcome(example, "skipped", detail=reason)
            return
        async with AsyncExitStack() as stack:
            extra_env = {}
            if "demo-server" in example.options.needs:
                extra_env["DEMO_SERVER"] = await stack.enter_async_context(demo_server())
            recording = await warm_run(example, extra_env)
        outcomes[example.id] = runner.settle(example, recording, True, runner.REPLAYS_DIR)

    async def limited(example: Example) -> None:
        async with slots:
            await one(example)

    # As the runner does: the rest side by side, then the serial ones alone.
    await asyncio.gather(*(limited(e) for e in examples if not e.options.serial))
    for example in examples:
        if example.options.serial:
            await one(example)
    return outcomes


@pytest.mark.slow
@pytest.mark.timeout(300)  # the first pays for running every example (the module's fixture)
@pytest.mark.parametrize("example_id", [example.id for example in EXAMPLES])
def test_a_warm_run_prints_the_committed_output(warm_outcomes, example_id: str) -> None:
    outcome = warm_outcomes[example_id]
    if outcome.status == "skipped":
        pytest.skip(f"{example_id}: {outcome.detail}")
    assert outcome.status == "ok", f"{example_id} is {outcome.status}:\n{outcome.detail}"
