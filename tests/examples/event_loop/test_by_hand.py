"""Running a loop by hand sets it as the current loop and unsets it, as asyncio.run does;
a loop never closed is reported as an "unclosed event loop"."""

from __future__ import annotations

import asyncio
import gc
import warnings

from examples.event_loop import by_hand


def test_sets_the_loop_then_unsets_it_before_closing(monkeypatch) -> None:
    calls: list[object] = []
    original = asyncio.set_event_loop

    def record(loop):
        calls.append(loop if loop is None else ("closed" if loop.is_closed() else "open"))
        original(loop)

    monkeypatch.setattr(asyncio, "set_event_loop", record)
    assert by_hand.run_by_hand(by_hand.main()) == "done"
    assert calls == ["open", None]


def test_a_forgotten_close_warns_about_the_loop() -> None:
    loop = asyncio.new_event_loop()
    loop.run_until_complete(asyncio.sleep(0))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        del loop
        gc.collect()
    messages = [str(warning.message) for warning in caught]
    assert any(message.startswith("unclosed event loop") for message in messages), messages
