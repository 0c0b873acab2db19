"""Values across the boundary: JSON arguments to bound text parameters, PostgreSQL results to JSON.

Arguments travel as text and are cast in SQL ($1::text::date), so PostgreSQL parses them with its own rules (exact
numerics, ISO dates, uuids, enums) and no SQL is ever built from a value."""

from __future__ import annotations

import base64
import datetime
import decimal
import json
import uuid
from typing import Any


def to_text(value: Any) -> str | None:
    """A JSON argument as the text PostgreSQL's input function for the parameter's type accepts."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, list):
        return "{" + ",".join(_array_element(v) for v in value) + "}"
    return str(value)


def _array_element(value: Any) -> str:
    if value is None:
        return "NULL"
    text = to_text(value) or ""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def vector_text(values: list[float]) -> str:
    """pgvector's text input: [1,2,3]."""
    return "[" + ",".join(repr(float(v)) for v in values) + "]"


def to_json(value: Any) -> Any:
    """A value asyncpg decoded, as plain JSON: numbers stay numbers, the rest ISO text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            return str(value)
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if hasattr(value, "items") and hasattr(value, "keys"):  # asyncpg.Record of a composite value
        return {k: to_json(v) for k, v in value.items()}
    if hasattr(value, "tolist"):  # pgvector / numpy arrays
        return [to_json(v) for v in value.tolist()]
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return str(value)
