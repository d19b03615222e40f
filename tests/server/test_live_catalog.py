"""Every example, run through the server's WebSocket as a click runs it, prints its ``.out``,
from the warm interpreter the server had started before the click."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

import survey.stream
from server.app import make_app
from server.live import Limits, live_runs
from survey.catalog import Example, discover
from survey.recording import mask
from tests.server.live_examples import Transcript, read_all

EXAMPLES = discover()
# Debug mode (-X dev) reports any step of the loop over 100 ms: on a loaded machine that
# says how busy the machine is, not that the example did something wrong.
SLOW_STEP = re.compile(r"Executing <.*> took \d+\.\d+ seconds")

# One worker runs the whole module, so its fixture (every example, run by the server) runs once.
pytestmark = [pytest.mark.xdist_group("test_live_catalog"), pytest.mark.timed]


@dataclass
class LiveRun:
    transcript: Transcript
    warm_pids: set[int]  # the interpreters waiting in the pool when the run was asked for
    ran_in: int | None  # the process the server ran the example in


# Examples that only wait run this many at a time, as `nox -s examples` runs them; one
# marked serial (its output states its own timing) runs alone.
AT_ONCE = 3


def batches(examples: list[Example]) -> Iterator[list[Example]]:
    waiting = [example for example in examples if not example.options.serial]
    for start in range(0, len(waiting), AT_ONCE):
        yield waiting[start : start + AT_ONCE]
    for example in examples:
        if example.options.serial:
            yield [example]


async def run_every_example(site_dir: Path) -> dict[str, LiveRun]:
    """A batch at a time, each once the pool has a warm interpreter ready for every run of
    it, over real sockets."""
    app = make_app(site_dir, limits=Limits(warm_interpreters=AT_ONCE, concurrent_runs=AT_ONCE))
    runs = app[live_runs]
    launched: dict[str, int] = {}
    real_launch = survey.stream.launch

    async def launch(example, *args, **kwargs):
        started = await real_launch(example, *args, **kwargs)
        launched[example.id] = started.process.pid
        return started

    survey.stream.launch = launch
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}/api/run/"
    results = {}

    async def by_socket(session: aiohttp.ClientSession, example: Example) -> Transcript:
        async with session.ws_connect(url + example.id) as socket:
            return await read_all(socket)

    try:
        async with aiohttp.ClientSession() as session:
            for batch in batches(EXAMPLES):
                await asyncio.gather(*runs.pool.starting)
                waiting = {warm.process.pid for warm in runs.pool.idle}
                transcripts = await asyncio.gather(*(by_socket(session, each) for each in batch))
                # The runs are over and the pool refilled once the server lets go of them.
                await asyncio.gather(*(run.finished.wait() for run in list(runs.runs)))
                for example, transcript in zip(batch, transcripts, strict=True):
                    ran_in = launched.get(example.id)
                    results[example.id] = LiveRun(transcript, waiting, ran_in)
    finally:
        survey.stream.launch = real_launch
        await runner.cleanup()
    return results


@pytest.fixture(scope="module")
def live_runs_of_every_example(tmp_path_factory: pytest.TempPathFactory) -> dict[str, LiveRun]:
    return asyncio.run(run_every_example(tmp_path_factory.mktemp("no-site")))


def runnable() -> Iterator[Example]:
    return (example for example in EXAMPLES if example.skip_reason() is None)


@pytest.mark.slow
@pytest.mark.timeout(600)  # the first pays for running every example (the module's fixture)
@pytest.mark.parametrize("example", list(runnable()), ids=lambda example: example.id)
def test_a_live_run_prints_the_committed_output_from_a_warm_interpreter(
    live_runs_of_every_example: dict[str, LiveRun], example: Example
) -> None:
    run = live_runs_of_every_example[example.id]
    assert run.transcript.final["type"] == "exit", run.transcript.final
    assert run.transcript.final["code"] == 0
    complaints = [line for line in run.transcript.lines("stderr") if not SLOW_STEP.fullmatch(line)]
    assert complaints == []
    shown = "".join(f"{mask(text)}\n" for text in run.transcript.lines("stdout"))
    captured = example.output_path.read_text(encoding="utf-8")
    assert example.same_output(captured, shown), shown
    assert len(run.warm_pids) == AT_ONCE
    assert run.ran_in in run.warm_pids


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize(
    "example",
    [example for example in EXAMPLES if example.skip_reason()],
    ids=lambda example: example.id,
)
def test_an_example_for_a_newer_python_is_refused_with_the_reason(
    live_runs_of_every_example: dict[str, LiveRun], example: Example
) -> None:
    run = live_runs_of_every_example[example.id]
    assert run.transcript.messages == [
        {
            "type": "error",
            "message": f"{example.id} cannot run on this server: it {example.skip_reason()}",
            "t": 0.0,
        }
    ]
    assert run.ran_in is None
