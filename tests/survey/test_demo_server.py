"""``GET /count``: sequence numbers, real overlap, and clear 400s."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from survey import demo_server
from tests.in_flight import InFlight


@pytest.fixture
def in_flight() -> InFlight:
    return InFlight()


@pytest.fixture
async def client(aiohttp_client, in_flight: InFlight):
    app = web.Application(middlewares=[in_flight.middleware])
    demo_server.add_routes(app)
    return await aiohttp_client(app)


async def test_answers_with_sequence_numbers(client) -> None:
    numbers = []
    for _ in range(3):
        response = await client.get("/count")
        assert response.status == 200
        answer = await response.json()
        assert answer["delay"] == 0.0  # no delay asked for: none taken
        numbers.append(answer["count"])
    assert numbers == [1, 2, 3]


async def test_delayed_requests_overlap(client, in_flight: InFlight) -> None:
    """Let in together, five delayed requests are all asleep in the handler at once."""
    requests = 5
    in_flight.hold(requests)
    responses = await asyncio.gather(*(client.get("/count?delay=0.05") for _ in range(requests)))

    assert sorted([(await r.json())["count"] for r in responses]) == [1, 2, 3, 4, 5]
    assert in_flight.peak == requests


@pytest.mark.parametrize(
    ("delay", "reason"),
    [
        ("soon", "must be a number"),
        ("-1", "between 0 and 10"),
        ("10.5", "between 0 and 10"),
        ("nan", "between 0 and 10"),
        ("inf", "between 0 and 10"),
    ],
)
async def test_bad_delay_is_a_400_with_a_reason(client, delay: str, reason: str) -> None:
    response = await client.get("/count", params={"delay": delay})
    assert response.status == 400
    assert reason in await response.text()


async def test_demo_server_serves_on_loopback() -> None:
    async with demo_server.demo_server() as url:
        assert url.startswith("http://127.0.0.1:")
