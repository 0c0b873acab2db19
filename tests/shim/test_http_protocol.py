"""shim/http_protocol.py: what is written in one pass of the event loop reaches the socket as one write, and nothing
waits longer than that pass (the server end to end: tests/shim/test_http.py)."""

import asyncio

from shim.http_protocol import GatheringTransport


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
