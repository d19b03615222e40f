"""The mini-Redis benchmark table shows only what its numbers support: server-bound
(pipelined) columns, the loop's no-op ceiling above every Python server, and no row
that contradicts the claims beside it."""

from __future__ import annotations

import re

from survey.paths import ROOT

PAGE = ROOT / "docs" / "streams.md"


def table_rows() -> tuple[list[str], dict[str, list[int]]]:
    slide = PAGE.read_text(encoding="utf-8").split("## What it costs: redis-benchmark", 1)[1]
    lines = [line for line in slide.split("\n## ", 1)[0].splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")][1:]
    rows = {}
    for line in lines[2:]:
        name, *cells = (cell.strip() for cell in line.strip("|").split("|"))
        rows[name] = [int(re.match(r"[\d,]+", cell)[0].replace(",", "")) for cell in cells]
    return header, rows


def test_only_pipelined_columns_are_shown() -> None:
    header, _ = table_rows()
    assert header
    assert all("-P" in column for column in header)


def test_the_ceiling_is_above_every_python_server() -> None:
    _, rows = table_rows()
    [ceiling] = [values for name, values in rows.items() if name.startswith("ceiling")]
    for name, values in rows.items():
        if name.startswith(("streams", "protocol")):
            assert all(value <= top for value, top in zip(values, ceiling, strict=True)), name


def test_uvloop_is_never_shown_slower_than_asyncio() -> None:
    _, rows = table_rows()
    for server in ("streams", "protocol"):
        plain, uvloop = rows[f"{server}, asyncio"], rows[f"{server}, uvloop"]
        assert all(fast >= slow for fast, slow in zip(uvloop, plain, strict=True)), server
