"""Run one example in the reader's browser as ``python -X dev -W error FILE`` would.

python-worker.js loads this into Pyodide, then calls ``run_as_main``. Pyodide's
own event loop (WebLoop) hands every callback to the browser: it never closes,
keeps no slow-callback watch and cannot run a second loop, so the event-loop
lessons would print something untrue. Here ``asyncio.run`` gets CPython's own
loop instead; with no sockets to watch in a browser, waiting for its next
timer is its only wait, and JavaScript Promise Integration (``run_sync``)
suspends it without busy-waiting.

``trace`` records what the loop does with the survey's own recorder (the
``survey`` package beside this file holds the three modules it needs), and
hands the events to JavaScript in batches, as the server sends them.
"""

import asyncio
import builtins
import json
import sys
import time
import traceback
import types
import warnings
from asyncio import base_events, events

from pyodide.code import run_js
from pyodide.ffi import can_run_sync, run_sync
from pyodide.webloop import _orig_run, _orig_sleep

_timer = run_js("(ms) => new Promise((resolve) => setTimeout(resolve, ms))")
# Pyodide settles JavaScript promises on its own loop; install() keeps it here.
_webloop = None
# The survey's recorder and the reader of what it writes, imported by install().
_recorder = None
_trace_reader = None
_practice = None


def _wait(seconds: float) -> None:
    """Wait for the loop's next timer; a trace batch due meanwhile goes out on time."""
    if _trace is not None and _trace.pending:
        due = max(_trace.due(), 0.0)
        if due < seconds:
            _sleep(due)
            _trace.send()
            seconds -= due
    _sleep(seconds)


def _sleep(seconds: float) -> None:
    if seconds <= 0:
        return
    if not can_run_sync():
        _orig_sleep(seconds)  # a busy wait, but still a wait
        return
    ours = events._get_running_loop()
    events._set_running_loop(_webloop)
    try:
        run_sync(_timer(seconds * 1000))
    finally:
        events._set_running_loop(ours)


class TimerOnlySelector:
    """What the loop waits on between steps: only its next timer."""

    def select(self, timeout: float | None) -> list:
        if timeout is None:
            raise RuntimeError("the event loop waits for I/O, which a browser cannot give it")
        if timeout > 0:
            _wait(timeout)
        return []

    def close(self) -> None:
        pass


class BrowserEventLoop(base_events.BaseEventLoop):
    """CPython's event loop with timers and callbacks, and no I/O."""

    def __init__(self) -> None:
        super().__init__()
        self._selector = TimerOnlySelector()

    def _process_events(self, event_list: list) -> None:
        pass

    def _write_to_self(self) -> None:
        # One thread only: nothing can be waiting in select() for a wake-up.
        pass


class BrowserPolicy(events._BaseDefaultEventLoopPolicy):
    _loop_factory = BrowserEventLoop


def _no_input(prompt: object = "") -> str:
    """input() in a browser run: it prompts as usual, then says why nothing can answer."""
    print(prompt, end="", flush=True)
    raise EOFError("a run in your browser has no standard input, so input() has nothing to read")


def install(survey_path: str) -> None:
    """Undo Pyodide's patches to asyncio.run and time.sleep; make new loops ours.
    ``survey_path`` holds the ``survey`` package that ``trace`` imports."""
    global _webloop, _recorder, _trace_reader, _practice
    sys.path.append(survey_path)
    try:
        from survey import practice, recorder, trace_reader
    finally:
        sys.path.remove(survey_path)
    _recorder, _trace_reader, _practice = recorder, trace_reader, practice
    _webloop = events._get_event_loop_policy().get_event_loop()
    asyncio.run = _orig_run
    # Pyodide's time.sleep hands the thread to the loop; the examples that
    # block the loop on purpose need the real, blocking one.
    time.sleep = _orig_sleep
    builtins.input = _no_input
    events._set_event_loop_policy(BrowserPolicy())
    events._set_running_loop(None)


class TraceBatches:
    """The recorder's lines as trace events (the server's reader turns them so too),
    posted as JSON text at most once an ``interval``: ``post(text)``.

    Lines wait as the recorder wrote them and are read all at once when a batch
    goes: in Pyodide every call counts, so one ``json.loads`` a batch, not one
    an event, and one ``write`` a batch of the recorder's."""

    def __init__(self, post, origin: float, interval: float) -> None:
        self.reader = _trace_reader.TraceEvents(origin)
        self.post = post
        self.interval = interval
        self.pending: list[str] = []
        self.sent = -interval

    def write(self, lines: list[str]) -> None:
        self.pending += lines
        # A loop too busy to wait still sends: a blocked step is drawn as it happens.
        if self.due() <= 0:
            self.send()

    def due(self) -> float:
        """Seconds until the next batch may go."""
        return self.sent + self.interval - time.perf_counter()

    def send(self) -> None:
        if self.pending:
            raw = json.loads(f"[{','.join(self.pending)}]")
            self.post(json.dumps([self.reader.event(item) for item in raw]))
            self.pending = []
            self.sent = time.perf_counter()


_trace: TraceBatches | None = None


def trace(post, origin: float, interval: float) -> None:
    """Record this run's event loops into ``post`` (see TraceBatches); ``origin`` is
    the run's start on ``time.perf_counter``'s clock."""
    global _trace
    _trace = TraceBatches(post, origin, interval)
    _recorder.install_batches(_trace.write)


def _send_trace() -> None:
    if _trace is not None:
        _recorder.flush()
        _trace.send()


def run_as_main(filename: str) -> int:
    """Execute ``filename`` as ``__main__``; its exit code, with a traceback on stderr."""
    with open(filename, encoding="utf-8") as file:
        source = file.read()
    try:
        code = compile(source, filename, "exec")
    except SyntaxError as error:
        # As `python FILE` shows it: where, the line, the caret, and no runner's frames.
        traceback.print_exception(type(error), error, None)
        sys.stderr.flush()
        return 1
    main = types.ModuleType("__main__")
    main.__file__ = filename
    sys.modules["__main__"] = main
    sys.argv = [filename]
    warnings.simplefilter("error")
    try:
        exec(code, main.__dict__)
    except SystemExit as exit:
        if exit.code is None or isinstance(exit.code, int):
            return exit.code or 0
        print(exit.code, file=sys.stderr)
        return 1
    except BaseException as error:
        # Leave this function's own frame out, as `python FILE` shows none of its own.
        traceback.print_exception(type(error), error, error.__traceback__.tb_next)
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        _send_trace()
    return 0


def grade(check_source: str, events_json: str) -> str:
    """An exercise's verdict on a run: its check.py's ``check`` over the run's events,
    in an interpreter that ran no reader's code. JSON: {"passed": bool, "why": str}."""
    module = types.ModuleType("check")
    exec(compile(check_source, "check.py", "exec"), module.__dict__)
    verdict = _practice.grade(module.check, json.loads(events_json))
    return json.dumps({"passed": verdict.passed, "why": verdict.why})
