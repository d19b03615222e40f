"""The runner on small fixture examples: capture, staleness, failures, concurrency."""

from __future__ import annotations

import asyncio
import json
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from survey.catalog import discover
from survey.recording import loads
from tools import runner


@pytest.fixture
def examples_dir(tmp_path: Path) -> Path:
    return tmp_path / "examples"


@pytest.fixture
def replays_dir(tmp_path: Path) -> Path:
    return tmp_path / "replays"


def add_example(examples_dir: Path, example_id: str, body: str, options: str = "") -> Path:
    header = f'"""Fixture {example_id}."""\n'
    if options:
        block = "\n".join(f"# {line}" for line in options.strip().splitlines())
        header += f"# /// script\n# [tool.survey]\n{block}\n# ///\n"
    path = examples_dir / f"{example_id}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + textwrap.dedent(body), encoding="utf-8")
    return path


def run(examples_dir: Path, replays_dir: Path, *argv: str) -> int:
    return runner.main(
        [*argv, "--examples-dir", str(examples_dir), "--replays-dir", str(replays_dir)]
    )


def test_captures_text_and_timed_replay(examples_dir: Path, replays_dir: Path) -> None:
    path = add_example(
        examples_dir,
        "basics/two_lines",
        """
        import time
        began = time.perf_counter()
        print("first")
        time.sleep(0.1)
        print(f"second, {time.perf_counter() - began:.3f} s after the start")
        """,
    )
    window = time.perf_counter()
    assert run(examples_dir, replays_dir) == 0
    window = time.perf_counter() - window

    text = path.with_suffix(".out").read_text()
    assert text.startswith("first\nsecond, ")
    replay = loads((replays_dir / "basics/two_lines.json").read_text())
    assert (replay.id, replay.title) == ("basics/two_lines", "Fixture basics/two_lines.")
    assert [line.text for line in replay.lines] == text.splitlines()
    first, second = (line.t for line in replay.lines)
    printed_after = float(text.split()[2])
    # The runner's clock started before the example's, and read the line after it was printed.
    assert first <= second
    assert second >= printed_after
    # And the run's own length lies within the test's, measured around it.
    assert second <= replay.elapsed <= window
    assert replay.exit_code == 0


def test_the_replay_keeps_what_the_loop_did(examples_dir: Path, replays_dir: Path) -> None:
    add_example(
        examples_dir,
        "basics/two_naps",
        """
        import asyncio

        async def nap():
            await asyncio.sleep(0.01)

        async def main():
            await asyncio.gather(nap(), nap())
            print("both woke")

        asyncio.run(main())
        """,
    )
    assert run(examples_dir, replays_dir) == 0
    trace = loads((replays_dir / "basics/two_naps.json").read_text()).trace
    created = [event["label"] for event in trace if event.get("state") == "created"]
    assert created[:3] == ["main()", "nap()", "nap()"]
    assert sum(1 for event in trace if event["kind"] == "step") >= 5


def test_a_replay_in_the_old_form_is_stale_and_rewritten_without_touching_the_output(
    examples_dir: Path, replays_dir: Path
) -> None:
    path = add_example(examples_dir, "basics/steady", 'print("same every time")\n')
    assert run(examples_dir, replays_dir) == 0
    replay = replays_dir / "basics/steady.json"
    old_form = {
        "id": "basics/steady",
        "title": "Fixture basics/steady.",
        "lines": [{"t": 0.1, "stream": "stdout", "text": "same every time"}],
        "exit": 0,
        "elapsed": 0.2,
    }
    replay.write_text(json.dumps(old_form))
    output_written = path.with_suffix(".out").stat().st_mtime_ns

    assert run(examples_dir, replays_dir, "--check") == 1
    assert run(examples_dir, replays_dir) == 0
    assert loads(replay.read_text()).text() == "same every time\n"
    assert path.with_suffix(".out").stat().st_mtime_ns == output_written


def test_rewrites_only_what_changed(examples_dir: Path, replays_dir: Path) -> None:
    path = add_example(examples_dir, "basics/steady", 'print("same every time")\n')
    assert run(examples_dir, replays_dir) == 0
    output = path.with_suffix(".out")
    replay = replays_dir / "basics/steady.json"
    before = (output.stat().st_mtime_ns, replay.stat().st_mtime_ns)

    assert run(examples_dir, replays_dir) == 0
    assert (output.stat().st_mtime_ns, replay.stat().st_mtime_ns) == before


def test_check_reports_stale_output_with_a_diff(
    examples_dir: Path, replays_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = add_example(examples_dir, "basics/greeting", 'print("hello")\n')
    assert run(examples_dir, replays_dir) == 0
    path.write_text(path.read_text().replace("hello", "goodbye"))
    capsys.readouterr()

    assert run(examples_dir, replays_dir, "--check") == 1

    printed = capsys.readouterr().out
    assert "STALE: basics/greeting" in printed
    assert "-hello\n+goodbye\n" in printed
    assert "run: nox -s examples" in printed
    assert path.with_suffix(".out").read_text() == "hello\n", "--check must write nothing"


def test_check_fails_on_a_missing_capture(examples_dir: Path, replays_dir: Path) -> None:
    add_example(examples_dir, "basics/new", 'print("never captured")\n')
    assert run(examples_dir, replays_dir, "--check") == 1
    assert not (examples_dir / "basics/new.out").exists()


@pytest.mark.parametrize(
    ("body", "options", "complaint"),
    [
        (
            'import sys\nprint("boom", file=sys.stderr)\nraise SystemExit(3)\n',
            "",
            "exited with code 3",
        ),
        ('import sys\nprint("oops", file=sys.stderr)\n', "", "wrote to stderr"),
        ("import time\ntime.sleep(30)\n", "timeout = 0.5", "timed out after 0.5 s"),
    ],
    ids=["crash", "stray-stderr", "timeout"],
)
def test_failures_name_the_example_and_show_stderr(
    examples_dir: Path,
    replays_dir: Path,
    capsys: pytest.CaptureFixture[str],
    body: str,
    options: str,
    complaint: str,
) -> None:
    path = add_example(examples_dir, "broken/case", body, options)
    assert run(examples_dir, replays_dir) == 1

    printed = capsys.readouterr().out
    assert "FAILED: broken/case" in printed
    assert complaint in printed
    if "stderr" in body:
        assert "--- stderr ---" in printed
    assert not path.with_suffix(".out").exists(), "a failed run must not write output"


def test_timeout_kills_the_whole_process_group(examples_dir: Path, replays_dir: Path) -> None:
    add_example(
        examples_dir,
        "broken/forks",
        """
        import subprocess, sys, time
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        time.sleep(60)
        """,
        "timeout = 1",
    )
    assert run(examples_dir, replays_dir) == 1
    strays = [
        p
        for p in psutil.process_iter(["cmdline"])
        if "time.sleep(60)" in " ".join(p.info["cmdline"] or [])
    ]
    assert strays == []


def test_merged_stderr_is_part_of_the_output(examples_dir: Path, replays_dir: Path) -> None:
    path = add_example(
        examples_dir,
        "basics/warns",
        'import sys\nprint("to stdout")\nprint("to stderr", file=sys.stderr)\n',
        'stderr = "merge"',
    )
    assert run(examples_dir, replays_dir) == 0
    assert path.with_suffix(".out").read_text() == "to stdout\nto stderr\n"


def test_unordered_output_is_current_in_any_order(examples_dir: Path, replays_dir: Path) -> None:
    path = add_example(
        examples_dir, "basics/shuffled", 'print("a")\nprint("b")\n', "unordered = true"
    )
    assert run(examples_dir, replays_dir) == 0
    path.with_suffix(".out").write_text("b\na\n")
    assert run(examples_dir, replays_dir, "--check") == 0


def test_a_measured_figure_may_change_but_nothing_around_it(
    examples_dir: Path, replays_dir: Path
) -> None:
    path = add_example(
        examples_dir, "basics/speedup", 'print("≈ 2× as fast")\n', 'measured = ["≈ {}× as fast"]'
    )
    assert run(examples_dir, replays_dir) == 0
    path.with_suffix(".out").write_text("≈ 1× as fast\n")
    assert run(examples_dir, replays_dir, "--check") == 0
    path.with_suffix(".out").write_text("≈ 2× as slow\n")
    assert run(examples_dir, replays_dir, "--check") == 1


def test_newer_python_examples_are_skipped_visibly(
    examples_dir: Path, replays_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = examples_dir / "future/feature.py"
    path.parent.mkdir(parents=True)
    path.write_text('"""From the future."""\n# /// script\n# requires-python = ">=3.99"\n# ///\n')
    assert run(examples_dir, replays_dir, "--check") == 0
    printed = capsys.readouterr().out
    assert "skipped  future/feature" in printed
    assert "needs Python ≥ 3.99" in printed


def test_demo_server_is_started_for_examples_that_need_it(
    examples_dir: Path, replays_dir: Path
) -> None:
    path = add_example(
        examples_dir,
        "net/count",
        """
        import json, os, urllib.request
        url = os.environ["DEMO_SERVER"]
        print(url)
        with urllib.request.urlopen(f"{url}/count?delay=0") as response:
            print(json.load(response))
        """,
        'needs = ["demo-server"]',
    )
    assert run(examples_dir, replays_dir) == 0
    assert path.with_suffix(".out").read_text() == (
        "http://127.0.0.1:<port>\n{'count': 1, 'delay': 0.0}\n"
    )


def test_examples_run_concurrently(examples_dir: Path, replays_dir: Path, tmp_path: Path) -> None:
    """Each example waits until all of them have started: run one after another, they fail."""
    count, meeting = 6, tmp_path / "meeting"
    meeting.mkdir()
    # One deadline for all (the monotonic clock is the machine's): the wait is bounded
    # however many come one after another.
    deadline = time.monotonic() + 20
    for index in range(count):
        add_example(
            examples_dir,
            f"sleepy/nap_{index}",
            f"""
            import pathlib, time
            meeting = pathlib.Path({str(meeting)!r})
            (meeting / "{index}").touch()
            while len(list(meeting.iterdir())) < {count}:
                assert time.monotonic() < {deadline}, "the others never came"
                time.sleep(0.01)
            """,
        )
    outcomes = asyncio.run(
        runner.run_all(discover(examples_dir), check=False, replays=replays_dir, report=str)
    )
    assert {outcome.status for outcome in outcomes} == {runner.Status.UPDATED}, outcomes


def test_serial_examples_run_alone(examples_dir: Path, replays_dir: Path, tmp_path: Path) -> None:
    """Each serial example notes its start and end in one log: no two may interleave."""
    log = tmp_path / "log"
    for index in range(3):
        add_example(
            examples_dir,
            f"heavy/job_{index}",
            f"""
            import pathlib, time
            log = pathlib.Path({str(log)!r})
            with log.open("a") as note:
                note.write("start {index}\\n")
            time.sleep(0.2)  # room for another to start, were it allowed to
            with log.open("a") as note:
                note.write("end {index}\\n")
            """,
            "serial = true",
        )
    asyncio.run(
        runner.run_all(discover(examples_dir), check=False, replays=replays_dir, report=str)
    )
    steps = log.read_text().splitlines()
    assert len(steps) == 6
    # "start i" is followed by "end i", every time.
    pairs = zip(steps[::2], steps[1::2], strict=True)
    assert all(end == start.replace("start", "end") for start, end in pairs), steps


def test_unknown_ids_are_refused(examples_dir: Path, replays_dir: Path) -> None:
    add_example(examples_dir, "basics/known", 'print("hi")\n')
    with pytest.raises(SystemExit, match=r"unknown example id.*basics/unknown"):
        run(examples_dir, replays_dir, "basics/unknown")


def test_a_line_too_long_to_read_fails_that_example_only(
    examples_dir: Path, replays_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_example(examples_dir, "broken/long_line", 'print("x" * 100_000)\n')
    add_example(examples_dir, "basics/fine", 'print("fine")\n')
    assert run(examples_dir, replays_dir) == 1

    printed = capsys.readouterr().out
    assert "FAILED: broken/long_line" in printed
    assert "printed a line longer than 65536 bytes" in printed
    assert (examples_dir / "basics/fine.out").read_text() == "fine\n"
