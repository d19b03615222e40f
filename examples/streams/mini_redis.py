"""A mini Redis on asyncio streams that redis-cli and redis-py can talk to.

python examples/streams/mini_redis.py              # a scripted session
python examples/streams/mini_redis.py --port 6380  # serve until stopped
python examples/streams/mini_redis.py --port 6380 --uvloop
"""

# /// script
# [tool.survey]
# no-browser = "it serves TCP on 127.0.0.1, and Python in a browser has no sockets"
# ///

import argparse
import asyncio
import contextlib
import fnmatch
import functools
import itertools
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_ARGS = 1024  # arguments in one command
MAX_BYTES = 1024 * 1024  # bytes in all of one command's arguments together
MAX_LINE = 64 * 1024  # an inline command or a header line
READ_SIZE = 64 * 1024  # what one read() may take of what the client sent
GRACE = 2.0  # seconds a stopping server gives clients to read their replies
CLIENT_IDS = itertools.count(1)


class ProtocolError(Exception):
    """Broken framing: one error reply, then that connection closes."""


class CommandError(Exception):
    """An error reply such as ``ERR syntax error``; the connection goes on."""


@dataclass
class Database:
    values: dict[bytes, bytes] = field(default_factory=dict)
    # When each key expires, in time.monotonic() seconds.
    deadlines: dict[bytes, float] = field(default_factory=dict)
    # Open connections, for INFO and for closing them on 3.11 and 3.12.
    clients: set[asyncio.BaseTransport] = field(default_factory=set)
    # Set while no connection is open, so that a shutdown can wait for it.
    idle: asyncio.Event = field(default_factory=asyncio.Event)

    def connected(self, transport: asyncio.BaseTransport) -> None:
        self.clients.add(transport)
        self.idle.clear()

    def disconnected(self, transport: asyncio.BaseTransport) -> None:
        self.clients.discard(transport)
        if not self.clients:
            self.idle.set()

    def __post_init__(self) -> None:
        self.idle.set()

    def get(self, key: bytes) -> bytes | None:
        # Keys expire lazily: one past its deadline goes when someone reads it.
        if key in self.deadlines and self.deadlines[key] <= time.monotonic():
            self.delete(key)
        return self.values.get(key)

    def set(self, key: bytes, value: bytes, ttl: float | None = None) -> None:
        self.values[key] = value
        if ttl is None:
            self.deadlines.pop(key, None)
        else:
            self.deadlines[key] = time.monotonic() + ttl

    def delete(self, key: bytes) -> bool:
        self.deadlines.pop(key, None)
        return self.values.pop(key, None) is not None

    def live_keys(self) -> list[bytes]:
        return [key for key in list(self.values) if self.get(key) is not None]


@dataclass
class Session:
    """What one connection remembers: its protocol, and whether to hang up."""

    db: Database
    id: int = field(default_factory=lambda: next(CLIENT_IDS))
    resp3: bool = False
    closing: bool = False


HEADER = len(b"$%d\r\n" % MAX_BYTES)  # the longest bulk string header we accept
# Indexing bytes gives ints, and comparing ints is the cheapest test there is.
ASTERISK, DOLLAR = b"*$"


# --8<-- [start:framing]
def parse_command(buffer: bytes, start: int) -> tuple[list[bytes], int] | None:
    """The command at buffer[start:] and where the next begins, or None."""
    end = buffer.find(b"\n", start)
    if end < 0:
        if len(buffer) - start > MAX_LINE:
            raise ProtocolError(f"line longer than {MAX_LINE} bytes")
        return None
    if buffer[start] != ASTERISK:  # inline, as typed into nc or telnet
        return buffer[start:end].split(), end + 1
    args, budget, position = [], MAX_BYTES, end + 1
    for _ in range(length(buffer[start:end], MAX_ARGS)):
        end = buffer.find(b"\r\n", position, position + HEADER)
        if end < 0:
            if len(buffer) - position < HEADER:
                return None
            raise ProtocolError("bulk string header too long")
        if buffer[position] != DOLLAR:
            raise ProtocolError(
                f"expected '$', got {buffer[position : position + 1]!r}"
            )
        size = length(buffer[position:end], budget)
        budget -= size
        position = end + 2 + size
        if buffer[position : position + 2] != b"\r\n":
            if position + 2 > len(buffer):
                return None
            raise ProtocolError("bulk string not followed by CRLF")
        args.append(buffer[end + 2 : position])
        position += 2
    return args, position


# --8<-- [end:framing]


def length(header: bytes, limit: int) -> int:
    """The N of a '*N' or '$N' header, refused outside 0..limit."""
    try:
        count = int(header[1:])
    except ValueError:
        raise ProtocolError(
            f"invalid length {header[1:20].strip()!r}"
        ) from None
    if not 0 <= count <= limit:
        raise ProtocolError(f"length {count} outside 0..{limit}")
    return count


# --8<-- [start:answer]
def answer(session: Session, buffer: bytes) -> tuple[bytes, bytes]:
    """The replies to every complete command in buffer, and the rest of it."""
    start, replies = 0, []
    try:
        while not session.closing and (found := parse_command(buffer, start)):
            args, start = found
            if args:  # a blank inline line is no command
                replies.append(encode(execute(session, args), session.resp3))
    except ProtocolError as error:
        error_reply = CommandError(f"ERR Protocol error: {error}")
        replies.append(encode(error_reply, session.resp3))
        session.closing = True  # where the next command starts is unknown
    return b"".join(replies), buffer[start:]


# --8<-- [end:answer]


# --8<-- [start:connection]
async def serve_client(
    db: Database, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    """One task per connection: answer all that came, until the client goes."""
    session, pending = Session(db), b""
    db.connected(writer.transport)
    try:
        while not session.closing and (data := await reader.read(READ_SIZE)):
            replies, pending = answer(session, pending + data)
            writer.write(replies)  # one write for the whole pipeline
            await writer.drain()  # backpressure: waits while the client lags
    except ConnectionError:
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
    return await asyncio.start_server(handler, host, port)


def encode(reply: object, resp3: bool) -> bytes:
    """A reply in RESP2, or RESP3 where they differ and the client asked."""
    match reply:
        case bytes():
            return b"$%d\r\n%b\r\n" % (len(reply), reply)
        case str():
            return b"+%b\r\n" % reply.encode()
        case int():
            return b":%d\r\n" % reply
        case None:
            return b"_\r\n" if resp3 else b"$-1\r\n"
        case CommandError():
            one_line = " ".join(str(reply).split())
            return b"-%b\r\n" % one_line.encode()
        case list():
            return b"*%d\r\n%b" % (
                len(reply),
                b"".join(encode(item, resp3) for item in reply),
            )
        case dict() if resp3:
            pairs = b"".join(
                encode(k, resp3) + encode(v, resp3) for k, v in reply.items()
            )
            return b"%%%d\r\n%b" % (len(reply), pairs)
        case dict():
            return encode(
                [item for pair in reply.items() for item in pair], resp3
            )
    raise TypeError(f"no RESP encoding for {reply!r}")


# --8<-- [start:table]
Handler = Callable[[Session, list[bytes]], object]
COMMANDS: dict[bytes, tuple[Handler, int]] = {}


def command(name: str, arity: int) -> Callable[[Handler], Handler]:
    """Enter a handler; arity counts the name too, negative means "at least"."""

    def register(handler: Handler) -> Handler:
        COMMANDS[name.encode()] = (handler, arity)
        return handler

    return register


def execute(session: Session, args: list[bytes]) -> object:
    """Run one command; whatever goes wrong becomes an error reply."""
    entry = COMMANDS.get(args[0].upper())
    if entry is None:
        name, *rest = (
            f"'{arg[:20].decode(errors='replace')}'" for arg in args[:4]
        )
        return CommandError(
            f"ERR unknown command {name}, "
            f"with args beginning with: {' '.join(rest)}"
        )
    handler, arity = entry
    if len(args) != arity if arity > 0 else len(args) < -arity:
        return CommandError(
            "ERR wrong number of arguments for "
            f"'{args[0].decode().lower()}' command"
        )
    try:
        return handler(session, args[1:])
    except CommandError as error:
        return error


# --8<-- [end:table]


def integer(raw: bytes) -> int:
    """A signed 64-bit integer written in decimal, as Redis reads one."""
    digits = raw.removeprefix(b"-")
    if (
        not digits.isdigit()
        or len(digits) > 19
        or not -(2**63) <= int(raw) < 2**63
    ):
        raise CommandError("ERR value is not an integer or out of range")
    return int(raw)


def expiry_seconds(raw: bytes, unit: float, name: str) -> float:
    seconds = integer(raw) * unit
    if seconds <= 0:
        raise CommandError(f"ERR invalid expire time in '{name}' command")
    return seconds


# --8<-- [start:handlers]
@command("GET", 2)
def get_value(session: Session, args: list[bytes]) -> bytes | None:
    return session.db.get(args[0])


@command("SET", -3)
def set_value(session: Session, args: list[bytes]) -> str:
    key, value, *options = args
    match [option.upper() for option in options]:
        case []:
            ttl = None
        case [b"EX", raw]:
            ttl = expiry_seconds(raw, 1, "set")
        case [b"PX", raw]:
            ttl = expiry_seconds(raw, 0.001, "set")
        case _:
            raise CommandError("ERR syntax error")
    session.db.set(key, value, ttl)
    return "OK"


# --8<-- [end:handlers]


@command("INCR", 2)
def increment(session: Session, args: list[bytes]) -> int:
    return add(session.db, args[0], 1)


@command("INCRBY", 3)
def increment_by(session: Session, args: list[bytes]) -> int:
    return add(session.db, args[0], integer(args[1]))


def add(db: Database, key: bytes, amount: int) -> int:
    current = db.get(key)
    number = amount + (0 if current is None else integer(current))
    if not -(2**63) <= number < 2**63:
        raise CommandError("ERR increment or decrement would overflow")
    db.values[key] = b"%d" % number  # keeps any expiry, as Redis does
    return number


@command("PING", -1)
def ping(session: Session, args: list[bytes]) -> str | bytes:
    if len(args) > 1:
        raise CommandError("ERR wrong number of arguments for 'ping' command")
    return args[0] if args else "PONG"


@command("ECHO", 2)
def echo(session: Session, args: list[bytes]) -> bytes:
    return args[0]


@command("DEL", -2)
def delete_keys(session: Session, args: list[bytes]) -> int:
    return sum(session.db.delete(key) for key in args)


@command("EXISTS", -2)
def count_existing(session: Session, args: list[bytes]) -> int:
    return sum(session.db.get(key) is not None for key in args)


@command("EXPIRE", 3)
def set_expiry(session: Session, args: list[bytes]) -> int:
    key, seconds = args[0], integer(args[1])
    if session.db.get(key) is None:
        return 0
    if seconds <= 0:
        session.db.delete(key)
    else:
        session.db.deadlines[key] = time.monotonic() + seconds
    return 1


@command("TTL", 2)
def time_to_live(session: Session, args: list[bytes]) -> int:
    if session.db.get(args[0]) is None:
        return -2
    if args[0] not in session.db.deadlines:
        return -1
    return round(session.db.deadlines[args[0]] - time.monotonic())


@command("KEYS", 2)
def matching_keys(session: Session, args: list[bytes]) -> list[bytes]:
    return [
        key
        for key in session.db.live_keys()
        if fnmatch.fnmatchcase(key, args[0])
    ]


@command("FLUSHDB", -1)
def flush(session: Session, args: list[bytes]) -> str:
    session.db.values.clear()
    session.db.deadlines.clear()
    return "OK"


@command("SELECT", 2)
def select_database(session: Session, args: list[bytes]) -> str:
    if args[0] != b"0":
        raise CommandError("ERR DB index is out of range")
    return "OK"


@command("QUIT", -1)
def quit_connection(session: Session, args: list[bytes]) -> str:
    session.closing = True
    return "OK"


@command("HELLO", -1)
def hello(session: Session, args: list[bytes]) -> dict:
    """redis-py 8 opens with HELLO 3: from then on, this connection is RESP3."""
    if args[:1] not in ([], [b"2"], [b"3"]):
        raise CommandError("NOPROTO unsupported protocol version")
    if len(args) > 1:
        raise CommandError("ERR HELLO takes no AUTH or SETNAME here")
    session.resp3 = args == [b"3"] or (session.resp3 and not args)
    return {
        b"server": b"mini-redis",
        b"version": b"7.0.0",
        b"proto": 3 if session.resp3 else 2,
        b"id": session.id,
        b"mode": b"standalone",
        b"role": b"master",
        b"modules": [],
    }


@command("CLIENT", -2)
def client(session: Session, args: list[bytes]) -> str | int:
    match args[0].upper():
        case b"ID":
            return session.id
        case b"SETNAME" | b"SETINFO":
            # Accepted and forgotten: nothing here reports names back.
            return "OK"
    raise CommandError(
        f"ERR unknown subcommand '{args[0][:20].decode(errors='replace')}'"
    )


@command("COMMAND", -1)
def command_docs(session: Session, args: list[bytes]) -> int | list | dict:
    # redis-cli asks for COMMAND DOCS to show hints; {} means "no hints".
    match [arg.upper() for arg in args[:1]]:
        case [b"COUNT"]:
            return len(COMMANDS)
        case [b"DOCS"]:
            return {}
    return []


SETTINGS = {b"save": b"", b"appendonly": b"no", b"databases": b"1"}


@command("CONFIG", -2)
def config(session: Session, args: list[bytes]) -> dict:
    # redis-benchmark reads "save" and "appendonly" before it starts.
    if args[0].upper() != b"GET" or len(args) != 2:
        raise CommandError("ERR only CONFIG GET <pattern> is supported")
    pattern = args[1].lower()
    return {
        name: value
        for name, value in SETTINGS.items()
        if fnmatch.fnmatchcase(name, pattern)
    }


@command("INFO", -1)
def info(session: Session, args: list[bytes]) -> bytes:
    keys = session.db.live_keys()
    expiring = sum(key in session.db.deadlines for key in keys)
    return (
        b"# Server\r\nredis_version:7.0.0\r\nredis_mode:standalone\r\n"
        b"# Clients\r\nconnected_clients:%d\r\n"
        b"# Keyspace\r\ndb0:keys=%d,expires=%d\r\n"
        % (len(session.db.clients), len(keys), expiring)
    )


# --8<-- [start:client]
class ReplyError(str):
    """An error reply, told apart from a simple string."""


def encode_command(line: str) -> bytes:
    """'SET greeting hello' as the RESP array of bulk strings a client sends."""
    args = [arg.encode() for arg in line.split()]
    return b"*%d\r\n" % len(args) + b"".join(
        b"$%d\r\n%b\r\n" % (len(a), a) for a in args
    )


async def read_reply(reader: asyncio.StreamReader) -> object:
    """One RESP2 reply: +simple, -error, :integer, $bulk ($-1: nil), *array."""
    line = await reader.readuntil(b"\r\n")
    kind, rest = line[:1], line[1:-2]
    match kind:
        case b"+":
            return rest.decode()
        case b"-":
            return ReplyError(rest.decode())
        case b":":
            return int(rest)
        case b"$":
            return (
                None
                if rest == b"-1"
                else (await reader.readexactly(int(rest) + 2))[:-2]
            )
        case b"*":
            return [await read_reply(reader) for _ in range(int(rest))]
    raise ValueError(f"not a RESP reply: {line!r}")


# --8<-- [end:client]


def shown(reply: object) -> str:
    """A reply the way redis-cli prints it."""
    match reply:
        case None:
            return "(nil)"
        case int():
            return f"(integer) {reply}"
        case bytes():
            return f'"{reply.decode()}"'
        case ReplyError():
            return f"(error) {reply}"
        case list():
            return "\n".join(
                f"{n}) {shown(item)}" for n, item in enumerate(reply, 1)
            )
    return str(reply)


# --8<-- [start:demo]
async def main() -> None:
    async with await open_server() as server:
        host, port = server.sockets[0].getsockname()[:2]
        reader, writer = await asyncio.open_connection(host, port)
        wire = encode_command("GET greeting")
        print(f"connected to {host}:{port}; on the wire: {wire!r}")

        async def pipeline(*lines: str) -> None:
            """Write every command, then read the replies, in order."""
            writer.write(b"".join(map(encode_command, lines)))
            for line in lines:
                print(f"> {line}\n{shown(await read_reply(reader))}")

        await pipeline(
            "PING", "SET greeting hello", "GET greeting", "GET nobody"
        )
        await pipeline("INCR visits", "INCR visits", "INCR greeting")
        await pipeline(
            "SET flash hi PX 100", "SET token abc EX 60", "TTL token"
        )
        await asyncio.sleep(0.2)  # twice the flash's lifetime
        await pipeline("GET flash", "KEYS *", "FROBNICATE now", "GET")
        await pipeline("QUIT")
        print(f"server closed the connection: {await reader.read() == b''}")
        writer.close()
        await writer.wait_closed()


# --8<-- [end:demo]


async def serve(opener: Callable, host: str, port: int) -> None:
    """Serve until SIGINT or SIGTERM, then shut down gracefully."""
    db = Database()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(signum, stop.set)
    async with await opener(host, port, db) as server:
        print(
            f"mini Redis on {host}:{port}, "
            f"loop from {type(asyncio.get_running_loop()).__module__}"
        )
        await stop.wait()
        await shut_down(server, db)
    print("stopped")


# --8<-- [start:shutdown]
async def shut_down(server: asyncio.Server, db: Database) -> None:
    """Take no one new; let clients read what they are owed; then hang up."""
    server.close()
    hang_up(server, db, abort=False)  # each connection flushes, then closes
    if not await all_closed(db, GRACE):
        hang_up(server, db, abort=True)  # a client not reading loses the rest
        await all_closed(db, GRACE)  # its task ends at the next turn


def hang_up(server: asyncio.Server, db: Database, abort: bool) -> None:
    """Close every connection: close() sends what is buffered, abort() not."""
    if sys.version_info >= (3, 13):  # a server knows its connections
        (server.abort_clients if abort else server.close_clients)()
        return
    for transport in list(db.clients):
        (transport.abort if abort else transport.close)()


async def all_closed(db: Database, timeout: float) -> bool:
    try:
        await asyncio.wait_for(db.idle.wait(), timeout)
    except TimeoutError:
        return False
    return True


# --8<-- [end:shutdown]


def command_line() -> argparse.Namespace:
    return server_options(__doc__.splitlines()[0]).parse_args()


def server_options(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--port", type=int, help="serve on this port until stopped"
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on"
    )
    parser.add_argument(
        "--uvloop", action="store_true", help="run on uvloop's event loop"
    )
    return parser


def run_server(opener: Callable, options: argparse.Namespace) -> None:
    if options.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"warning: listening on {options.host}, "
            "reachable from other machines"
        )
    if options.uvloop:
        import uvloop  # the optional dependency group "uvloop"

        uvloop.run(serve(opener, options.host, options.port))
    else:
        asyncio.run(serve(opener, options.host, options.port))


if __name__ == "__main__":
    options = command_line()
    if options.port is None:
        asyncio.run(main())
    else:
        run_server(open_server, options)
