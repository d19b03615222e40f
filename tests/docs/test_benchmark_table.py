"""The mini-Redis benchmark table shows only what its numbers support: each server's
CPU time per request as a share of the loop's no-op ceiling, no Python server above
that ceiling, and no row that contradicts the claims beside it."""

from __future__ import annotations

from survey.paths import ROOT

PAGE = ROOT / "docs" / "streams.md"
# The goal the tuned streams server was held to, one request at a time.
GOAL = 0.6


def table_rows() -> tuple[list[str], dict[str, list[float]]]:
    slide = PAGE.read_text(encoding="utf-8").split("## What it costs: redis-benchmark", 1)[1]
    lines = [line for line in slide.split("\n## ", 1)[0].splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")][1:]
    rows = {}
    for line in lines[2:]:
        name, *cells = (cell.strip() for cell in line.strip("|").split("|"))
        rows[name] = [float(cell) for cell in cells]
    return header, rows


def python_servers(rows: dict[str, list[float]]) -> dict[str, list[float]]:
    return {
        name: values for name, values in rows.items() if name.startswith(("streams", "protocol"))
    }


def test_one_at_a_time_and_pipelined_columns() -> None:
    header, rows = table_rows()
    assert header == ["SET", "GET", "SET `-P 16`", "GET `-P 16`"]
    assert all(len(values) == len(header) for values in rows.values())


def test_no_python_server_is_above_the_ceiling() -> None:
    _, rows = table_rows()
    servers = python_servers(rows)
    assert len(servers) == 5
    for name, values in servers.items():
        assert all(0 < value <= 1 for value in values), name


def test_the_streams_server_meets_its_goal_one_at_a_time() -> None:
    _, rows = table_rows()
    assert all(share >= GOAL for share in rows["streams, asyncio"][:2])


def test_whole_buffers_are_never_shown_slower_than_line_by_line() -> None:
    _, rows = table_rows()
    tuned, first = rows["streams, asyncio"], rows["streams line by line, asyncio"]
    assert all(fast >= slow for fast, slow in zip(tuned, first, strict=True))


def test_uvloop_is_never_shown_slower_than_asyncio() -> None:
    _, rows = table_rows()
    for server in ("streams", "protocol"):
        plain, uvloop = rows[f"{server}, asyncio"], rows[f"{server}, uvloop"]
        assert all(fast >= slow for fast, slow in zip(uvloop, plain, strict=True)), server
