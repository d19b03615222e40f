"""A warm interpreter runs an example exactly as ``python -X dev -W error example.py`` does.

That every example prints its committed output from one is checked end to end, through
the server's pool, by ``tests/server/test_live_catalog.py``."""

from __future__ import annotations

import asyncio

import pytest

from survey.catalog import Example, load
from survey.launch import WarmPool, environment, launch
from survey.recording import Recording
from survey.stream import record
from tests.server.live_examples import write_examples


async def warm_run(example: Example) -> Recording:
    """``record`` through a pool of one, checking that the warm interpreter got the run."""
    pool = WarmPool(1, line_limit=2**16)
    pool.fill()
    await asyncio.gather(*pool.starting)
    [waiting] = pool.idle
    taken = []
    real_take = pool.take

    async def take(*args, **kwargs):
        taken.append(await real_take(*args, **kwargs))
        return taken[-1]

    pool.take = take
    try:
        recording = await record(example, pool=pool)
        # None, had the interpreter died and the run started cold instead.
        assert taken == [waiting], "the run did not go to the warm interpreter"
        return recording
    finally:
        await pool.close()


def tell(tmp_path) -> Example:
    examples = write_examples(tmp_path)
    return load(examples / "fixtures" / "tell.py", examples)


async def test_a_warm_run_looks_like_a_plain_run_from_inside(tmp_path) -> None:
    example = tell(tmp_path)
    warm, cold = await asyncio.gather(warm_run(example), record(example))

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


async def test_an_empty_pool_starts_the_example_cold(tmp_path) -> None:
    example = tell(tmp_path)
    pool = WarmPool(0, line_limit=2**16)
    launched = await launch(example, pool=pool)
    launched.trace.close()
    process = launched.process
    assert (await process.stdout.readline()).decode().startswith("__main__ True")
    await process.wait()


def test_a_child_gets_the_callers_environment_without_what_would_change_python(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SURVEY_PASSED_THROUGH", "yes")
    monkeypatch.setenv("PYTHONWARNINGS", "ignore")
    env = environment({"DEMO_SERVER": "http://127.0.0.1:1"})
    assert env["SURVEY_PASSED_THROUGH"] == "yes"
    assert "PYTHONWARNINGS" not in env
    assert env["PYTHONHASHSEED"] == "0"
    assert env["DEMO_SERVER"] == "http://127.0.0.1:1"


async def test_a_second_fill_while_the_first_is_starting_adds_none() -> None:
    pool = WarmPool(2, line_limit=2**16)
    pool.fill()
    pool.fill()
    try:
        await asyncio.gather(*pool.starting)
        assert len(pool.idle) == 2
    finally:
        await pool.close()
