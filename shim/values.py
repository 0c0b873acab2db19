"""Values across the boundary: JSON arguments to the text PostgreSQL casts to each parameter's type.

Arguments travel as text and are cast in SQL ($1::text::date), so PostgreSQL parses them with its own rules (exact
numerics, ISO dates, uuids, enums) and no SQL is ever built from a value."""

from __future__ import annotations

import json
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
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 5.0 is an integer to JSON Schema, and "5.0" is none to PostgreSQL's integer input
    return str(value)


def _array_element(value: Any) -> str:
    if value is None:
        return "NULL"
    text = to_text(value) or ""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def vector_text(values: list[float]) -> str:
    """pgvector's text input: [1,2,3]."""
    return "[" + ",".join(repr(float(v)) for v in values) + "]"
