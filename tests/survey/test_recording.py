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


def test_a_replay_file_reads_back_as_the_recording_it_was_written_from() -> None:
    recording = Recording(
        "basics/quotes",
        "Prints “quotes”, a tab and a backslash.",
        [Line(0.1, "stdout", 'say "hi"\tand \\ bye'), Line(0.25, "stderr", "{not: json}")],
        exit_code=2,
        elapsed=0.5,
    )
    text = dumps(recording)
    assert loads(text) == recording
    # One printed line per line of file, so that a diff reads like the output's.
    assert '  {"t": 0.1, "stream": "stdout", "text": "say \\"hi\\"\\tand \\\\ bye"},\n' in text
    assert text.endswith('"exit": 2,\n "elapsed": 0.5\n}\n')


def test_a_trace_reads_back_one_event_a_line_and_its_absence_stays_absent() -> None:
    events = [
        {"kind": "task", "task": "Task-1", "t": 0.3, "state": "created", "label": "main()"},
        {"kind": "step", "task": "asyncio_0", "lane": "thread", "t": 0.31, "d": None},
    ]
    recording = Recording(
        "basics/traced", "Traced.", [Line(0.4, "stdout", "hi")], 0, 0.5, trace=events
    )
    text = dumps(recording)
    assert loads(text) == recording
    assert (
        '  {"kind": "step", "task": "asyncio_0", "lane": "thread", "t": 0.31, "d": null}\n' in text
    )
    untraced = Recording("basics/untraced", "Not traced.", [], 0, 0.1)
    assert loads(dumps(untraced)).trace is None


@pytest.mark.parametrize("path", sorted(REPLAYS_DIR.rglob("*.json")), ids=lambda path: path.stem)
def test_every_committed_replay_is_written_exactly_as_dumps_writes_it(path) -> None:
    text = path.read_text(encoding="utf-8")
    assert dumps(loads(text)) == text


@pytest.mark.parametrize("text", ["[]", '{"id": "x"}', '{"id": "x", "title": "", "lines": [1]}'])
def test_what_is_not_a_replay_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a replay file"):
        loads(text)


def test_a_masked_recording_masks_each_line_and_text_reads_stdout_by_default() -> None:
    recording = Recording(
        "basics/masks",
        "Masks.",
        [Line(0.1, "stdout", "at 0x7f3a2c1b9d60"), Line(0.2, "stderr", "x")],
    )
    assert recording.masked().text() == "at 0x…\n"
    assert recording.text() == recording.text("stdout") == "at 0x7f3a2c1b9d60\n"
