"""Blocking calls handed to threads run side by side, as many at once as there are threads."""

from __future__ import annotations

import asyncio
import contextlib
import threading

import pytest

from examples.interop import run_in_executor, to_thread


class Sensors:
    """Stands in for ``read_sensor``: counts calls under way on any thread, and holds each
    until ``together`` of them are (or until it is clear they never will be)."""

    def __init__(self, read_sensor, together: int = 1) -> None:
        self.read_sensor = read_sensor
        self.lock = threading.Lock()
        self.now = self.peak = 0
        self.threads: set[int] = set()
        self.meeting = threading.Barrier(together, timeout=10)

    def __call__(self, name: str, delay: float) -> str:
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
            self.threads.add(threading.get_ident())
        # Fewer of them at once than expected break the barrier: the peak says how many.
        with contextlib.suppress(threading.BrokenBarrierError):
            self.meeting.wait()
        with self.lock:
            self.now -= 1
        return self.read_sensor(name, 0)


def test_to_thread_calls_run_together(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = len(to_thread.SENSORS)
    sensors = Sensors(to_thread.read_sensor, together=calls)
    monkeypatch.setattr(to_thread, "read_sensor", sensors)
    readings = asyncio.run(to_thread.read_together())
    assert readings == [f"{name}=ok" for name in to_thread.SENSORS]
    assert sensors.peak == calls


def test_one_by_one_runs_one_call_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    sensors = Sensors(to_thread.read_sensor)
    monkeypatch.setattr(to_thread, "read_sensor", sensors)
    asyncio.run(to_thread.read_one_by_one())
    assert sensors.peak == 1


@pytest.mark.parametrize("workers", [2, len(run_in_executor.SENSORS)])
def test_executor_runs_as_many_calls_at_once_as_it_has_workers(
    monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    sensors = Sensors(run_in_executor.read_sensor, together=workers)
    monkeypatch.setattr(run_in_executor, "read_sensor", sensors)
    readings = asyncio.run(run_in_executor.read_all(workers))
    assert readings == [f"{name}=ok" for name in run_in_executor.SENSORS]
    assert sensors.peak == workers
    assert len(sensors.threads) == workers
