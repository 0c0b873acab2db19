"""A lean path for tools/call over stdio, beside the SDK's stdio server.

The SDK reads stdin through a worker thread one line at a time and validates every message into pydantic models,
then writes each answer through another thread hop. Here stdin and stdout are event-loop pipes: each line is read
once; a plain tools/call for a known tool, on a session the SDK has already served a tools request on (so it is
initialized), is answered directly; every other line goes to the SDK unchanged, through the SDK's own
stdio_server() fed with those lines. Both write whole lines to the same pipe writer, so answers never interleave.

Only pipes (what MCP clients use) take this path; with a regular file or a terminal the server uses the SDK's.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import stat
from collections.abc import Awaitable, Callable
from typing import Any

from shim.lean_http import PROTOCOL_VERSION_META, result_message, tool_call_request

MAX_LINE = 64 * 2**20


def stdio_is_pipes() -> bool:
    modes = [os.fstat(fd).st_mode for fd in (0, 1)]
    return all(stat.S_ISFIFO(m) or stat.S_ISSOCK(m) for m in modes)


class _Lines:
    """The SDK's stdin: an async iterator over the lines this module passes on."""

    def __init__(self):
        self.queue: asyncio.Queue[str | None] = asyncio.Queue()

    def __aiter__(self):
        return self

    async def __anext__(self) -> str:
        line = await self.queue.get()
        if line is None:
            raise StopAsyncIteration
        return line


class _Output:
    """The SDK's stdout: whole lines onto the shared pipe writer."""

    def __init__(self, writer: asyncio.StreamWriter):
        self.writer = writer

    async def write(self, text: str) -> None:
        self.writer.write(text.encode())

    async def flush(self) -> None:
        await self.writer.drain()


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
    def __init__(
        self,
        *,
        tools: Callable[[], dict],
        call: Callable[..., Awaitable[Any]],
        identity: Callable[[], str | None],
        ready: Callable[[], bool],
        on_served: Callable[[], None] = lambda: None,
    ):
        self.tools = tools
        self.call = call
        self.identity = identity
        self.ready = ready  # True once the SDK has served a tools request on this (only) session
        self.on_served = on_served
        self.in_flight: dict[Any, asyncio.Task] = {}

    async def serve(self, run_sdk: Callable[[Any, Any], Awaitable[None]]) -> None:
        """Serve until stdin closes. run_sdk(stdin, stdout) runs the SDK's stdio server on the given streams."""
        from mcp.server.stdio import stdio_server

        loop = asyncio.get_running_loop()
        with claimed_stdio() as (stdin_fd, stdout_fd):
            reader = asyncio.StreamReader(limit=MAX_LINE)
            read_pipe = os.fdopen(stdin_fd, "rb", buffering=0)
            write_pipe = os.fdopen(stdout_fd, "wb", buffering=0)
            await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), read_pipe)
            transport, protocol = await loop.connect_write_pipe(
                lambda: asyncio.streams.FlowControlMixin(loop), write_pipe
            )
            self.writer = asyncio.StreamWriter(transport, protocol, None, loop)
            lines = _Lines()
            async with stdio_server(stdin=lines, stdout=_Output(self.writer)) as streams:
                sdk = asyncio.ensure_future(run_sdk(*streams))
                try:
                    await self._pump(reader, lines)
                    await sdk
                finally:
                    sdk.cancel()
                    with contextlib.suppress(BaseException):
                        await sdk
            await self.writer.drain()
            transport.close()

    async def _pump(self, reader: asyncio.StreamReader, lines: _Lines) -> None:
        while True:
            try:
                raw = await reader.readline()
            except ValueError:  # a line over MAX_LINE: drop what was read, like any unparseable line
                continue
            if not raw:
                break
            line = raw.decode("utf-8", errors="replace")
            if not self._take(line):
                await lines.queue.put(line)
        if self.in_flight:  # answer what was asked before stdin closed
            await asyncio.gather(*self.in_flight.values(), return_exceptions=True)
        await lines.queue.put(None)

    def _take(self, line: str) -> bool:
        """Start answering the line here when it is a tools/call this path may answer; False leaves it to the SDK."""
        if '"notifications/cancelled"' in line:
            self._cancel(line)
            return False
        if '"tools/call"' not in line or not self.ready():
            return False
        try:
            message = json.loads(line)
        except ValueError:
            return False
        request = tool_call_request(message, self.tools())
        if request is None or PROTOCOL_VERSION_META in request[3] or request[0] in self.in_flight:
            return False
        task = asyncio.ensure_future(self._answer(*request))
        self.in_flight[request[0]] = task
        task.add_done_callback(lambda _, request_id=request[0]: self.in_flight.pop(request_id, None))
        return True

    async def _answer(self, request_id, tool, arguments: dict, meta: dict) -> None:
        fresh = bool(meta.get("fresh"))
        result = await self.call(tool, arguments, self.identity(), str(request_id), fresh, path="lean")
        self.on_served()
        self.writer.write((result_message(request_id, result) + "\n").encode())
        await self.writer.drain()

    def _cancel(self, line: str) -> None:
        try:
            params = json.loads(line).get("params") or {}
            task = self.in_flight.get(params.get("requestId"))
        except (ValueError, AttributeError, TypeError):
            return
        if task is not None:
            task.cancel()  # over stdio a cancelled request gets no answer (as with the SDK)
