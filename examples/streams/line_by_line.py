"""The first mini Redis loop, one await per line: where its time goes, and what whole buffers save.

python examples/streams/line_by_line.py              # profile it, then measure each step
python examples/streams/line_by_line.py --port 6382  # serve until stopped
"""

# /// script
# [tool.survey]
# serial = true
# timeout = 60
# measured = ["{} %", "×{}"]
# no-browser = "it starts processes that serve TCP, and Python in a browser can do neither"
# ///

import argparse
import asyncio
import contextlib
import cProfile
import functools
import importlib
import json
import pstats
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mini_redis import (
    MAX_ARGS,
    MAX_BYTES,
    MAX_LINE,
    READ_SIZE,
    CommandError,
    Database,
    ProtocolError,
    Session,
    encode,
    encode_command,
    execute,
    length,
    run_server,
    server_options,
    shut_down,
)

CLIENTS = 20
PIPELINE = 16  # commands a client sends before it reads the replies
ROUND_TRIPS = 50  # per client and measurement
COMMANDS = CLIENTS * ROUND_TRIPS * PIPELINE  # per measurement
ROUNDS = 3  # each server measured this often, in turn; its best round counts


# --8<-- [start:framing]
async def read_command(reader: asyncio.StreamReader) -> list[bytes]:
    """One command: a RESP array of bulk strings, or a line typed into nc."""
    # IncompleteReadError here and below once the client is gone.
    line = await reader.readuntil(b"\n")
    if not line.startswith(b"*"):
        return line.split()  # inline; a blank line gives [] and is ignored
    args, budget = [], MAX_BYTES
    for _ in range(length(line, MAX_ARGS)):
        header = await reader.readuntil(b"\n")
        if not header.startswith(b"$"):
            raise ProtocolError(f"expected '$', got {header[:1]!r}")
        size = length(header, budget)
        budget -= size
        payload = await reader.readexactly(size + 2)
        if payload[-2:] != b"\r\n":
            raise ProtocolError("bulk string not followed by CRLF")
        args.append(payload[:-2])
    return args


# --8<-- [end:framing]


# --8<-- [start:connection]
async def serve_client(
    db: Database, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    """One task per connection: read, answer, until the client goes."""
    session = Session(db)
    db.connected(writer.transport)
    try:
        while not session.closing:
            if args := await read_command(reader):
                writer.write(encode(execute(session, args), session.resp3))
                # Backpressure: wait here while the client is slow to read.
                await writer.drain()
    # LimitOverrunError: a line longer than MAX_LINE.
    except (ProtocolError, asyncio.LimitOverrunError) as error:
        writer.write(
            encode(CommandError(f"ERR Protocol error: {error}"), session.resp3)
        )
    except (asyncio.IncompleteReadError, ConnectionError):
        pass  # the client hung up, perhaps mid-command: only its task ends
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()
        db.disconnected(writer.transport)


# --8<-- [end:connection]


async def open_server(
    host: str = "127.0.0.1", port: int = 0, db: Database | None = None
) -> asyncio.Server:
    handler = functools.partial(serve_client, db or Database())
    return await asyncio.start_server(handler, host, port, limit=MAX_LINE)


async def answer_ok(
    db: Database, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    """The ceiling: what the loop costs alone, parsing nothing."""
    db.connected(writer.transport)
    try:
        while data := await reader.read(READ_SIZE):
            writer.write(b"+OK\r\n" * data.count(b"*"))
            await writer.drain()
    finally:
        writer.close()
        db.disconnected(writer.transport)


async def open_ceiling(
    host: str = "127.0.0.1", port: int = 0, db: Database | None = None
) -> asyncio.Server:
    handler = functools.partial(answer_ok, db or Database())
    return await asyncio.start_server(handler, host, port)


# Each server measured, by its module, as the output names it.
STEPS = {
    "line_by_line": "line by line",
    "mini_redis": "whole buffers",
    "resp_protocol": "a Protocol",
}


async def serve_measured(opener: Callable, profiled: bool) -> None:
    """In a child process: serve, and answer 'start' and 'stop' on stdin
    with the CPU time the load between them cost, and where it went."""
    db = Database()
    async with await opener(db=db) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        while await asyncio.to_thread(sys.stdin.readline):  # "start"
            started = time.process_time()
            print("started", flush=True)
            stopped = asyncio.to_thread(sys.stdin.readline)  # "stop"
            report = {}
            if profiled:
                report["shares"] = await profile_until(stopped)
            else:
                await stopped
            report["cpu"] = time.process_time() - started
            print(json.dumps(report), flush=True)
        await shut_down(server, db)


# --8<-- [start:profile]
async def profile_until(done: Awaitable) -> dict[str, float]:
    """Where the loop's CPU time goes until done, cut into parts."""
    with cProfile.Profile(time.process_time) as profiler:  # waiting: no CPU
        await done  # profiles this thread: the loop and all it runs
    stats = pstats.Stats(profiler)
    inclusive = {  # each function's time, with the functions it calls
        (Path(file).stem, name): cumulative
        for (file, _, name), (*_, cumulative, _) in stats.stats.items()
    }
    parts = {
        "reading commands": inclusive["line_by_line", "read_command"],
        "running commands": inclusive["mini_redis", "execute"],
        "writing replies": inclusive["streams", "write"],
    }
    return parts | {"the rest": stats.total_tt - sum(parts.values())}


# --8<-- [end:profile]


def send_load() -> None:
    """In a child process: for each port on stdin, connect CLIENTS clients
    and say 'ready'; at the next line, send COMMANDS SETs from all of them
    at once, PIPELINE at a time, and say 'done'."""
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        for port in sys.stdin:
            with contextlib.ExitStack() as stack:
                connections = [
                    stack.enter_context(
                        socket.create_connection(("127.0.0.1", int(port)))
                    )
                    for _ in range(CLIENTS)
                ]
                # A first round trip each: every connection accepted, and
                # its task started, before the server's clock starts.
                list(pool.map(send_sets, connections, [1] * CLIENTS))
                print("ready", flush=True)
                sys.stdin.readline()  # "go"
                list(pool.map(send_sets, connections, [ROUND_TRIPS] * CLIENTS))
                print("done", flush=True)


def send_sets(connection: socket.socket, round_trips: int) -> None:
    """One client: SETs in batches, each answered before the next."""
    batch = encode_command("SET greeting hello") * PIPELINE
    expected = b"+OK\r\n" * PIPELINE
    for _ in range(round_trips):
        connection.sendall(batch)
        replies = b""
        while len(replies) < len(expected):
            if not (chunk := connection.recv(65536)):
                raise ConnectionError("the server hung up")
            replies += chunk
        if replies != expected:
            raise ValueError(f"unexpected replies {replies[:40]!r}")


class Child:
    """This module in a child process, spoken to in lines.

    Not in development mode: debug mode's checks would be what we measure,
    and a process of its own keeps each server's CPU time its own."""

    def __init__(self, *arguments: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, *arguments],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, line: str) -> str:
        self.process.stdin.write(f"{line}\n")
        self.process.stdin.flush()
        return self.reply()

    def reply(self) -> str:
        if not (line := self.process.stdout.readline()):
            raise RuntimeError(f"child {self.process.pid} ended early")
        return line.strip()

    def stop(self) -> None:
        with self.process:  # closes the pipes, waits for the exit
            self.process.stdin.close()


def cpu_per_command(server: Child, port: int, load: Child) -> tuple:
    """The server's CPU seconds per command, and its profile if it takes one."""
    load.ask(str(port))  # "ready"
    server.ask("start")
    load.ask("go")  # "done"
    report = json.loads(server.ask("stop"))
    return report["cpu"] / COMMANDS, report.get("shares")


def start_server(name: str, *flags: str) -> tuple[Child, int]:
    server = Child("--measure", name, *flags)
    return server, int(server.reply())


def best_of_rounds(load: Child) -> dict[str, float]:
    """Each server's least CPU per command over ROUNDS rounds taken in turn,
    so that a burst of load from elsewhere cannot single one out."""
    servers = {name: start_server(name) for name in ["ceiling", *STEPS]}
    best: dict[str, float] = {}
    try:
        for _ in range(ROUNDS):
            for name, (server, port) in servers.items():
                cpu, _ = cpu_per_command(server, port, load)
                best[name] = min(cpu, best.get(name, cpu))
    finally:
        for server, _ in servers.values():
            server.stop()
    return best


def measure() -> tuple[dict[str, float], dict[str, float]]:
    """The line-by-line server's profile, then every server's best rounds."""
    load = Child("--load")
    try:
        server, port = start_server("line_by_line", "--profile")
        _, profile = cpu_per_command(server, port, load)
        server.stop()
        return profile, best_of_rounds(load)
    finally:
        load.stop()


async def main() -> None:
    print(f"{CLIENTS} clients × {PIPELINE} SETs at once")
    # A thread directs the children: blocking on their pipes is all it does,
    # and on a busy machine even starting one can hold a loop for 100 ms.
    profile, best = await asyncio.to_thread(measure)
    print("profile, line by line:")
    total = sum(profile.values())
    for part, seconds in profile.items():
        print(f"  {part}: {100 * seconds / total:.0f} %")
    print("share of the ceiling:")  # in CPU time per command
    for name, step in STEPS.items():
        print(f"  {step}: ×{best['ceiling'] / best[name]:.2f}")


def opener(name: str) -> Callable:
    """The open_server of the server called name."""
    if name == "ceiling":
        return open_ceiling
    if name == "line_by_line":
        return open_server  # this module runs as __main__: not imported again
    return importlib.import_module(name).open_server


def command_line() -> argparse.Namespace:
    parser = server_options(__doc__.splitlines()[0])
    parser.add_argument(
        "--measure",
        choices=["ceiling", *STEPS],
        help="serve for main(), and report the CPU time of each load",
    )
    parser.add_argument(
        "--profile", action="store_true", help="with --measure: a profile too"
    )
    parser.add_argument(
        "--load", action="store_true", help="be main()'s clients"
    )
    return parser.parse_args()


if __name__ == "__main__":
    options = command_line()
    if options.measure:
        asyncio.run(serve_measured(opener(options.measure), options.profile))
    elif options.load:
        send_load()
    elif options.port is None:
        asyncio.run(main())
    else:
        run_server(open_server, options)
