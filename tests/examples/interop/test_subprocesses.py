"""Subprocesses run side by side: the two tools' sleeps overlap in time, and each one's
exit code and output come back to its own caller."""

from __future__ import annotations

import asyncio

from examples.interop import subprocesses

# Prints when its sleep started and ended, on the machine-wide monotonic clock.
STAMPING_TOOL = (
    "import sys, time; start = time.monotonic(); time.sleep(float(sys.argv[2]));"
    " print(start, time.monotonic())"
)


def test_tools_report_their_own_output() -> None:
    async def both() -> list[str]:
        return await asyncio.gather(*(subprocesses.run_tool(w) for w in ("one", "two")))

    assert asyncio.run(both()) == ["'one': exit 0, said 'one\\n'", "'two': exit 0, said 'two\\n'"]


def test_tools_sleep_at_the_same_time(monkeypatch) -> None:
    monkeypatch.setattr(subprocesses, "TOOL", STAMPING_TOOL)
    monkeypatch.setattr(subprocesses, "DELAY", 0.3)

    async def both() -> list[str]:
        return await asyncio.gather(*(subprocesses.run_tool(w) for w in ("one", "two")))

    stamps = []
    for result in asyncio.run(both()):
        said = result.split("said ")[1].strip("'").removesuffix("\\n")
        stamps.append(tuple(map(float, said.split())))
    (start_one, end_one), (start_two, end_two) = stamps
    assert max(start_one, start_two) < min(end_one, end_two)  # the sleeps overlap
