"""The embedder is one thread shared by every caller, and it runs before a call has a connection, so the per-identity
call limit does not reach it: each identity has one text at the embedder at a time. One caller's burst of long
searches then delays another's search by one text, not by all of them, and its own texts that wait too long are
refused SERVER_BUSY."""

from __future__ import annotations

import threading
import time
import uuid

from identity import STORE_MANAGERS
from mcp_clients import RawHttp, http_server, tool_error

from shim.auth import mint_token

SECRET = uuid.uuid4().hex * 2
SEATTLE = STORE_MANAGERS["Zava Retail Seattle"]
BELLEVUE = STORE_MANAGERS["Zava Retail Bellevue"]
# ~0.6 s of the offline model each (it reads the first 512 tokens); distinct, so none comes from the query cache.
LONG = [
    (f"cordless drill number {n} with two batteries for home repairs and garden work " * 30)[:2000] for n in range(10)
]


def search(client: RawHttp, text: str, request_id: int) -> dict:
    return client.call("semantic_search_products", {"query_description": text, "max_rows": 3}, request_id)["result"]


def burst(server) -> tuple[list[dict], float, float]:
    """Seattle sends ten long searches at once; Bellevue a short one 0.3 s later. Seattle's answers, how long
    Bellevue's took, and how long one long text takes alone on this machine now (the yardstick)."""
    hoarder = RawHttp(server.base, mint_token(SECRET, SEATTLE))
    hoarder.initialize()
    other = RawHttp(server.base, mint_token(SECRET, BELLEVUE))
    other.initialize()
    search(other, "garden hose", 1)  # warm: the model is loaded
    began = time.monotonic()
    search(other, LONG[0].replace("drill", "saw"), 3)
    one_text = time.monotonic() - began
    answers: list[dict] = []
    threads = [
        threading.Thread(target=lambda n=n: answers.append(search(hoarder, LONG[n], 10 + n)), daemon=True)
        for n in range(len(LONG))
    ]
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    began = time.monotonic()
    assert not tool_error(search(other, "cordless drill", 2))
    waited = time.monotonic() - began
    for thread in threads:
        thread.join(120)
    return answers, waited, one_text


def test_one_callers_burst_of_searches_delays_anothers_by_one_text(seeded_db, tmp_path):
    login = seeded_db.server.url(seeded_db.name, user="zava_mcp")
    with http_server(login, "--jwt-secret", SECRET, "--log-level", "WARNING", tmp_path=tmp_path) as server:
        answers, waited, one_text = burst(server)
    # One of Seattle's texts (~0.6 s on a quiet machine) and its own short one, not all ten (~6 s). Measured against
    # one long text now: a fixed 2.5 s failed at 2.57 under a loaded machine's make test.
    assert waited < 3 * one_text + 0.5, (waited, one_text)
    codes = {tool_error(a).get("code", "OK") for a in answers}
    assert codes <= {"OK", "SERVER_BUSY"} and "OK" in codes, codes


def test_texts_that_wait_past_the_limit_for_their_identitys_turn_are_refused(seeded_db, tmp_path):
    login = seeded_db.server.url(seeded_db.name, user="zava_mcp")
    with http_server(
        login, "--jwt-secret", SECRET, "--log-level", "WARNING", "--pool-timeout-s", "1", tmp_path=tmp_path
    ) as server:
        answers, waited, one_text = burst(server)
    busy = [tool_error(a) for a in answers if tool_error(a).get("code") == "SERVER_BUSY"]
    assert busy and "waited over 1 s for the embedder" in busy[0]["message"], answers
    assert any(not tool_error(a) for a in answers)  # the first of them ran
    assert waited < 3 * one_text + 0.5, (waited, one_text)
