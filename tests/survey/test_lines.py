"""One line reader for every run: a line too long, or too much output, ends it the same way."""

from __future__ import annotations

import asyncio

import pytest

from survey.lines import LINE_LIMIT, Output, TooMuchOutput


def stream_of(data: bytes, limit: int = LINE_LIMIT) -> asyncio.StreamReader:
    stream = asyncio.StreamReader(limit=limit)
    stream.feed_data(data)
    stream.feed_eof()
    return stream


async def read_all(output: Output, stream: asyncio.StreamReader) -> list[str]:
    return [line async for line in output.lines(stream)]


async def test_lines_come_decoded_without_their_endings() -> None:
    lines = await read_all(Output(), stream_of(b"one\r\ntw\xc3\xb6\nno newline"))
    assert lines == ["one", "twö", "no newline"]


async def test_a_line_longer_than_the_reader_holds_is_too_much_output() -> None:
    stream = stream_of(b"short\n" + b"x" * 100 + b"\n", limit=50)
    with pytest.raises(TooMuchOutput, match=f"longer than {LINE_LIMIT} bytes"):
        await read_all(Output(), stream)


async def test_the_cap_counts_every_stream_of_a_run_together() -> None:
    output = Output(cap=10)
    assert await read_all(output, stream_of(b"12345\n")) == ["12345"]
    with pytest.raises(TooMuchOutput, match="passed the limit of 10 bytes"):
        await read_all(output, stream_of(b"67890\n"))


async def test_a_run_may_print_exactly_its_cap() -> None:
    assert await read_all(Output(cap=12), stream_of(b"12345\n67890\n")) == ["12345", "67890"]


async def test_a_line_keeps_all_but_its_ending_and_bad_bytes_show_as_replacements() -> None:
    lines = await read_all(Output(), stream_of(b"trailing spaces  \nends in X\r\nbad \xff byte\n"))
    assert lines == ["trailing spaces  ", "ends in X", "bad \ufffd byte"]
