"""Masking hides only what differs between runs; the replay format reads back what it wrote."""

from __future__ import annotations

import pytest

from survey.paths import REPLAYS_DIR
from survey.recording import Line, Recording, dumps, loads, mask


@pytest.mark.parametrize(
    ("printed", "captured"),
    [
        ("<Task pending at 0x7f3a2c1b9d60>", "<Task pending at 0x…>"),
        ("listening on 127.0.0.1:53124", "listening on 127.0.0.1:<port>"),
        ("http://localhost:8000/count", "http://localhost:<port>/count"),
        ("worker pid=48213 started", "worker pid=<pid> started"),
        ("Executing <Handle> took 0.153 seconds", "Executing <Handle> took … seconds"),
        ("3 sleeps of 0.2 s took ≈ 1 × delay", "3 sleeps of 0.2 s took ≈ 1 × delay"),
        ("counter = 0x10", "counter = 0x10"),
    ],
)
def test_mask(printed: str, captured: str) -> None:
    assert mask(printed) == captured


RUN = [
    {"type": "start", "id": "basics/quotes", "t": 0.0},
    {"type": "line", "stream": "stdout", "text": 'say "hi"\tand \\ bye', "t": 0.1},
    {
        "type": "trace",
        "events": [
            {"kind": "task", "task": "Task-1", "t": 0.3, "state": "created", "label": "main()"},
            {"kind": "step", "task": "asyncio_0", "lane": "thread", "t": 0.31, "d": None},
        ],
        "t": 0.32,
    },
    {"type": "line", "stream": "stderr", "text": "{not: json}", "t": 0.25},
    {"type": "exit", "code": 2, "elapsed": 0.5, "t": 0.5},
]


def test_a_replay_file_is_the_stream_one_event_a_line_and_reads_back_as_written() -> None:
    recording = Recording("basics/quotes", "Prints “quotes”, a tab and a backslash.", RUN)
    text = dumps(recording)
    assert loads(text) == recording
    assert text.startswith('{"format": 2, "id": "basics/quotes", "title": "Prints “quotes”')
    # One event per line of file, so that a diff reads like the output's.
    lines = text.splitlines()
    assert len(lines) == 1 + len(RUN) + 1
    assert (
        lines[2]
        == '{"type": "line", "stream": "stdout", "text": "say \\"hi\\"\\tand \\\\ bye", "t": 0.1},'
    )
    assert '"d": null}], "t": 0.32},' in lines[3]
    assert text.endswith('{"type": "exit", "code": 2, "elapsed": 0.5, "t": 0.5}\n]}\n')


def test_what_consumers_read_is_derived_from_the_events() -> None:
    recording = Recording("basics/quotes", "Quotes.", RUN)
    assert recording.lines == [
        Line(0.1, "stdout", 'say "hi"\tand \\ bye'),
        Line(0.25, "stderr", "{not: json}"),
    ]
    assert recording.text("stderr") == "{not: json}\n"
    assert [event["task"] for event in recording.trace] == ["Task-1", "asyncio_0"]
    assert (recording.exit_code, recording.elapsed, recording.cut_short) == (2, 0.5, None)
    stopped = Recording(
        "basics/slow",
        "Slow.",
        [*RUN[:2], {"type": "error", "message": "timed out after 1 s", "t": 1.0}],
    )
    assert (stopped.exit_code, stopped.elapsed, stopped.cut_short) == (
        None,
        1.0,
        "timed out after 1 s",
    )


@pytest.mark.parametrize("path", sorted(REPLAYS_DIR.rglob("*.json")), ids=lambda path: path.stem)
def test_every_committed_replay_is_written_exactly_as_dumps_writes_it(path) -> None:
    text = path.read_text(encoding="utf-8")
    recording = loads(text)
    assert dumps(recording) == text
    assert [event["type"] for event in recording.events[:1]] == ["start"]
    assert recording.ending is recording.events[-1]


OLD_FORM = """{
 "id": "event_loop/asyncio_run",
 "title": "asyncio.run() creates a loop",
 "lines": [
  {"t": 0.335, "stream": "stdout", "text": "hello, event loop"}
 ],
 "exit": 0,
 "elapsed": 0.493
}
"""


def test_a_replay_in_the_old_form_is_refused_with_the_command_that_rewrites_it() -> None:
    with pytest.raises(
        ValueError, match=r"event_loop/asyncio_run .*old replay format; run: nox -s examples"
    ):
        loads(OLD_FORM)


@pytest.mark.parametrize(
    "text",
    [
        "[]",
        '{"id": "x"}',
        '{"format": 2, "id": "x", "title": "", "events": [1]}',
        '{"format": 2, "id": "x", "title": "", "events": [{"type": "start"}]}',
    ],
)
def test_what_is_not_a_replay_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a replay file"):
        loads(text)


def test_a_masked_recording_masks_each_line_and_text_reads_stdout_by_default() -> None:
    recording = Recording(
        "basics/masks",
        "Masks.",
        [
            {"type": "line", "stream": "stdout", "text": "at 0x7f3a2c1b9d60", "t": 0.1},
            {"type": "line", "stream": "stderr", "text": "x", "t": 0.2},
        ],
    )
    assert recording.masked().text() == "at 0x…\n"
    assert recording.text() == recording.text("stdout") == "at 0x7f3a2c1b9d60\n"
