"""An interpreter started ahead of a click, which then runs exactly one example as ``__main__``.

``survey.launch.WarmPool`` starts ``python -X dev -W error -m survey.warm`` (the runner's
flags and environment) in a process group of its own, so interpreter start-up
and the import of asyncio and aiohttp are paid before anyone presses Run. It
then writes one JSON request to stdin and closes it::

    {"path": "/abs/path/examples/section/name.py", "env": {...}, "merge_stderr": false}

From there the process is the example: stdin reads as /dev/null, ``sys.argv``
and ``sys.path[0]`` are what ``python path`` would set, the module runs as
``__main__``, an uncaught exception prints the traceback a plain run prints
(without this file's frames) and exits 1, and ``SystemExit`` keeps its code.
"""

# asyncio and aiohttp are imported before any example is known: that is the warm start.
import asyncio  # noqa: F401
import json
import os
import runpy
import sys

import aiohttp  # noqa: F401


def read_request() -> dict:
    chunks = []
    while chunk := os.read(0, 1 << 16):
        chunks.append(chunk)
    return json.loads(b"".join(chunks))


def become(path: str, env: dict[str, str], merge_stderr: bool) -> None:
    """Give the process the state ``python -X dev -W error path`` starts with."""
    os.environ.update(env)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    if merge_stderr:
        os.dup2(1, 2)
    sys.argv = [path]
    sys.path[0] = os.path.dirname(os.path.realpath(path))


def run(path: str) -> None:
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit:
        raise
    except BaseException as error:
        frames = error.__traceback__
        while frames is not None and frames.tb_frame.f_code.co_filename != path:
            frames = frames.tb_next
        # Set on the exception too: the default hook prints the one it carries.
        error.with_traceback(frames or error.__traceback__)
        sys.excepthook(type(error), error, error.__traceback__)
        sys.exit(1)


def main() -> None:
    request = read_request()
    become(request["path"], request["env"], request["merge_stderr"])
    run(request["path"])


if __name__ == "__main__":
    main()
