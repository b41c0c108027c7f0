"""Plain data across the sandbox wall: JSON for structure, .npy bytes for arrays, never pickle.

Both sides use this module: the trusted grader writes the inputs of each check, the runner in
the sandbox writes what the student's functions returned. A decoder never executes anything it
reads, caps what it reads, and turns whatever it cannot read into an `Unreadable` value.
"""

from __future__ import annotations

import base64
import io
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["MAX_BYTES", "Opaque", "Unreadable", "decode", "dumps", "encode", "loads"]

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 8
PLAIN_KINDS = "biuf"


@dataclass(frozen=True)
class Opaque:
    """A returned value that is not plain data: only its type name crosses the wall."""

    type_name: str


@dataclass(frozen=True)
class Unreadable:
    """Something the decoder refused to read (too big, malformed, unknown)."""

    reason: str


def array_to_text(array: np.ndarray) -> str:
    """Returns a base-class array as base64 .npy bytes."""
    buffer = io.BytesIO()
    np.save(buffer, np.array(array, subok=False), allow_pickle=False)
    return base64.b64encode(buffer.getvalue()).decode()


def text_to_array(text: str) -> np.ndarray:
    """Returns the array of base64 .npy bytes, refusing object arrays."""
    return np.load(io.BytesIO(base64.b64decode(text)), allow_pickle=False)


def encode(value: Any, functions: dict[Callable, str] | None = None, depth: int = 0) -> Any:
    """Returns a JSON-able description of a value made of numbers, arrays, tuples and lists.

    Only the exact base types are trusted: an ndarray subclass is copied into a base ndarray,
    a float subclass into a float, so no student-defined method is kept or called later.
    """
    if depth > MAX_DEPTH:
        return {"t": "opaque", "type": "nested too deep"}
    if functions and callable(value) and value in functions:
        return {"t": "function", "v": functions[value]}
    if type(value) is bool or isinstance(value, np.bool_):
        return {"t": "bool", "v": bool(value)}
    if type(value) is int or isinstance(value, np.integer):
        return {"t": "int", "v": int(value)}
    if type(value) is float or isinstance(value, np.floating):
        number = float(value)
        return {"t": "float", "v": number if math.isfinite(number) else repr(number)}
    if isinstance(value, np.ndarray) and value.dtype.kind in PLAIN_KINDS:
        return {"t": "ndarray", "v": array_to_text(value)}
    if type(value) in (tuple, list):
        return {"t": type(value).__name__, "v": [encode(item, functions, depth + 1) for item in value]}
    if value is None:
        return {"t": "none"}
    return {"t": "opaque", "type": type(value).__name__[:100]}


def decode(data: Any, functions: dict[str, Callable] | None = None) -> Any:
    """Returns the value an `encode` description stands for, or Opaque/Unreadable."""
    if not isinstance(data, dict) or not isinstance(data.get("t"), str):
        return Unreadable("not a value description")
    kind, value = data["t"], data.get("v")
    try:
        if kind == "bool":
            return bool(value)
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "ndarray":
            array = text_to_array(value)
            return array if array.dtype.kind in PLAIN_KINDS else Unreadable(f"dtype {array.dtype}")
        if kind in ("tuple", "list"):
            items = [decode(item, functions) for item in value]
            return tuple(items) if kind == "tuple" else items
        if kind == "none":
            return None
        if kind == "function" and functions and value in functions:
            return functions[value]
        if kind == "opaque":
            return Opaque(str(data.get("type", "?"))[:100])
    except (TypeError, ValueError, OverflowError, EOFError) as error:
        return Unreadable(f"{kind}: {error}"[:200])
    return Unreadable(f"unknown kind {kind!r}"[:200])


def dumps(payload: Any) -> str:
    """Returns the JSON text of a payload of encoded values."""
    return json.dumps(payload)


def loads(text: str | bytes) -> Any:
    """Returns the payload of JSON text, refusing anything over MAX_BYTES."""
    if len(text) > MAX_BYTES:
        raise ValueError(f"refusing {len(text)} bytes (more than {MAX_BYTES})")
    return json.loads(text)
