"""A plain thread hands coroutines to the running loop, and blocks for each result."""

from __future__ import annotations

import threading

import pytest

from examples.interop import run_coroutine_threadsafe as example


async def test_the_report_thread_waits_while_the_loop_thread_looks_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lookups, reports = [], []
    real_lookup, real_report = example.lookup_price, example.print_report

    async def lookup_price(item: str) -> float:
        price = await real_lookup(item)
        lookups.append((item, price, threading.current_thread()))
        return price

    def print_report(loop) -> None:
        reports.append(threading.current_thread())
        real_report(loop)

    monkeypatch.setattr(example, "lookup_price", lookup_price)
    monkeypatch.setattr(example, "print_report", print_report)
    await example.main()

    [report_thread] = reports
    assert report_thread is not threading.current_thread()
    assert lookups == [
        (item, price, threading.current_thread()) for item, price in example.PRICES.items()
    ]
