"""The mini Redis as an asyncio.Protocol: whole buffers in, one write out.

python examples/streams/resp_protocol.py              # a pipelined burst
python examples/streams/resp_protocol.py --port 6381  # serve until stopped
"""

# /// script
# [tool.survey]
# no-browser = "it serves TCP on 127.0.0.1, and Python in a browser has no sockets"
# ///

import asyncio

from mini_redis import (
    MAX_ARGS,
    MAX_BYTES,
    MAX_LINE,
    CommandError,
    Database,
    ProtocolError,
    Session,
    command_line,
    encode,
    encode_command,
    execute,
    length,
    read_reply,
    run_server,
)

HEADER = len(b"$%d\r\n" % MAX_BYTES)  # the longest bulk string header we accept
ASTERISK, DOLLAR = (
    b"*$"  # indexing bytes gives ints; comparing ints is the cheapest test
)


# --8<-- [start:parser]
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


# --8<-- [end:parser]


# --8<-- [start:protocol]
class RedisProtocol(asyncio.Protocol):
    """No task per connection: the loop calls these methods as bytes arrive."""

    def __init__(self, db: Database) -> None:
        self.db, self.pending = db, b""

    def connection_made(self, transport: asyncio.Transport) -> None:
        self.transport, self.session = transport, Session(self.db)
        self.db.clients.add(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        self.db.clients.discard(self.transport)

    def data_received(self, data: bytes) -> None:
        buffer, start, replies = self.pending + data, 0, []
        try:
            while found := parse_command(buffer, start):
                args, start = found
                if args:
                    reply = execute(self.session, args)
                    replies.append(encode(reply, self.session.resp3))
                if self.session.closing:
                    break
        except ProtocolError as error:
            error_reply = CommandError(f"ERR Protocol error: {error}")
            replies.append(encode(error_reply, self.session.resp3))
            self.session.closing = True
        self.pending = buffer[start:]
        self.transport.write(b"".join(replies))  # one write, whole pipeline
        if self.session.closing:
            self.transport.close()

    # --8<-- [end:protocol]
    # Backpressure: stop reading while the client is not reading our replies.
    def pause_writing(self) -> None:
        self.transport.pause_reading()

    def resume_writing(self) -> None:
        self.transport.resume_reading()


async def open_server(
    host: str = "127.0.0.1", port: int = 0, db: Database | None = None
) -> asyncio.Server:
    db = db or Database()
    loop = asyncio.get_running_loop()
    return await loop.create_server(lambda: RedisProtocol(db), host, port)


# --8<-- [start:demo]
async def main() -> None:
    async with await open_server() as server:
        address = server.sockets[0].getsockname()[:2]
        reader, writer = await asyncio.open_connection(*address)
        writer.write(
            encode_command("INCR hits") * 300
        )  # 300 commands in one write
        replies = [await read_reply(reader) for _ in range(300)]
        print(
            "300 pipelined INCRs answered in order: "
            f"{replies == list(range(1, 301))}"
        )

        rude_reader, rude_writer = await asyncio.open_connection(*address)
        rude_writer.write(b"*1\r\n$banana\r\n")
        print(f"malformed frame: {await read_reply(rude_reader)}")
        print(
            "  ...then that connection closed: "
            f"{await rude_reader.read() == b''}"
        )
        rude_writer.close()

        writer.write(encode_command("GET hits"))
        print(
            "the first client carries on: GET hits -> "
            f"{await read_reply(reader)!r}"
        )
        writer.close()
        await asyncio.gather(writer.wait_closed(), rude_writer.wait_closed())


# --8<-- [end:demo]


if __name__ == "__main__":
    options = command_line()
    if options.port is None:
        asyncio.run(main())
    else:
        run_server(open_server, options)
