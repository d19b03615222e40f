"""Gathered asyncio.sleep() naps overlap; gathered time.sleep() naps take turns."""

from __future__ import annotations

import functools
import inspect
import itertools
import time

import pytest

from examples.concurrency import gather_sleep as example

Span = tuple[float, float]


def timed(nap, spans: list[Span]):
    """``nap``, noting when each call started and ended."""

    @functools.wraps(nap)
    async def wrapper(delay: float) -> None:
        started = time.perf_counter()
        await nap(delay)
        spans.append((started, time.perf_counter()))

    return wrapper


async def test_async_naps_overlap_and_blocking_naps_take_turns(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async_spans: list[Span] = []
    blocking_spans: list[Span] = []
    monkeypatch.setattr(example, "DELAY", 0.01)
    monkeypatch.setattr(example, "async_nap", timed(example.async_nap, async_spans))
    monkeypatch.setattr(example, "blocking_nap", timed(example.blocking_nap, blocking_spans))
    await example.main()

    assert len(async_spans) == len(blocking_spans) == example.NAPS
    # Every async nap began before any of them ended ...
    assert max(start for start, _ in async_spans) < min(end for _, end in async_spans)
    # ... and every blocking nap began only after the one before it had ended.
    blocking_spans.sort()
    assert all(end <= then for (_, end), (then, _) in itertools.pairwise(blocking_spans))
    assert len(capsys.readouterr().out.splitlines()) == 2  # one verdict for each kind


def test_debug_mode_is_off_where_blocking_is_the_lesson() -> None:
    # Under -X dev, debug mode would log every blocking nap before the slide explains it.
    guard = inspect.getsource(example).rsplit("if __name__", 1)[1]
    assert "asyncio.run(main(), debug=False)" in guard
    assert "slow_callback_duration" not in guard
