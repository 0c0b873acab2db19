"""shim/turns.py: one turn per key at a time, in arrival order; a wait that runs out is NoTurn; no key stays."""

from __future__ import annotations

import asyncio

import pytest

from shim.turns import NoTurn, Turns


async def test_holders_of_one_key_take_turns_in_order_and_other_keys_do_not_wait():
    turns, order = Turns(1), []

    async def hold(key: str, name: str, seconds: float):
        async with turns.hold(key):
            order.append(f"{name} in")
            await asyncio.sleep(seconds)
            order.append(f"{name} out")

    await asyncio.gather(hold("a", "a1", 0.05), hold("a", "a2", 0), hold("b", "b1", 0))
    assert order.index("a1 out") < order.index("a2 in")  # a2 waited for a1
    assert order.index("b1 in") < order.index("a1 out")  # b did not wait for a
    assert turns._slots == {}  # no key stays once nobody holds or waits


async def test_a_wait_that_runs_out_is_no_turn_and_leaves_nothing_behind():
    turns = Turns(1)
    async with turns.hold("a"):
        with pytest.raises(NoTurn):
            async with turns.hold("a", timeout_s=0.05):
                pytest.fail("a turn while the key is held")
    async with turns.hold("a", timeout_s=0.05):  # free again: no timer, no wait
        pass
    assert turns._slots == {}


async def test_what_a_holder_raises_is_its_own():
    turns = Turns(1)
    with pytest.raises(TimeoutError):  # the holder's own timeout is not a NoTurn
        async with turns.hold("a", timeout_s=1):
            raise TimeoutError
    assert turns._slots == {}


async def test_a_turn_taken_and_given_back_apart_counts_its_key_until_it_leaves():
    """CallQueue acquires in one method and releases in another: enter() and leave() around the key's semaphore."""
    turns = Turns(2)
    semaphore = turns.enter("a")
    await semaphore.acquire()
    assert turns.semaphore("a") is semaphore and turns.semaphore("b") is None
    assert turns.enter("a") is semaphore  # a second caller of the key meets the same semaphore
    turns.leave("a")
    semaphore.release()
    turns.leave("a")
    assert turns._slots == {}
