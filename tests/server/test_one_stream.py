"""A run sent over the socket and the same run kept in its replay file are one stream:
the same events with the same keys, in the same order."""

from __future__ import annotations

from pathlib import Path

from server.app import make_app
from server.live import Limits
from survey.paths import REPLAYS_DIR
from survey.recording import loads
from tests.server.live_examples import read_all

EXAMPLE = "concurrency/gather_sleep"


def shape(events: list[dict]) -> tuple:
    """What two runs of one example share: the order of everything but the trace
    (whose batches depend on timing), and the keys of every event and traced event."""
    order = [event["type"] for event in events if event["type"] != "trace"]
    keys = {(event["type"], *sorted(event)) for event in events}
    traced = {
        (step["kind"], *sorted(step))
        for event in events
        if event["type"] == "trace"
        for step in event["events"]
    }
    return order, keys, traced


async def test_the_socket_sends_what_the_replay_file_keeps(aiohttp_client, tmp_path: Path) -> None:
    client = await aiohttp_client(make_app(tmp_path, limits=Limits(warm_interpreters=0)))
    async with client.ws_connect(f"/api/run/{EXAMPLE}") as socket:
        sent = (await read_all(socket)).messages
    kept = loads((REPLAYS_DIR / f"{EXAMPLE}.json").read_text(encoding="utf-8")).events
    assert sent[-1]["type"] == "exit"
    assert shape(sent) == shape(kept)
