"""Count the requests an aiohttp server is handling at once, instead of timing them.

``InFlight().middleware`` goes on the app. It can also *hold* requests at the
door until a given number have arrived, then let them all in together: a client
that sends them one after another never gets there, and once the wait gives up
its requests go through one by one (so the test fails on the count, not on its
time limit).
"""

from __future__ import annotations

import asyncio

from aiohttp import web

# Long enough for any machine to have sent every request of a concurrent client.
GIVE_UP = 10.0


class InFlight:
    def __init__(self) -> None:
        self.now = 0
        self.peak = 0
        # How many were being handled as each one started, itself included.
        self.arrivals: list[int] = []
        self._hold_until = 0
        self._waiting = 0
        self._all_here: asyncio.Event | None = None

    def hold(self, requests: int) -> None:
        """Keep the next ``requests`` requests at the door until all of them have arrived."""
        self._hold_until, self._waiting, self._all_here = requests, 0, None

    async def _door(self) -> None:
        if not self._hold_until:
            return
        # Created here, on the server's loop, which may run on another thread than hold().
        all_here = self._all_here = self._all_here or asyncio.Event()
        self._waiting += 1
        if self._waiting == self._hold_until:
            self._hold_until = 0
            all_here.set()
        try:
            await asyncio.wait_for(all_here.wait(), GIVE_UP)
        except TimeoutError:  # they come one by one: stop holding anyone
            self._hold_until = 0
            all_here.set()

    @web.middleware
    async def middleware(self, request: web.Request, handler) -> web.StreamResponse:
        await self._door()
        self.now += 1
        self.peak = max(self.peak, self.now)
        self.arrivals.append(self.now)
        try:
            return await handler(request)
        finally:
            self.now -= 1
