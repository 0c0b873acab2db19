"""Connections that hold the server without using it (shim/http_protocol.py): a request that never begins, half its
headers, a body that never comes, and answers nobody reads. An outside probe held 20,000 such connections (the file
descriptors ran out) and 60 unread 20 MB answers (1.3 GB). Each is now dropped on its deadline, unread answers past
--max-unsent-mb at once, a slow but steady reader is not, and another caller is served meanwhile."""

from __future__ import annotations

import contextlib
import json
import re
import select
import socket
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest
from identity import STORE_MANAGERS
from mcp_clients import RawHttp, http_server
from test_limits import limits_db, login, served  # noqa: F401 (limits_db: the fixture, used by name)

from shim.auth import mint_token

SECRET = uuid.uuid4().hex * 2
SEATTLE, BELLEVUE = STORE_MANAGERS["Zava Retail Seattle"], STORE_MANAGERS["Zava Retail Bellevue"]
READ_TIMEOUT_S, SEND_TIMEOUT_S, MAX_UNSENT_MB = 1.5, 3, 8
# An answer of about 6 MB: ad-hoc queries may not call repeat() and the like, but a row may be read as text, ten times.
BIG_QUERY = (
    "SELECT (u, u, u, u, u, u, u, u, u, u)::text AS v FROM ("
    " SELECT (t, t, t, t, t, t, t, t, t, t)::text AS u"
    " FROM (SELECT (p, p, p, p, p, p, p, p, p, p)::text AS t"
    " FROM retail.products AS p, retail.products AS q, retail.products AS r) AS x"
    ") AS y"
)


@pytest.fixture(scope="module")
def server(limits_db, tmp_path_factory):  # noqa: F811
    with http_server(
        login(limits_db),
        "--jwt-secret",
        SECRET,
        "--log-level",
        "WARNING",
        "--request-read-timeout-s",
        str(READ_TIMEOUT_S),
        "--send-timeout-s",
        str(SEND_TIMEOUT_S),
        "--max-unsent-mb",
        str(MAX_UNSENT_MB),
        tmp_path=tmp_path_factory.mktemp("deadlines"),
    ) as s:
        yield s


@pytest.fixture
def other(server):
    client = RawHttp(server.base, mint_token(SECRET, BELLEVUE))
    client.initialize()
    return client


def dropped(server) -> dict[str, float]:
    """Connections dropped so far by reason, and "unsent": the bytes waiting to be read at the watch's last look."""
    text = httpx.get(f"{server.base}/metrics").text
    counts = re.finditer(r'mcp_http_connections_dropped_total\{reason="(\w+)"\} (\S+)', text)
    return {m[1]: float(m[2]) for m in counts} | {
        "unsent": float(re.search(r"^mcp_http_unsent_bytes (\S+)", text, re.M)[1])
    }


def connect(server, receive_buffer: int | None = None) -> socket.socket:
    host, port = server.base.removeprefix("http://").split(":")
    sock = socket.socket()
    if receive_buffer:  # before connect, so the window the server sees stays this small
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    sock.settimeout(30)
    sock.connect((host, int(port)))
    return sock


def big_answer_request(server, request_id: int, connection: str = "keep-alive") -> bytes:
    """A complete sessionless (2026-07-28) call whose answer is about 6 MB."""
    query = BIG_QUERY
    meta = {"io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}}
    params = {"name": "execute_sales_query", "arguments": {"postgresql_query": query}, "_meta": meta}
    body = json.dumps({"jsonrpc": "2.0", "id": request_id, "method": "tools/call", "params": params}).encode()
    host = server.base.removeprefix("http://")
    head = (
        f"POST /mcp HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        "Accept: application/json, text/event-stream\r\nMcp-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\n"
        f"Mcp-Name: execute_sales_query\r\nAuthorization: Bearer {mint_token(SECRET, SEATTLE)}\r\n"
        f"Connection: {connection}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def read_all(sock: socket.socket, pause_s: float = 0.0) -> tuple[bytes, bool]:
    """(what arrived until the server closed the connection or the answer was whole, whether it was whole)."""
    data = b""
    try:
        while chunk := sock.recv(65536):
            data += chunk
            head, _, body = data.partition(b"\r\n\r\n")
            length = re.search(rb"content-length: (\d+)", head, re.IGNORECASE)
            if length and len(body) >= int(length[1]):
                return data, True
            time.sleep(pause_s)
    except ConnectionResetError:
        pass
    return data, False


LATE = {
    "nothing": b"",
    "half the headers": b"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-",
    "headers without the body": b"POST /mcp HTTP/1.1\r\nContent-Length: 100\r\n\r\n",
}


def test_a_request_that_does_not_arrive_whole_is_answered_408_and_closed(server, other):
    before = dropped(server).get("late_request", 0)
    socks = {what: connect(server) for what in LATE}
    try:
        for what, sock in socks.items():
            sock.sendall(LATE[what])
        began = time.monotonic()
        assert served(other) < 1  # meanwhile
        answers = {what: read_all(sock)[0] for what, sock in socks.items()}
        waited = time.monotonic() - began
    finally:
        for sock in socks.values():
            sock.close()
    for what, answer in answers.items():
        assert answer.startswith(b"HTTP/1.1 408") and b"did not arrive within 1.5 s" in answer, (what, answer[:200])
    assert READ_TIMEOUT_S - 0.5 < waited < READ_TIMEOUT_S + 3, waited
    assert dropped(server)["late_request"] == before + 3


@pytest.mark.parametrize("then", [b"\r\n", b"GE"], ids=["a lone CRLF", "half a request"])
def test_after_a_kept_alive_request_bytes_that_begin_no_request_are_timed_too(server, then):
    """A CRLF after an answer begins no request (the parser takes it in silence) but stopped uvicorn's keep-alive
    timer: 3,000 connections held that way, and with 600 descriptors every new client was refused. Half a second
    request was closed without its 408."""
    before = dropped(server).get("late_request", 0)
    host = server.base.removeprefix("http://")
    with connect(server) as sock:
        sock.sendall(f"GET /health/live HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        first, whole = read_all(sock)
        assert whole and first.startswith(b"HTTP/1.1 200"), first[:200]
        sock.sendall(then)
        began = time.monotonic()
        answer, _ = read_all(sock)
        waited = time.monotonic() - began
    assert answer.startswith(b"HTTP/1.1 408") and b"did not arrive within 1.5 s" in answer, answer[:200]
    assert READ_TIMEOUT_S - 0.5 < waited < READ_TIMEOUT_S + 3, waited
    assert dropped(server)["late_request"] == before + 1


def test_a_request_that_arrives_in_time_is_answered_and_keeps_its_connection(server, other):
    """The deadline is per request: a kept-alive connection is timed anew from each request's first byte."""
    body = b'{"jsonrpc":"2.0","id":1,"method":"ping"}'
    before = dropped(server).get("late_request", 0)
    ports = set()
    with httpx.Client(timeout=10) as client:
        for n in range(2):
            response = client.post(
                f"{server.base}/mcp",
                content=body,
                headers={**other.headers, **other.session},
                extensions={"trace": lambda event, info: ports.add(port_of(event, info))},
            )
            assert response.status_code == 200, response.text
            if not n:
                time.sleep(READ_TIMEOUT_S + 0.6)  # idle between requests: uvicorn's keep-alive, not this deadline
    assert len(ports - {None}) == 1, ports  # one connection, both requests
    assert dropped(server).get("late_request", 0) == before


def port_of(event: str, info: dict) -> int | None:
    """The local port of the connection an httpx request went out on."""
    stream = info.get("return_value") if event == "connection.connect_tcp.complete" else None
    return stream.get_extra_info("socket").getsockname()[1] if stream is not None else None


@pytest.mark.parametrize("connection", ["keep-alive", "close"])
def test_an_answer_nobody_reads_is_dropped_after_the_send_timeout(server, other, connection):
    """Asked to close after the answer, uvicorn closes the transport at once, with the answer still waiting in it:
    the watch once passed over closing transports, and such an answer was held for as long as the client liked."""
    before = dropped(server)
    with connect(server, receive_buffer=4096) as sock:
        sock.sendall(big_answer_request(server, 1, connection))
        time.sleep(1)
        assert served(other) < 1  # meanwhile
        deadline = time.monotonic() + SEND_TIMEOUT_S + 5
        while dropped(server).get("unread_response", 0) == before.get("unread_response", 0):
            assert time.monotonic() < deadline, "the unread answer was never dropped"
            time.sleep(0.2)
        answer, whole = read_all(sock)
    assert not whole, len(answer)
    assert dropped(server).get("unsent_budget", 0) == before.get("unsent_budget", 0)  # one answer is in budget


def test_unread_answers_past_the_budget_are_dropped_before_their_deadline(server, other):
    before = dropped(server)
    socks = [connect(server, receive_buffer=4096) for _ in range(3)]  # ~18 MB against a budget of 8
    try:
        for n, sock in enumerate(socks):
            sock.sendall(big_answer_request(server, n))
        sent = time.monotonic()
        assert served(other) < 1  # meanwhile
        while dropped(server).get("unsent_budget", 0) == before.get("unsent_budget", 0):
            assert time.monotonic() - sent < SEND_TIMEOUT_S - 0.5, f"not dropped for the budget: {dropped(server)}"
            time.sleep(0.1)
        time.sleep(1.2)  # every answer written, and looked at since
        held = dropped(server)
        assert 0 < held["unsent"] <= MAX_UNSENT_MB * 1024 * 1024, held  # what stays waiting is within the budget
        answers = [read_all(sock)[1] for sock in socks]
    finally:
        for sock in socks:
            sock.close()
    after = dropped(server)
    drops = sum(after.get(k, 0) - before.get(k, 0) for k in ("unsent_budget", "unread_response"))
    assert answers.count(False) == drops >= 1, (answers, after)


def test_a_slow_but_steady_reader_gets_its_whole_answer(server):
    """Past the send timeout and over the budget, but reading: a slow client is not a client that reads nothing."""
    results = []

    def read_slowly():
        with connect(server) as sock:
            sock.sendall(big_answer_request(server, 9))
            results.append(read_all(sock, pause_s=0.04))

    reader = threading.Thread(target=read_slowly)
    began = time.monotonic()
    reader.start()
    reader.join(60)
    answer, whole = results[0]
    assert whole, len(answer)
    assert time.monotonic() - began > SEND_TIMEOUT_S, "the reader was not slow enough to test anything"
    body = json.loads(answer.partition(b"\r\n\r\n")[2])
    assert len(answer) > 5_000_000 and not body["result"]["isError"], len(answer)


@pytest.mark.parametrize(
    "head",
    [
        b"GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-A: b\r\n" * 5000,  # many header lines
        b"GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"v" * 40_000,  # one endless value
        b"GET /health/live?" + b"q" * 40_000,  # an endless URL
    ],
    ids=["many headers", "one long header", "a long URL"],
)
def test_a_request_head_past_its_limit_is_answered_431_and_closed(server, other, head):
    """uvicorn's httptools protocol bounds neither: one connection's header lines took the server to 5.6 GB, and an
    endless value or URL, joined piece by piece, held the event loop for seconds."""
    with connect(server) as sock:
        for start in range(0, len(head), 1000):  # in pieces, as a dripping client sends it
            # Until the answer comes: past it the server has closed, and more bytes would have it reset the
            # connection, losing the answer (under make test's load the 431 came before the last pieces were sent).
            if select.select([sock], [], [], 0)[0]:
                break
            sock.sendall(head[start : start + 1000])
        answer, _ = read_all(sock)
    assert answer.startswith(b"HTTP/1.1 431") and b"headers are over 32 KB" in answer, answer[:200]
    assert served(other) < 1


def test_requests_queued_on_one_connection_past_the_limit_close_it(server, other):
    """Pipelined requests were queued without a bound: 738,000 in 9 s took 1.8 GB, and other callers waited seconds."""
    host = server.base.removeprefix("http://")
    request = f"GET /health/live HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    with connect(server) as sock:
        sock.sendall(request * 3 + request.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n"))
        answer, _ = read_all_until_closed(sock)
    assert answer.count(b"HTTP/1.1 200") == 4  # a few queued are answered in turn
    with connect(server) as sock:
        sock.sendall(request * 5000)  # never read meanwhile
        answer, _ = read_all_until_closed(sock)
    assert answer.count(b"HTTP/1.1 200") <= 9 and b"HTTP/1.1 400" in answer, answer[-300:]
    assert b"more than 8 requests queued on one connection" in answer and b"Invalid HTTP request" not in answer
    assert served(other) < 1


def read_all_until_closed(sock: socket.socket) -> tuple[bytes, bool]:
    data = b""
    with contextlib.suppress(ConnectionResetError):
        while chunk := sock.recv(65536):
            data += chunk
    return data, False


def test_chunk_framing_and_trailers_past_the_limit_are_answered_431_and_closed(server, other):
    """llhttp hands a chunked body's trailers over as more headers, after the head was counted: endless trailer lines
    took the server to 5.8 GB, one endless trailer value held the event loop for 9.6 s."""
    host = server.base.removeprefix("http://")
    body = b'{"jsonrpc":"2.0","id":1,"method":"ping"}'
    head = f"POST /mcp HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    with connect(server) as sock:
        sock.sendall(head.encode() + f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n")
        time.sleep(0.5)  # the trailers in pieces of their own (a piece that ends the head is not counted)
        trailers = b"X-T: aaaaaaaa\r\n" * 3000
        with contextlib.suppress(ConnectionResetError, BrokenPipeError):
            for start in range(0, len(trailers), 10_000):
                sock.sendall(trailers[start : start + 10_000])
        answer, _ = read_all(sock)
    assert answer.startswith(b"HTTP/1.1 431") and b"chunk framing and trailers are over 32 KB" in answer, answer[:200]
    assert served(other) < 1


def test_the_server_takes_every_descriptor_the_operator_allows(limits_db, tmp_path):  # noqa: F811
    """Each connection is a descriptor. Started with the common soft limit under a higher hard one, the server raises
    its soft limit to the hard one (as Go's runtime does), so idle connections waiting for their deadline do not
    refuse new clients at 1,024 while the operator allowed more."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard <= 256:
        pytest.fail(f"this machine's hard limit on descriptors ({hard}) leaves nothing to raise")
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))
    try:
        with http_server(login(limits_db), "--jwt-secret", SECRET, tmp_path=tmp_path) as s:
            limits = (Path("/proc") / str(s.process.pid) / "limits").read_text()
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    [line] = [x for x in limits.splitlines() if x.startswith("Max open files")]
    server_soft, server_hard = line.split()[3:5]
    want = str(hard if hard != resource.RLIM_INFINITY else 1 << 20)
    assert (server_soft, server_hard) == (want, str(hard) if hard != resource.RLIM_INFINITY else "unlimited")
