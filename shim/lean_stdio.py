"""A lean path for tools/call over stdio, beside the SDK's stdio server.

The SDK reads stdin through a worker thread one line at a time and validates every message into pydantic models,
then writes each answer through another thread hop. Here stdin and stdout are event-loop pipes: each line is read
once; a plain tools/call for a known tool, on a session the SDK has already served a tools request on (so it is
initialized), is answered directly; every other line goes to the SDK unchanged, through the SDK's own
stdio_server() fed with those lines. Both write whole lines to the same pipe writer, so answers never interleave.

Pipes (what MCP clients use) are read and written on the event loop; a regular file or a terminal through a worker
thread, through the same edge reader. When stdin closes, every request read before is answered (by this path or
the SDK's, within `shutdown_grace_s`) before the server exits.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import stat
from collections.abc import Awaitable, Callable
from typing import Any

from shim.edge import BadMessage, InFlight, read_message, request_id_of, wants_fresh
from shim.lean_http import PROTOCOL_VERSION_META, result_message, tool_call_request

READ_CHUNK = 2**16


def stdio_is_pipes() -> bool:
    modes = [os.fstat(fd).st_mode for fd in (0, 1)]
    return all(stat.S_ISFIFO(m) or stat.S_ISSOCK(m) for m in modes)


async def _lines(queue: asyncio.Queue):
    """The SDK's stdin: the lines this module passes on, until None."""
    while (line := await queue.get()) is not None:
        yield line


async def drained(writer) -> None:
    """What was written is taken by the pipe; a client that closed its end has nobody left to answer."""
    with contextlib.suppress(ConnectionError):
        await writer.drain()


class _Output:
    """The SDK's stdout: whole lines onto the shared writer; each answer it writes settles its request."""

    def __init__(self, writer: asyncio.StreamWriter, answered: Callable[[Any], None]):
        self.writer = writer
        self.answered = answered

    async def write(self, text: str) -> None:
        self.writer.write(text.encode())
        with contextlib.suppress(ValueError, AttributeError):
            message = json.loads(text)
            if "id" in message and "method" not in message:
                self.answered(message["id"])

    async def flush(self) -> None:
        await drained(self.writer)


class _ThreadReader:
    """stdin that is not a pipe (a file, a terminal): read in a worker thread."""

    def __init__(self, fd: int):
        self.fd = fd

    async def read(self, size: int) -> bytes:
        return await asyncio.to_thread(os.read, self.fd, size)


class _ThreadWriter:
    """stdout that is not a pipe: buffered on the loop, written in a worker thread on drain."""

    def __init__(self, fd: int):
        self.fd = fd
        self.pending = bytearray()
        self.lock = asyncio.Lock()

    def write(self, data: bytes) -> None:
        self.pending += data

    async def drain(self) -> None:
        async with self.lock:
            while self.pending:
                data, self.pending = bytes(self.pending), bytearray()
                view = memoryview(data)
                while view:
                    view = view[await asyncio.to_thread(os.write, self.fd, view) :]


@contextlib.contextmanager
def claimed_stdio():
    """Private duplicates of fd 0 and 1 to serve on (the caller's pipes own and close them); meanwhile fd 0 reads
    /dev/null and fd 1 writes to stderr, so stray output of anything in the process cannot corrupt the protocol
    stream. Both are restored on exit."""
    saved = os.dup(0), os.dup(1)
    serving = os.dup(0), os.dup(1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    try:
        yield serving
    finally:
        for fd, original in zip((0, 1), saved, strict=True):
            os.dup2(original, fd)
            os.close(original)


class LeanStdio:
    def __init__(self, shim, fast: bool = True):
        settings, self.registry, self.handlers, self.call = shim.settings, shim.registry, shim.handlers, shim.call
        self.identity, self.limits, self.on_served = settings.identity, settings.limits, shim.metrics.lean_calls.inc
        self.fast = fast  # False: every valid line goes to the SDK (the edge reader still guards it)
        self.in_flight = InFlight()
        # After stdin closes, how long requests may take to be answered.
        self.shutdown_grace_s = settings.statement_timeout_ms / 1000 + 5
        self.sdk_pending: set[str] = set()  # ids of requests passed to the SDK and not answered yet
        self.sdk_settled = asyncio.Event()

    async def serve(self, run_sdk: Callable[[Any, Any], Awaitable[None]]) -> None:
        """Serve until stdin closes. run_sdk(stdin, stdout) runs the SDK's stdio server on the given streams."""
        from mcp.server.stdio import stdio_server

        loop = asyncio.get_running_loop()
        pipes = stdio_is_pipes()
        with claimed_stdio() as (stdin_fd, stdout_fd):
            transport = None
            if pipes:
                reader = asyncio.StreamReader()
                read_pipe = os.fdopen(stdin_fd, "rb", buffering=0)
                write_pipe = os.fdopen(stdout_fd, "wb", buffering=0)
                await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), read_pipe)
                transport, protocol = await loop.connect_write_pipe(
                    lambda: asyncio.streams.FlowControlMixin(loop), write_pipe
                )
                self.writer = asyncio.StreamWriter(transport, protocol, None, loop)
            else:
                reader, self.writer = _ThreadReader(stdin_fd), _ThreadWriter(stdout_fd)
            lines: asyncio.Queue[str | None] = asyncio.Queue()
            async with stdio_server(stdin=_lines(lines), stdout=_Output(self.writer, self._sdk_answered)) as streams:
                sdk = asyncio.ensure_future(run_sdk(*streams))
                try:
                    await self._pump(reader, lines)
                    await sdk
                finally:
                    sdk.cancel()
                    with contextlib.suppress(BaseException):
                        await sdk
            await drained(self.writer)
            if transport is not None:
                transport.close()

    async def _pump(self, reader: asyncio.StreamReader, lines: asyncio.Queue) -> None:
        """Split stdin into lines of at most the edge's size limit; each goes through the edge reader, then here
        or to the SDK. A bad line gets a JSON-RPC error answer and the server keeps serving."""
        buffer, scanned, skipping = bytearray(), 0, False
        while chunk := await reader.read(READ_CHUNK):
            buffer += chunk
            while (end := buffer.find(b"\n", scanned)) >= 0:
                line = bytes(buffer[:end])
                del buffer[: end + 1]
                scanned = 0
                if skipping:  # the tail of a line already answered as too long
                    skipping = False
                elif line.strip():
                    await self._line(line, lines)
            scanned = len(buffer)
            if len(buffer) > self.limits.max_bytes:
                self._refuse(BadMessage(-32600, f"message is over the {self.limits.max_bytes}-byte limit"), None)
                buffer.clear()
                scanned, skipping = 0, True
        if buffer.strip() and not skipping:
            await self._line(bytes(buffer), lines)
        # Answer what was asked before stdin closed: the SDK would cancel its requests on end of input.
        if self.in_flight.tasks:
            await asyncio.gather(*self.in_flight.tasks.values(), return_exceptions=True)
        if self.sdk_pending:
            self.sdk_settled.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.sdk_settled.wait(), self.shutdown_grace_s)
        await lines.put(None)

    def _sdk_answered(self, request_id: Any) -> None:
        self.sdk_pending.discard(json.dumps(request_id))
        if not self.sdk_pending:
            self.sdk_settled.set()

    async def _line(self, raw: bytes, lines: asyncio.Queue) -> None:
        try:
            message = read_message(raw, self.limits)
        except BadMessage as exc:
            self._refuse(exc, None)
            return
        if not self._take(message):
            if "id" in message and "method" in message:
                self.sdk_pending.add(json.dumps(message["id"]))
            await lines.put(raw.decode("utf-8") + "\n")

    def _refuse(self, error: BadMessage, message: Any) -> None:
        self.writer.write(error.body(request_id_of(message)) + b"\n")

    def _take(self, message: dict) -> bool:
        """Start answering the message here when it is a tools/call this path may answer; False leaves it to the
        SDK."""
        if message.get("method") == "notifications/cancelled":
            self.in_flight.cancel_from(None, message)  # over stdio a cancelled request gets no answer (as the SDK)
            params = message.get("params")
            if isinstance(params, dict):
                self._sdk_answered(params.get("requestId"))
            return False
        if not self.fast or message.get("method") != "tools/call" or not self.handlers.stdio_served:
            return False
        request = tool_call_request(message, self.registry.tools)
        if request is None or PROTOCOL_VERSION_META in request[3]:
            return False
        task = asyncio.ensure_future(self._answer(*request))
        key = (None, request[0])
        if not self.in_flight.add(key, task):
            task.cancel()
            return False
        task.add_done_callback(lambda done: self.in_flight.done(key, done))
        return True

    async def _answer(self, request_id, tool, arguments: dict, meta: dict) -> None:
        result = await self.call(tool, arguments, self.identity, str(request_id), wants_fresh(meta), "lean")
        self.on_served()
        self.writer.write((result_message(request_id, result) + "\n").encode())
        await drained(self.writer)
