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
    Database,
    Session,
    answer,
    command_line,
    encode_command,
    read_reply,
    run_server,
)


# --8<-- [start:protocol]
class RedisProtocol(asyncio.Protocol):
    """No task per connection: the loop calls these methods as bytes arrive."""

    def __init__(self, db: Database) -> None:
        self.db, self.pending = db, b""

    def connection_made(self, transport: asyncio.Transport) -> None:
        self.transport, self.session = transport, Session(self.db)
        self.db.connected(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        self.db.disconnected(self.transport)

    def data_received(self, data: bytes) -> None:
        replies, self.pending = answer(self.session, self.pending + data)
        self.transport.write(replies)  # one write, whole pipeline
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
