"""uvicorn's HTTP protocol with one socket write per response, and a watch on every connection's deadlines.

One write: uvicorn writes a response's headers as soon as the app starts the response and the body when it sends
it: two write syscalls (and two TCP segments) for every small answer, which the profile of a tool call put at ~17% of
the server's CPU. GatheringTransport gathers what is written during one pass of the event loop and writes it once at
the end of that pass (loop.call_soon). Nothing waits longer than the current pass, so a streamed (SSE) response still
goes out event by event. Measured: +15-20% calls/s for the point lookup at 8 clients.

Deadlines: uvicorn times only the idle wait between two requests. A connection that never sends a request, sends
half its headers or a body that never comes, or never reads its answer, was held for as long as its client liked:
20,000 of them exhausted the file descriptors, and 60 unread 20 MB answers took 1.3 GB. ConnectionWatch looks at every
connection twice a second (one timer per server, not one per request: a timer per request cost ~3% of a call).
"""

from __future__ import annotations

import asyncio
import fcntl
import sys
import termios

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from shim.edge import error_body

SWEEP_S = 0.5
MAX_HEAD_BYTES = 32 * 1024  # a request's line and headers (uvicorn's httptools protocol has no bound)
MAX_PIPELINED = 8  # requests a client may queue on a connection behind the one being answered
STATUS_TEXT = {400: "Bad Request", 408: "Request Timeout", 431: "Request Header Fields Too Large"}
CONNECTION = "shim.connection"  # the scope key of the request's connection: an app may set its on_hangup


class GatheringTransport:
    """A transport whose writes within one event-loop pass reach the socket as one write, and which counts the bytes
    it handed on (how ConnectionWatch tells a slow reader from one that reads nothing); everything else is the
    wrapped transport's own."""

    __slots__ = ("_loop", "_pending", "_transport", "handed_on")

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop):
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []
        self.handed_on = 0

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
            self.handed_on += len(data)

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

    def taken(self) -> int:
        """Bytes the client has acknowledged so far: handed to the socket, less what its kernel queue still holds.
        The kernel wakes a writer only once a third of its buffer is free, so the bytes handed on alone stood still
        for a client reading 100 KB/s, which was then dropped as not reading."""
        handed = self.handed_on - self._transport.get_write_buffer_size()
        try:
            queued = fcntl.ioctl(self._transport.get_extra_info("socket").fileno(), termios.TIOCOUTQ, bytes(4))
        except (AttributeError, OSError):
            return handed
        return handed - int.from_bytes(queued, sys.byteorder)

    def __getattr__(self, name: str):
        return getattr(self._transport, name)


class GatheringHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, writing through a GatheringTransport (pass as uvicorn.Config(http=...)), and
    noting when the request now arriving began: at the connection's opening or at its first byte."""

    arriving_since: float | None = None  # None: no request is arriving (one came whole, or between two requests)
    reading_head, head_bytes = True, 0  # whether a request's line and headers are arriving, and how many bytes so far
    heads_read = body_seen = 0  # requests whose line and headers were read whole; body bytes read
    sent_seen = 0  # bytes the client had taken at the last look (ConnectionWatch)
    unread_since: float | None = None  # since when the client has taken none of what waits for it
    on_hangup = None  # set by the app while it answers a request: called if the client goes first

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(GatheringTransport(transport, asyncio.get_running_loop()))  # type: ignore[arg-type]
        self.arriving_since = self.loop.time()

    def connection_lost(self, exc: Exception | None) -> None:
        super().connection_lost(exc)
        if self.on_hangup is not None:
            self.on_hangup()

    def data_received(self, data: bytes) -> None:
        # Bytes while no request is open start the clock even if they begin none: uvicorn's keep-alive timer stops at
        # any byte, and the parser takes a lone CRLF between requests in silence (3,000 connections held that way).
        if self.arriving_since is None and (self.cycle is None or self.cycle.response_complete):
            self.arriving_since = self.loop.time()
        was_reading_head, heads, body_seen = self.reading_head, self.heads_read, self.body_seen
        super().data_received(data)
        # What is not body counts, once fed, in a piece wholly within one request's head or wholly after it (a piece
        # may end a head or a body): a head, or a chunked body's framing and trailers, which llhttp hands over as
        # more headers (trailer lines took 5.8 GB, one endless trailer value held the loop for 9.6 s).
        same_part = was_reading_head == self.reading_head and self.heads_read == heads
        if same_part and not self.transport.is_closing():
            self.head_bytes += len(data) - (self.body_seen - body_seen)
            if self.head_bytes > MAX_HEAD_BYTES:  # 5.6 GB of header lines from one connection, and quadratic joins
                what = "headers" if self.reading_head else "chunk framing and trailers"
                self.refuse(431, f"the request's {what} are over {MAX_HEAD_BYTES // 1024} KB")

    def on_body(self, body: bytes) -> None:
        self.body_seen += len(body)
        super().on_body(body)

    def on_headers_complete(self) -> None:
        if len(self.pipeline) >= MAX_PIPELINED:
            # One connection's pipelined requests were queued without a bound: 738,000 of them took 1.8 GB. Refused,
            # and raised here so that the parser stops at once (uvicorn's own 400 then finds the connection closed).
            message = f"more than {MAX_PIPELINED} requests queued on one connection"
            self.refuse(400, message)
            raise ConnectionAbortedError(message)
        self.reading_head, self.head_bytes, self.heads_read = False, 0, self.heads_read + 1
        super().on_headers_complete()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.scope[CONNECTION] = self  # type: ignore[literal-required]
        if self.arriving_since is None:  # a request opened with the connection keeps the connection's start
            self.arriving_since = self.loop.time()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self.arriving_since, self.reading_head = None, True

    def refuse(self, status: int, message: str) -> None:
        """An error status when no answer has begun (a JSON-RPC error, as every refusal of this server), then close."""
        if self.cycle is None or self.cycle.response_complete or not self.cycle.response_started:
            body = error_body(None, -32600, message)
            head = f"HTTP/1.1 {status} {STATUS_TEXT[status]}\r\ncontent-type: application/json\r\n"
            self.transport.write(f"{head}content-length: {len(body)}\r\nconnection: close\r\n\r\n".encode() + body)
        self.transport.close()


class ConnectionWatch:
    """Drops the connections that hold the server without using it: a request not whole within
    --request-read-timeout-s of its first byte (or of the connection's opening), and an answer whose client took none
    of it for --send-timeout-s. When the answers waiting to be read pass --max-unsent-mb in all, the largest of those
    nobody is reading are dropped first, before their deadline, then the largest of those read slowly. `dropped`
    counts each by reason; `unsent` is the bytes left waiting after each look."""

    def __init__(self, connections: set, settings, dropped, unsent):
        self.connections, self.dropped, self.unsent = connections, dropped, unsent  # a labelled counter, a gauge
        self.read_timeout_s, self.send_timeout_s = settings.request_read_timeout_s, settings.send_timeout_s
        self.max_unsent_bytes = int(settings.max_unsent_mb * 1024 * 1024)

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(SWEEP_S)
            self.sweep(loop.time())

    def sweep(self, now: float) -> None:
        waiting, unsent_total = [], 0  # (unread?, bytes waiting, connection) of every answer not yet taken whole
        for connection in list(self.connections):
            if not isinstance(connection, GatheringHttpToolsProtocol):
                continue
            # A closing transport is still looked at: uvicorn closes a kept-alive connection after 5 s idle, and one
            # asked to close, while what it holds is still waiting to be sent (60 unread answers held that way).
            began, closing = connection.arriving_since, connection.transport.is_closing()
            if began is not None and now - began > self.read_timeout_s and not closing:
                connection.refuse(408, f"the request did not arrive within {self.read_timeout_s:g} s")
                self.dropped.labels("late_request").inc()
                continue
            unsent = connection.transport.get_write_buffer_size()
            sent = connection.transport.taken() if unsent else connection.sent_seen
            if unsent == 0 or sent > connection.sent_seen:
                connection.unread_since = None
            elif connection.unread_since is None:
                connection.unread_since = now
            connection.sent_seen = sent
            unread = connection.unread_since is not None
            if unread and now - connection.unread_since > self.send_timeout_s:
                self._drop(connection, "unread_response")
            elif unsent:
                unsent_total += unsent
                waiting.append((unread, unsent, connection))
        # Over the budget: the largest unread answers first, then the largest of those read slowly (a client taking
        # a little now and then would otherwise hold its share for as long as it liked).
        waiting.sort(key=lambda entry: entry[:2], reverse=True)
        for _, unsent, connection in waiting:
            if unsent_total <= self.max_unsent_bytes:
                break
            self._drop(connection, "unsent_budget")
            unsent_total -= unsent
        self.unsent.set(unsent_total)

    def _drop(self, connection: GatheringHttpToolsProtocol, reason: str) -> None:
        connection.transport.abort()  # what waits unsent is thrown away at once, unlike close()
        self.dropped.labels(reason).inc()
