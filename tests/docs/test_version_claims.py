"""What the slides' prose and notes say about 3.11, 3.12 and 3.13, run on each of them.

Each claim is a small script of asserts, run under ``-X dev -W error`` on every
installed interpreter it speaks about; the page that makes the claim is named
beside it, so a failure says which sentence is wrong.
"""

from __future__ import annotations

import subprocess
import textwrap

import pytest

from survey.paths import ROOT
from tools.interpreters import SUPPORTED, probe


def run_on(version: str, script: str) -> None:
    found = probe(version)
    if found.path is None:
        pytest.skip(found.reason)
    result = subprocess.run(
        [found.path, "-X", "dev", "-W", "error", "-c", textwrap.dedent(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("version", SUPPORTED)
def test_task_group_keeps_every_ordinary_error_but_not_beside_keyboard_interrupt(
    version: str,
) -> None:
    # docs/concurrency.md, TaskGroup notes; docs/patterns.md, exception handler notes
    run_on(
        version,
        """
        import asyncio

        async def fail(error):
            await asyncio.sleep(0)
            raise error

        async def group(*errors):
            async with asyncio.TaskGroup() as tasks:
                for error in errors:
                    tasks.create_task(fail(error))

        try:
            asyncio.run(group(ValueError("a"), KeyError("b")))
        except ExceptionGroup as raised:
            assert len(raised.exceptions) == 2, raised.exceptions
        try:
            asyncio.run(group(ValueError("a"), KeyboardInterrupt()))
        except KeyboardInterrupt:
            pass  # alone: the ValueError was dropped
        else:
            raise AssertionError("no KeyboardInterrupt")
        """,
    )


@pytest.mark.parametrize("version", SUPPORTED)
def test_get_event_loop_outside_a_coroutine(version: str) -> None:
    # docs/event_loop.md, "Module-level get_event_loop() is on its way out"
    # Quiet from 3.11.2 on (gh-100160; the installed 3.11 is later); warns on 3.12+.
    expected = "[]" if version == "3.11" else "[DeprecationWarning]"
    run_on(
        version,
        f"""
        import asyncio, warnings

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            loop = asyncio.get_event_loop()  # none set yet: it creates one
        loop.close()
        kinds = [warning.category for warning in caught]
        assert kinds == {expected}, kinds

        async def nothing():
            pass

        asyncio.run(nothing())  # sets a loop, then clears it
        try:
            asyncio.get_event_loop()
        except RuntimeError:
            pass
        else:
            raise AssertionError("no RuntimeError after asyncio.run()")
        """,
    )


@pytest.mark.parametrize("version", ["3.12", "3.13"])
def test_an_unnamed_eager_task_is_named_late(version: str) -> None:
    # docs/concurrency.md, eager tasks notes (gh-128308)
    run_on(
        version,
        """
        import asyncio, sys

        async def lookup():
            return 1

        async def main():
            loop = asyncio.get_running_loop()
            loop.set_task_factory(asyncio.eager_task_factory)
            named = asyncio.create_task(lookup(), name="hit")
            unnamed = asyncio.create_task(lookup())
            assert named.get_name() == "hit"
            if sys.version_info[:3] == (3, 13, 0):
                assert unnamed.get_name() == "None", unnamed.get_name()
            elif sys.version_info[:2] == (3, 12):
                assert unnamed.get_name().startswith("Task-"), unnamed.get_name()

        asyncio.run(main())
        """,
    )


@pytest.mark.parametrize("version", SUPPORTED)
def test_a_task_shows_running_at_while_pending_and_defined_at_when_done(version: str) -> None:
    # docs/concurrency.md, debug mode notes
    run_on(
        version,
        """
        import asyncio

        async def upload():
            await asyncio.sleep(0)

        async def main():
            task = asyncio.create_task(upload())
            await asyncio.sleep(0)
            assert "running at" in repr(task), repr(task)
            await task
            assert "done, defined at" in repr(task), repr(task)

        asyncio.run(main(), debug=True)
        """,
    )


@pytest.mark.parametrize("version", SUPPORTED)
def test_fork_warns_once_asyncio_has_started_a_thread(version: str) -> None:
    # docs/interop.md, process pool notes: why the example spawns its workers
    warns = version != "3.11"  # gh-100228, 3.12
    run_on(
        version,
        f"""
        import asyncio, os, warnings

        async def main():
            await asyncio.to_thread(print, end="")  # the default executor's thread
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                pid = os.fork()
                if pid == 0:
                    os._exit(0)
                os.waitpid(pid, 0)
            kinds = [warning.category.__name__ for warning in caught]
            assert kinds == ({["DeprecationWarning"] if warns else []!r}), kinds

        asyncio.run(main())
        """,
    )


def test_event_loop_is_the_selector_loop_on_313() -> None:
    # docs/event_loop.md, loop_factory notes (POSIX; the proactor loop on Windows)
    run_on(
        "3.13",
        """
        import asyncio

        assert asyncio.EventLoop is asyncio.SelectorEventLoop

        async def main():
            return type(asyncio.get_running_loop())

        assert asyncio.run(main(), loop_factory=asyncio.EventLoop) is asyncio.SelectorEventLoop
        """,
    )
