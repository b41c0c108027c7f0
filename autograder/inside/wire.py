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
from numpy.lib import format as npy_format

__all__ = ["MAX_BYTES", "Opaque", "Unreadable", "decode", "dumps", "encode", "loads"]

MAX_BYTES = 64 * 1024 * 1024  # of a payload's text, and of one array's data
MAX_TEXT = (MAX_BYTES // 3 + 1) * 4 + 4096  # base64 of MAX_BYTES of data and a .npy header
MAX_HEADER = 10_000  # numpy's own default cap on a .npy header
MAX_DIMENSIONS = 32  # numpy's own limit
MAX_DEPTH = 8  # of nested tuples and lists
MAX_ITEMS = 100_000  # values built by one decode, all nesting levels together
MAX_INT_BITS = 64
NON_FINITE = ("nan", "inf", "-inf")  # repr of the non-finite floats, as `encode` writes them
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
    """Returns the array of base64 .npy bytes; raises ValueError for anything but plain numbers.

    The header is read and checked before any memory is set aside for the data: a claimed shape
    too big, or one that does not match the bytes present, is refused without allocating it.
    """
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        raise ValueError("not .npy text of an allowed size")
    raw = base64.b64decode(text, validate=True)
    stream = io.BytesIO(raw)
    shape, fortran_order, dtype = read_header(stream)
    nbytes = math.prod(shape) * dtype.itemsize
    if nbytes > MAX_BYTES:
        raise ValueError(f"array of {nbytes} bytes (more than {MAX_BYTES})")
    if len(raw) - stream.tell() != nbytes:
        raise ValueError(f"{len(raw) - stream.tell()} data bytes for an array of {nbytes}")
    flat = np.frombuffer(raw, dtype=dtype, count=math.prod(shape), offset=stream.tell())
    return flat.reshape(shape, order="F" if fortran_order else "C").astype(dtype.newbyteorder("="), copy=True)


def read_header(stream: io.BytesIO) -> tuple[tuple[int, ...], bool, np.dtype]:
    """Returns the (shape, fortran_order, dtype) of a .npy header, refusing all but plain numbers."""
    version = npy_format.read_magic(stream)
    if version == (1, 0):
        shape, fortran_order, dtype = npy_format.read_array_header_1_0(stream, max_header_size=MAX_HEADER)
    elif version == (2, 0):
        shape, fortran_order, dtype = npy_format.read_array_header_2_0(stream, max_header_size=MAX_HEADER)
    else:
        raise ValueError(f".npy version {version} is not read")
    if type(fortran_order) is not bool:
        raise ValueError("fortran_order is not a boolean")
    if not isinstance(shape, tuple) or len(shape) > MAX_DIMENSIONS:
        raise ValueError("shape is not a short tuple")
    if not all(type(size) is int and size >= 0 for size in shape):
        raise ValueError("shape holds something other than sizes")
    if dtype.hasobject:
        raise ValueError("an object array needs pickle, which is never used")
    if dtype.kind not in PLAIN_KINDS or dtype.names is not None or dtype.subdtype is not None:
        raise ValueError(f"dtype {dtype} is not plain numbers")
    return shape, fortran_order, dtype


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


@dataclass
class Budget:
    """What one `decode` may still read: a cap on the values it builds and on their nesting.

    Going over either makes the whole decoded value Unreadable, not just the part past the cap.
    """

    items: int = MAX_ITEMS
    refusal: str = ""

    def spend(self, count: int, depth: int) -> None:
        """Counts `count` more values at a nesting depth; raises ValueError past a cap."""
        self.items -= count
        if self.items < 0:
            self.refusal = f"more than {MAX_ITEMS} values"
        elif depth > MAX_DEPTH + 1:
            self.refusal = f"nested more than {MAX_DEPTH + 1} deep"
        if self.refusal:
            raise ValueError(self.refusal)


def decode(data: Any, functions: dict[str, Callable] | None = None) -> Any:
    """Returns the value an `encode` description stands for, or Opaque/Unreadable; never raises.

    Whatever a value's description holds (malformed, too big, a hostile .npy header), that value
    alone becomes an `Unreadable`, and the others of the payload are read as usual.
    """
    budget = Budget(items=MAX_ITEMS - 1)  # the root value is one
    value = decode_value(data, functions, budget, 0)
    return Unreadable(budget.refusal) if budget.refusal else value


def decode_value(data: Any, functions: dict[str, Callable] | None, budget: Budget, depth: int) -> Any:
    """Returns one decoded value (see `decode`); its container has counted it in the budget already."""
    if not isinstance(data, dict) or type(data.get("t")) is not str:
        return Unreadable("not a value description")
    kind, value = data["t"], data.get("v")
    try:
        return decode_kind(kind, value, data, functions, budget, depth)
    except Exception as error:  # MemoryError, RecursionError, binascii.Error, anything: this value only
        return Unreadable(f"{kind[:40]}: {type(error).__name__}: {error}"[:200])


def decode_kind(kind: str, value: Any, data: dict, functions: dict[str, Callable] | None,
                budget: Budget, depth: int) -> Any:
    """Returns the value of a description of a known kind; raises for a malformed one."""
    if kind == "bool" and type(value) is bool:
        return value
    if kind == "int":
        return decode_int(value)
    if kind == "float":
        return decode_float(value)
    if kind == "ndarray":
        return text_to_array(value)
    if kind in ("tuple", "list") and type(value) is list:
        budget.spend(len(value), depth + 1)  # before building any of them
        items = [decode_value(item, functions, budget, depth + 1) for item in value]
        return tuple(items) if kind == "tuple" else items
    if kind == "none":
        return None
    if kind == "function" and functions and type(value) is str and value in functions:
        return functions[value]
    if kind == "opaque":
        type_name = data.get("type")
        return Opaque(type_name[:100] if type(type_name) is str else "?")
    return Unreadable(f"unknown or malformed kind {kind!r}"[:200])


def decode_int(value: Any) -> int:
    """Returns a JSON integer of at most MAX_INT_BITS bits."""
    if type(value) is not int or value.bit_length() > MAX_INT_BITS:
        raise ValueError("not an integer of at most 64 bits")
    return value


def decode_float(value: Any) -> float:
    """Returns a finite JSON number as a float, or the non-finite float `encode` wrote as text."""
    if type(value) is str and value in NON_FINITE:
        return float(value)
    if type(value) not in (int, float):
        raise ValueError("not a number")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError("a non-finite number must be written as text")
    return number


def dumps(payload: Any) -> str:
    """Returns the JSON text of a payload of encoded values."""
    return json.dumps(payload)


def loads(text: str | bytes) -> Any:
    """Returns the payload of JSON text; raises ValueError for text over MAX_BYTES or not readable.

    Nesting too deep for the parser (RecursionError) and running out of memory are refusals too.
    """
    if len(text) > MAX_BYTES:
        raise ValueError(f"refusing {len(text)} bytes (more than {MAX_BYTES})")
    try:
        return json.loads(text)
    except (RecursionError, MemoryError) as error:
        raise ValueError(f"refusing JSON: {type(error).__name__}") from None
