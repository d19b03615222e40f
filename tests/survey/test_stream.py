"""run_events, the one life of a run: its batching, its ending, and nothing left behind."""

from __future__ import annotations

import asyncio
import contextlib
import itertools

from survey.catalog import Example, load
from survey.stream import TRACE_MESSAGES_PER_SECOND, RunLimits, record, run_events
from tests.server.live_examples import SECTION, child_pids, write_examples


def fixture(tmp_path, name: str) -> Example:
    examples = write_examples(tmp_path / "examples")
    return load(examples / SECTION / f"{name}.py", examples)


async def test_trace_goes_out_in_at_most_twenty_messages_a_second(tmp_path) -> None:
    """The batching a socket carries is the batching a replay stores: both come from here."""
    recording = await record(fixture(tmp_path, "stepping"))
    assert recording.exit_code == 0
    sent = [event["t"] for event in recording.events if event["type"] == "trace"]
    assert len(sent) >= 5
    # Times are kept to the millisecond, so a gap may read a millisecond short.
    gaps = [later - earlier for earlier, later in itertools.pairwise(sent)]
    assert min(gaps) >= 1 / TRACE_MESSAGES_PER_SECOND - 0.001
    # Three tasks stepping every millisecond for half a second: many events to a message.
    assert len(recording.trace) > 10 * len(sent)


async def test_a_stop_ends_the_stream_with_its_reason_once_the_group_is_gone(tmp_path) -> None:
    existing = child_pids()
    stopping = asyncio.get_running_loop().create_future()
    events = run_events(fixture(tmp_path, "forever"), stopping=stopping)
    seen = []
    async with contextlib.aclosing(events):
        async for event in events:
            seen.append(event)
            if event.get("text") == "waiting":
                stopping.set_result("stopped")
            if event["type"] == "error":
                # The last event comes only once the example and its grandchild are gone.
                assert child_pids() <= existing
    assert [event["type"] for event in seen] == ["start", "line", "error"]
    assert seen[-1]["message"] == "stopped"


async def test_a_reader_that_leaves_takes_the_run_with_it(tmp_path) -> None:
    existing = child_pids()
    events = run_events(fixture(tmp_path, "forever"))
    async with contextlib.aclosing(events):
        async for event in events:
            if event.get("text") == "waiting":
                break
    assert child_pids() <= existing


async def test_past_its_output_cap_a_run_ends_with_an_error(tmp_path) -> None:
    limits = RunLimits(output_bytes=1000)
    seen = [event async for event in run_events(fixture(tmp_path, "chatty"), limits=limits)]
    assert seen[-1]["message"] == "the output passed the limit of 1000 bytes"
    assert sum(len(event.get("text", "")) + 1 for event in seen[1:-1]) <= 1000
