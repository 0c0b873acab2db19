"""shim/edge.py's reader on its own: what it refuses before any token check, and what it lets through."""

import pytest

from shim.edge import MAX_INT_DIGITS, BadMessage, read_message


def test_integers_past_their_digit_limit_are_refused_before_they_are_read():
    """Reading an integer costs time quadratic in its digits: 900 integers of 4,000 digits (3.6 MB) took 71 ms of the
    event loop, without a token."""
    body = b'{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":[' + b",".join([b"9" * 4000] * 900) + b"]}}"
    with pytest.raises(BadMessage) as refused:
        read_message(body)
    assert refused.value.code == -32700 and f"over the limit of {MAX_INT_DIGITS} digits" in refused.value.message


@pytest.mark.parametrize("number", ["9" * MAX_INT_DIGITS, "-" + "9" * MAX_INT_DIGITS, "0", "-7"])
def test_integers_within_the_limit_are_read_as_integers(number):
    message = read_message(f'{{"jsonrpc":"2.0","id":{number},"method":"ping"}}')
    assert message["id"] == int(number)
