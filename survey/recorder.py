"""The recorder: runs inside an example's interpreter and writes down what its event loop did.

The child's half of tracing; ``survey/trace_reader.py`` is the parent's, which
reads what this writes. The launcher turns it on without touching the
example: it puts ``survey/recorder_startup/`` (which holds only a
``sitecustomize.py``) on PYTHONPATH and passes the write end of a pipe whose
number is in ``SURVEY_TRACE_FD``. The interpreter imports ``sitecustomize`` at
start-up, which loads this file and calls ``install_from_environment()``. The
example's code, output and exit code stay what they are without it.

Anywhere else, Python in a browser say, ``install(write)`` records into a
callable instead: ``write(line)`` receives each event as one JSON line
(``install_batches(send)``: ``send(lines)`` receives a batch of them at once,
one call where a call costs). ``flush()`` writes what is held back. The
pipe is one such writer (``install_pipe``). So this file imports nothing from
the ``survey`` package: it is copied as it is to where it runs.

Each event is one JSON array on a line, written in batches. Times are raw
``time.perf_counter()`` readings: on Linux that clock (CLOCK_MONOTONIC) is
shared by every process, so the launcher subtracts its own start and worker
processes need no clock of their own. ``survey.trace_reader.TraceEvents``
turns the lines into the run's trace events.

    ["created", task, t, name, label, loop]  a task first seen (task: a number for
                                       this run; loop: 0 for the first event loop seen)
    ["step", task, t, d, slow]         the loop ran the task from t for d seconds
    ["ended", task, t, state]          "done", "cancelled" or "failed"
    ["call", label, t, d, loop]        a callback that is no task's step and took longer
                                       than the loop's slow_callback_duration
    ["thread", name, t, d, label]      a call on a worker thread (to_thread, run_in_executor)
    ["process", pid, t, d, label]      a call in a worker process (ProcessPoolExecutor)

A worker's call is written twice: when it starts, with d null (so that a live
drawing shows it running), and when it ends.

Public hooks are used where they serve: the executors' ``submit``. The loop's
steps have none, so one private method is wrapped, in ``_wrap_handle_run``:
``asyncio.events.Handle._run``, which runs every callback and task step on
3.11-3.13. A task factory would be the public way to see tasks created, but
on 3.13.0 ``create_task`` then names every unnamed task "None", and in debug
mode the factory's frame shows in a task's "created at"; so new tasks are
found instead among the handles a step adds to the loop's ready queue.
sys.monitoring (3.12+) reports Python frames, not the loop's steps.

Only the standard library, and nothing heavier than os, sys and time until
tracing is switched on: every interpreter started with the hook loads this
file, including worker processes that never trace.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections import deque

TRACE_FD_VARIABLE = "SURVEY_TRACE_FD"
# Write at least this often while the loop is busy, so a live drawing keeps up.
FLUSH_EVERY = 0.025
FLUSH_EVENTS = 512
# Worker processes write to the same pipe. Writes of up to PIPE_BUF bytes are never
# interleaved with others, so every write is whole lines within that size (names
# and labels are shortened, so that a line is always far shorter).
PIPE_BUF = 4096
LABEL_LENGTH = 48
ARGUMENT_LENGTH = 24

_recorder: Recorder | None = None


class Recorder:
    """Collects events from the loop's thread and worker threads; sends them in batches.

    ``send`` receives the lines of one batch, in order. ``fd`` is the pipe when
    there is one, which worker processes write to as well (``_InProcess``).
    """

    def __init__(self, send, fd: int | None = None) -> None:
        import threading

        self.send = send
        self.fd = fd
        self.pid = os.getpid()
        # deque.append and popleft are atomic, so worker threads need no lock to add.
        self.pending: deque[str] = deque()
        self.writing = threading.Lock()
        self.last_flush = time.perf_counter()

    def add(self, event: str) -> None:
        self.pending.append(event)

    def flush(self) -> None:
        with self.writing:
            count = len(self.pending)
            if not count:
                return
            self.last_flush = time.perf_counter()
            lines = [self.pending.popleft() for _ in range(count)]
            try:
                self.send(lines)
            except OSError:
                # The launcher went away (a stopped run): the example must not fail for it.
                self.pending.clear()


def install_from_environment() -> None:
    """Start recording if the launcher asked for it; the variable is removed, so
    interpreters the example starts in turn do not trace themselves."""
    fd = os.environ.pop(TRACE_FD_VARIABLE, None)
    if fd is not None and _recorder is None:
        install_pipe(int(fd))


def install(write) -> None:
    """Record this interpreter's event loops: ``write(line)`` receives each event as
    one JSON line, ending in a newline, in the order they happened."""

    def send(lines: list[str]) -> None:
        for line in lines:
            write(line)

    install_batches(send)


def install_batches(send) -> None:
    """As ``install``, but ``send(lines)`` receives the lines of one batch at once."""
    _start(Recorder(send))


def flush() -> None:
    """Write the events held back for the next batch now (a run that is ending)."""
    if _recorder is not None:
        _recorder.flush()


def install_pipe(fd: int) -> None:
    """Record into the pipe ``fd``, in writes no other process's write can split."""
    os.set_inheritable(fd, False)

    def send(lines: list[str]) -> None:
        piece: list[bytes] = []
        size = 0
        for text in lines:
            line = text.encode()
            if size + len(line) > PIPE_BUF:
                os.write(fd, b"".join(piece))
                piece, size = [], 0
            piece.append(line)
            size += len(line)
        os.write(fd, b"".join(piece))

    _start(Recorder(send, fd))


def _start(recorder: Recorder) -> None:
    global _recorder
    import asyncio
    import atexit
    from concurrent.futures import ThreadPoolExecutor

    _recorder = recorder
    _wrap_handle_run(asyncio, recorder)
    _wrap_submit(ThreadPoolExecutor, _on_thread)
    _when_imported(
        PROCESS_POOL, lambda module: _wrap_submit(module.ProcessPoolExecutor, _InProcess)
    )
    atexit.register(recorder.flush)
    if hasattr(os, "register_at_fork"):  # not where there are no processes (a browser)
        os.register_at_fork(after_in_child=_forked)


# Importing it imports multiprocessing, a cost most examples need not pay.
PROCESS_POOL = "concurrent.futures.process"


def _when_imported(name: str, patch) -> None:
    """``patch(module)`` as soon as the module ``name`` has been imported."""
    if name in sys.modules:
        patch(sys.modules[name])
        return

    class PatchOnImport:
        @staticmethod
        def find_spec(fullname, path, target=None):
            if fullname != name:
                return None
            sys.meta_path.remove(PatchOnImport)
            import importlib.util

            spec = importlib.util.find_spec(fullname)
            run_module = spec.loader.exec_module

            def exec_module(module) -> None:
                run_module(module)
                patch(module)

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, PatchOnImport)


def _forked() -> None:
    """A forked child (a process pool's worker) keeps the pipe for its calls
    (``_InProcess``) but records nothing else: what it inherited is the parent's."""
    import asyncio

    asyncio.events.Handle._run = _original_run
    _recorder.pending = deque(maxlen=0)  # a deque that keeps nothing


_original_run = None


def _wrap_handle_run(asyncio, recorder: Recorder) -> None:
    """The one use of private API: every step the loop takes goes through Handle._run.

    A step's task is the bound ``__self__`` of its callback (``Task.__step`` or
    ``__wakeup``). A task is new if unseen; one that the step created is among
    the handles the step appended to ``loop._ready``, whose length therefore
    is compared before and after. Tasks are held weakly, so recording never
    keeps one alive (an example may show what happens when nothing does).
    """
    import itertools
    import weakref

    global _original_run
    _original_run = original = asyncio.events.Handle._run
    Task = asyncio.Task
    clock = time.perf_counter
    ids: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
    numbers = itertools.count()
    # A program may run loops one after another, or at once in several threads.
    loops: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
    loop_numbers = itertools.count()

    def loop_number(loop) -> int:
        if loop not in loops:
            loops[loop] = next(loop_numbers)
        return loops[loop]

    add = recorder.add

    def seen(task, t: float) -> None:
        number = ids[task] = next(numbers)
        name, label = _json(_shorten(_task_name(task))), _json(_task_label(task))
        loop = loop_number(task.get_loop())
        add(f'["created",{number},{t:.6f},{name},{label},{loop}]\n')

    def run(handle) -> None:
        ready = getattr(handle._loop, "_ready", None)
        if ready is None:
            # A loop with no ready queue is none an example runs: in a browser,
            # Pyodide's own loop, which settles JavaScript promises.
            original(handle)
            return
        callback = handle._callback
        task = getattr(callback, "__self__", None)
        if not isinstance(task, Task):
            task = None
        queued = len(ready)
        start = clock()
        if task is not None and task not in ids:
            seen(task, start)
        original(handle)
        end = clock()
        duration = end - start
        slow = duration >= handle._loop.slow_callback_duration
        if task is not None:
            number = ids[task]
            add(f'["step",{number},{start:.6f},{duration:.6f},{int(slow)}]\n')
            if task.done():
                add(f'["ended",{number},{end:.6f},"{_ending(task)}"]\n')
        elif slow:
            label = _json(_callable_label(callback))
            loop = loop_number(handle._loop)
            add(f'["call",{label},{start:.6f},{duration:.6f},{loop}]\n')
        added = len(ready) - queued
        for back in range(added, 0, -1):  # oldest first: the order they were created in
            created = getattr(ready[-back]._callback, "__self__", None)
            if isinstance(created, Task) and created not in ids:
                seen(created, end)
        # Write when the loop is about to wait (nothing else ready), or often enough.
        if (
            not ready
            or len(recorder.pending) >= FLUSH_EVENTS
            or end - recorder.last_flush >= FLUSH_EVERY
        ):
            recorder.flush()

    asyncio.events.Handle._run = run


def _ending(task) -> str:
    if task.cancelled():
        return "cancelled"
    # task.exception() would mark the error as retrieved and silence asyncio's
    # "exception was never retrieved" report, which an example may be showing.
    return "failed" if task._exception is not None else "done"


def _wrap_submit(executor_class, wrap) -> None:
    original = executor_class.submit

    def submit(self, fn, /, *args, **kwargs):
        return original(self, wrap(fn, _call_label(fn, args, kwargs)), *args, **kwargs)

    executor_class.submit = submit


def _on_thread(fn, label: str):
    """``fn``, timed on whichever worker thread runs it. Its start is written at
    once, since the loop is likely waiting and would write it only at its end."""
    import threading

    def timed(*args, **kwargs):
        if _recorder is None:  # a forked child's thread: the parent records its own
            return fn(*args, **kwargs)
        name = _json(_shorten(threading.current_thread().name))
        start = time.perf_counter()
        _recorder.add(f'["thread",{name},{start:.6f},null,{_json(label)}]\n')
        _recorder.flush()
        try:
            return fn(*args, **kwargs)
        finally:
            duration = time.perf_counter() - start
            _recorder.add(f'["thread",{name},{start:.6f},{duration:.6f},{_json(label)}]\n')

    return timed


class _InProcess:
    """``fn``, timed in a worker process. Pickled to the worker, so it is a class at
    module level; ``sitecustomize`` registers this module under the name it has here.

    A worker started by fork (the default on Linux before 3.14) inherited the
    pipe. One started by spawn or forkserver reopens it through /proc, from the
    tracing process's pid and descriptor number carried here. Each line is one
    short write, which a pipe never interleaves with another."""

    def __init__(self, fn, label: str) -> None:
        self.fn = fn
        self.label = label
        recording = _recorder is not None and _recorder.fd is not None
        self.owner = (os.getpid(), _recorder.fd) if recording else None

    def __call__(self, *args, **kwargs):
        fd = _worker_pipe(self.owner)
        start = time.perf_counter()
        self.write(fd, start, "null")
        try:
            return self.fn(*args, **kwargs)
        finally:
            self.write(fd, start, f"{time.perf_counter() - start:.6f}")

    def write(self, fd: int | None, start: float, duration: str) -> None:
        if fd is not None:
            line = f'["process",{os.getpid()},{start:.6f},{duration},{_json(self.label)}]\n'
            with contextlib.suppress(OSError):
                os.write(fd, line.encode())


_reopened: dict[tuple[int, int], int | None] = {}


def _worker_pipe(owner: tuple[int, int] | None) -> int | None:
    if owner is None:
        return None
    if _recorder is not None and _recorder.pid == owner[0] and _recorder.fd == owner[1]:
        return _recorder.fd  # forked: the very same descriptor
    if owner not in _reopened:
        import stat

        try:
            fd = os.open(f"/proc/{owner[0]}/fd/{owner[1]}", os.O_WRONLY | os.O_CLOEXEC)
            _reopened[owner] = fd if stat.S_ISFIFO(os.fstat(fd).st_mode) else None
        except OSError:
            _reopened[owner] = None
    return _reopened[owner]


def _task_name(task) -> str:
    """The task's name; for an eager task left unnamed on 3.13.0, its coroutine's.

    3.12 and 3.13 name an eager task after its first step, and 3.13.0 names one
    created without a name 'None' (gh-128308), which says nothing in a timeline.
    """
    name = task.get_name()
    if name == "None":
        coro = task.get_coro()
        return getattr(coro, "__name__", type(coro).__name__)
    return name


def _task_label(task) -> str:
    """``nap('a')``: the coroutine's name and the arguments it was called with."""
    coro = task.get_coro()
    name = getattr(coro, "__name__", type(coro).__name__)
    code, frame = getattr(coro, "cr_code", None), getattr(coro, "cr_frame", None)
    if code is None or frame is None:
        return _shorten(name)
    return _shorten(f"{name}({', '.join(_arguments(code, frame.f_locals))})")


CO_VARARGS, CO_VARKEYWORDS = 0x04, 0x08  # inspect's flags, without importing inspect


def _arguments(code, local) -> list[str]:
    """The arguments of a call, read from its frame before the coroutine starts."""
    count = code.co_argcount + code.co_kwonlyargcount
    values = [local.get(name) for name in code.co_varnames[:count] if name not in ("self", "cls")]
    while values and values[-1] is None:  # trailing Nones are usually defaults left alone
        values.pop()
    shown = [_argument(value) for value in values]
    if code.co_flags & CO_VARARGS:
        shown += [_argument(value) for value in local.get(code.co_varnames[count], ())]
        count += 1
    if code.co_flags & CO_VARKEYWORDS:
        keywords = local.get(code.co_varnames[count], {})
        shown += [f"{key}={_argument(value)}" for key, value in keywords.items()]
    return shown


def _call_label(fn, args: tuple, kwargs: dict) -> str:
    """``read_sensor('pump', 0.3)`` for a call handed to an executor."""
    import functools

    # asyncio.to_thread submits functools.partial(context.run, fn, *args).
    if isinstance(fn, functools.partial) and fn.args and getattr(fn.func, "__name__", "") == "run":
        fn, args, kwargs = fn.args[0], fn.args[1:] + args, {**fn.keywords, **kwargs}
    shown = [_argument(arg) for arg in args]
    shown += [f"{key}={_argument(value)}" for key, value in kwargs.items()]
    return _shorten(f"{_callable_label(fn)}({', '.join(shown)})")


def _callable_label(fn) -> str:
    fn = getattr(fn, "__func__", fn)
    return getattr(fn, "__qualname__", None) or getattr(fn, "__name__", type(fn).__name__)


def _argument(value) -> str:
    """A short repr, such as ``'pump'``, ``0.3`` or ``Account(balance=0)``; a function or
    class by its name, as the source calls it; anything whose repr is long, or the
    default ``<… object at 0x…>``, by its type's name: ``ClientSession``."""
    if callable(value) and isinstance(getattr(value, "__qualname__", None), str):
        return value.__qualname__
    try:
        text = repr(value)
    except Exception:
        text = "<"
    return type(value).__name__ if text.startswith("<") or len(text) > ARGUMENT_LENGTH else text


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_LENGTH else f"{label[: LABEL_LENGTH - 1]}…"


# JSON's escapes for what may not stand raw in a string, without importing json.
_ESCAPES = {code: f"\\u{code:04x}" for code in range(32)} | {ord('"'): '\\"', ord("\\"): "\\\\"}


def _json(text: str) -> str:
    return f'"{text.translate(_ESCAPES)}"'
