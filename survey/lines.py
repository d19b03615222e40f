"""Reading an example's output one line at a time, the same way for every consumer.

The runner and the live-run server both read a child's pipes through ``Output``,
so a line longer than a pipe's buffer, or more output than a run may print,
ends a run the same way everywhere: ``TooMuchOutput``, with a message for people.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

# The longest line a pipe's reader holds (asyncio's default); a longer one is too much output.
LINE_LIMIT = 2**16


class TooMuchOutput(Exception):
    """A line longer than the pipe's reader holds, or more bytes in all than the cap."""


class Output:
    """The lines of one run's pipes, counted against one cap on their bytes together."""

    def __init__(self, cap: int | None = None) -> None:
        self.cap = cap
        self.size = 0

    async def lines(self, stream: asyncio.StreamReader | None) -> AsyncIterator[str]:
        """Each line as text, without its line ending, until the stream ends."""
        if stream is None:
            return
        while True:
            try:
                raw = await stream.readline()
            except ValueError:  # asyncio's LimitOverrunError: the line is longer than the buffer
                raise TooMuchOutput(self.too_much()) from None
            if not raw:
                return
            self.size += len(raw)
            if self.cap is not None and self.size > self.cap:
                raise TooMuchOutput(self.too_much())
            yield raw.decode("utf-8", errors="replace").rstrip("\r\n")

    def too_much(self) -> str:
        if self.cap is None:
            return f"it printed a line longer than {LINE_LIMIT} bytes"
        return f"the output passed the limit of {self.cap} bytes"
