"""shim/http_protocol.py: what is written in one pass of the event loop reaches the socket as one write, and nothing
waits longer than that pass (the server end to end: tests/shim/test_http.py)."""

import asyncio
import collections
import contextlib
import socket
import time
import types

from shim.http_protocol import ConnectionWatch, GatheringHttpToolsProtocol, GatheringTransport


class RecordingTransport:
    def __init__(self):
        self.writes: list[bytes] = []
        self.closed = self.aborted = False
        self.extra = {"peername": ("127.0.0.1", 5)}

    def write(self, data):
        assert not self.closed, "written after close"
        self.writes.append(data)

    def is_closing(self):
        return self.closed or self.aborted

    def close(self):
        self.closed = True

    def abort(self):
        self.aborted = True

    def get_write_buffer_size(self):
        return 0

    def get_extra_info(self, name, default=None):
        return self.extra.get(name, default)


async def test_writes_of_one_pass_go_out_as_one():
    inner = RecordingTransport()
    gathering = GatheringTransport(inner, asyncio.get_running_loop())
    gathering.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
    gathering.write(memoryview(b"{}"))
    assert inner.writes == []
    assert gathering.get_write_buffer_size() == 40
    await asyncio.sleep(0)
    assert inner.writes == [b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"]


async def test_later_passes_are_written_apart_and_nothing_waits():
    inner = RecordingTransport()
    gathering = GatheringTransport(inner, asyncio.get_running_loop())
    for event in (b"data: 1\n\n", b"data: 2\n\n"):  # a stream: each event in its own pass
        gathering.write(event)
        await asyncio.sleep(0)
        assert inner.writes[-1] == event
    gathering.write(b"")
    await asyncio.sleep(0)
    assert len(inner.writes) == 2


async def test_close_sends_what_is_pending_first_and_abort_drops_it():
    inner = RecordingTransport()
    gathering = GatheringTransport(inner, asyncio.get_running_loop())
    gathering.writelines([b"head", b"body"])
    gathering.close()
    assert inner.writes == [b"headbody"] and inner.closed
    await asyncio.sleep(0)  # the scheduled flush finds nothing left
    assert inner.writes == [b"headbody"]

    inner = RecordingTransport()
    gathering = GatheringTransport(inner, asyncio.get_running_loop())
    gathering.write(b"lost")
    gathering.abort()
    await asyncio.sleep(0)
    assert inner.writes == [] and inner.aborted


async def test_a_connection_gone_before_the_flush_is_not_written_to():
    inner = RecordingTransport()
    gathering = GatheringTransport(inner, asyncio.get_running_loop())
    gathering.write(b"late")
    inner.closed = True  # the peer went away within the pass
    await asyncio.sleep(0)
    assert inner.writes == []
    assert gathering.get_extra_info("peername") == ("127.0.0.1", 5)  # everything else is the transport's own


class Waiting:
    """A connection's transport as ConnectionWatch sees it: bytes waiting in the server, bytes the socket took."""

    def __init__(self, unsent: int, taken: int = 0):
        self.unsent, self.took, self.aborted, self.closed = unsent, taken, False, False

    def get_write_buffer_size(self):
        return self.unsent

    def taken(self):
        return self.took

    def is_closing(self):
        return self.aborted or self.closed

    def abort(self):
        self.aborted = True

    def close(self):
        self.closed = True

    def write(self, data):
        self.written = data


class Count:
    def __init__(self):
        self.counts = collections.Counter()
        self.value = None

    def labels(self, reason):
        return types.SimpleNamespace(inc=lambda: self.counts.update([reason]))

    def set(self, value):
        self.value = value


MB = 1024 * 1024


def watched(**transports) -> dict:
    connections = {}
    for name, transport in transports.items():
        connection = object.__new__(GatheringHttpToolsProtocol)  # only what the watch reads
        connection.transport, connection.cycle = transport, None
        connections[name] = connection
    return connections


def watch(connections: dict, max_unsent_mb: float = 8, send_timeout_s: float = 30):
    settings = types.SimpleNamespace(
        request_read_timeout_s=30, send_timeout_s=send_timeout_s, max_unsent_mb=max_unsent_mb
    )
    return ConnectionWatch(set(connections.values()), settings, Count(), Count())


def test_over_the_budget_the_unread_go_first_then_the_slowest_readers():
    connections = watched(unread=Waiting(5 * MB), slow=Waiting(6 * MB), small=Waiting(1 * MB))
    for max_unsent_mb, gone in ((8, {"unread"}), (4, {"unread", "slow"}), (13, set())):
        for transport in (c.transport for c in connections.values()):
            transport.aborted, transport.took = False, 0
        for connection in connections.values():
            connection.sent_seen, connection.unread_since = 0, None
        guard = watch(connections, max_unsent_mb=100)
        guard.sweep(0.0)  # a first look within the budget
        guard.max_unsent_bytes = max_unsent_mb * MB  # then over it: the readers took something since, one nothing
        connections["slow"].transport.took = connections["small"].transport.took = 64 * 1024
        guard.sweep(0.5)
        assert {name for name, c in connections.items() if c.transport.aborted} == gone, max_unsent_mb
        assert guard.dropped.counts == {"unsent_budget": len(gone)} if gone else not guard.dropped.counts
        kept = sum(c.transport.unsent for c in connections.values() if not c.transport.aborted)
        assert guard.unsent.value == kept <= max_unsent_mb * MB


def test_an_answer_unread_past_the_send_timeout_is_dropped_and_a_slow_one_is_not():
    connections = watched(unread=Waiting(1000), slow=Waiting(1000))
    guard = watch(connections, send_timeout_s=2)
    for moment in (0.0, 1.0, 2.0, 2.5):
        connections["slow"].transport.took += 10
        guard.sweep(moment)
    assert connections["unread"].transport.aborted and not connections["slow"].transport.aborted
    assert guard.dropped.counts == {"unread_response": 1}


def test_a_request_past_the_read_timeout_is_answered_408_and_closed():
    connections = watched(late=Waiting(0), prompt=Waiting(0))
    connections["late"].arriving_since, connections["prompt"].arriving_since = 0.0, 25.0
    guard = watch(connections)
    guard.sweep(31.0)
    late = connections["late"].transport
    assert late.closed and late.written.startswith(b"HTTP/1.1 408") and b"within 30 s" in late.written
    assert not connections["prompt"].transport.closed
    assert guard.dropped.counts == {"late_request": 1}


def test_a_closing_connection_still_counts_and_is_dropped_when_unread():
    """uvicorn closes a connection asked to close (or idle 5 s after its answer) with the answer still waiting in it:
    the watch once passed over closing transports, so such answers were neither counted nor dropped."""
    connections = watched(closing=Waiting(2 * MB))
    connections["closing"].transport.closed = True
    guard = watch(connections, send_timeout_s=2)
    guard.sweep(0.0)
    assert guard.unsent.value == 2 * MB
    guard.sweep(2.5)
    assert connections["closing"].transport.aborted and guard.dropped.counts == {"unread_response": 1}


def test_taken_counts_what_the_client_read_not_what_the_kernel_holds():
    """The kernel wakes a writer only once a third of its buffer is free: bytes handed to the socket stood still while
    a client read 100 KB/s, and it was dropped as not reading. taken() subtracts the socket's own queue."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        client = socket.socket()
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        client.connect(listener.getsockname())
        server, _ = listener.accept()
        with client, server:
            server.setblocking(False)
            handed = 0
            with contextlib.suppress(BlockingIOError):
                while True:
                    handed += server.send(b"x" * 65536)
            inner = types.SimpleNamespace(get_write_buffer_size=lambda: 0, get_extra_info=lambda name: server)
            gathering = GatheringTransport(inner, None)
            gathering.handed_on = handed
            before = gathering.taken()
            assert 0 <= before < handed  # most of it waits in the kernel's queue
            read = 0
            while read < 200_000:
                read += len(client.recv(65536))
            time.sleep(0.05)
            assert gathering.taken() >= before + 150_000  # nothing more handed on, yet the client's reading shows


def test_header_answers_are_kept_only_for_headers_of_ordinary_size():
    """The content-type/accept/host/origin answer is kept before any token check: 1,000 requests with 2.5 MB Accept
    headers kept 2.5 GB."""
    from shim.lean_http import LeanToolCalls

    lean = object.__new__(LeanToolCalls)
    lean._fitting, lean.manager = {}, types.SimpleNamespace(security_settings=None)
    plain = {b"content-type": b"application/json", b"accept": b"application/json, text/event-stream"}
    assert lean._headers_fit(plain) and len(lean._fitting) == 1
    huge = {**plain, b"accept": b"application/json, text/event-stream, " + b"x/y, " * 500_000}
    assert lean._headers_fit(huge) and len(lean._fitting) == 1
