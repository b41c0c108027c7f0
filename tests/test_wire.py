"""The wire decoder: normal values round-trip, and every hostile payload is one Unreadable value."""

from __future__ import annotations

import base64
import io
import math
import struct

import numpy as np
import pytest
from numpy.lib import format as npy_format

from autograder.inside import wire
from autograder.inside.wire import MAX_BYTES, MAX_ITEMS, Opaque, Unreadable, decode, dumps, encode, loads


def npy_text(header: dict, data: bytes = b"", version: tuple[int, int] = (1, 0)) -> str:
    """Returns base64 .npy bytes with a header of our choosing, whatever data follows it."""
    text = repr(header).encode()
    length_format = "<H" if version == (1, 0) else "<I"
    prefix = len(npy_format.MAGIC_PREFIX) + 2 + struct.calcsize(length_format)
    text += b" " * (-(prefix + len(text) + 1) % 64) + b"\n"
    raw = npy_format.magic(*version) + struct.pack(length_format, len(text)) + text
    return base64.b64encode(raw + data).decode()


def saved(array: np.ndarray, allow_pickle: bool = False) -> str:
    """Returns base64 of what np.save writes for the array."""
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=allow_pickle)
    return base64.b64encode(buffer.getvalue()).decode()


def array_of(text: str) -> dict:
    return {"t": "ndarray", "v": text}


def nested_list(depth: int) -> dict:
    value: dict = {"t": "int", "v": 1}
    for _ in range(depth):
        value = {"t": "list", "v": [value]}
    return value


VALID = saved(np.arange(6.0).reshape(2, 3))

HOSTILE = {
    "huge claimed shape": array_of(npy_text({"descr": "<f8", "fortran_order": False, "shape": (10**6, 10**6)})),
    "shape just over the cap": array_of(
        npy_text({"descr": "<f8", "fortran_order": False, "shape": (MAX_BYTES // 8 + 1,)})
    ),
    "shape whose product overflows int64": array_of(
        npy_text({"descr": "<f8", "fortran_order": False, "shape": (2**40, 2**40, 2**40)})
    ),
    "negative size": array_of(npy_text({"descr": "<f8", "fortran_order": False, "shape": (-1, 3)})),
    "truncated data": array_of(npy_text({"descr": "<f8", "fortran_order": False, "shape": (100,)}, b"\0" * 80)),
    "extra data": array_of(npy_text({"descr": "<f8", "fortran_order": False, "shape": (2,)}, b"\0" * 24)),
    "truncated header": array_of(VALID[:20]),
    "bad base64": array_of("!!!! not base64 ????"),
    "base64 of junk": array_of(base64.b64encode(b"\x93NUMPY\x09\x07garbage").decode()),
    "not .npy at all": array_of(base64.b64encode(b"hello world, this is not an array").decode()),
    "pickled object array": array_of(saved(np.array([{"a": 1}, None], dtype=object), allow_pickle=True)),
    "object dtype header": array_of(npy_text({"descr": "|O", "fortran_order": False, "shape": (1,)}, b"\0" * 8)),
    "structured dtype": array_of(saved(np.zeros(3, dtype=[("a", "<f8"), ("b", "<i4")]))),
    "subarray dtype": array_of(npy_text({"descr": [("a", "<f8", (2,))], "fortran_order": False, "shape": (1,)})),
    "string dtype": array_of(saved(np.array(["abc", "de"]))),
    "complex dtype": array_of(saved(np.array([1 + 2j]))),
    "datetime dtype": array_of(saved(np.array(["2024-01-01"], dtype="datetime64[D]"))),
    "fortran_order not a boolean": array_of(npy_text({"descr": "<f8", "fortran_order": 1, "shape": (1,)}, b"\0" * 8)),
    "shape not a tuple": array_of(npy_text({"descr": "<f8", "fortran_order": False, "shape": [2]}, b"\0" * 16)),
    "float sizes in the shape": array_of(npy_text({"descr": "<f8", "fortran_order": False, "shape": (2.0,)})),
    "unknown .npy version": array_of(npy_text({"descr": "<f8", "fortran_order": False, "shape": (1,)}, b"\0" * 8,
                                              (3, 0))),
    "array text not a string": array_of(12345),
    "array text over the cap": array_of("A" * (wire.MAX_TEXT + 4)),
    "int as a string": {"t": "int", "v": "12"},
    "huge int": {"t": "int", "v": 10**40},
    "int that is a bool": {"t": "int", "v": True},
    "float string Infinity": {"t": "float", "v": "Infinity"},
    "float string NaN": {"t": "float", "v": "NaN"},
    "float string 1e999": {"t": "float", "v": "1e999"},
    "long float string": {"t": "float", "v": "1" * 5000},
    "JSON NaN constant": {"t": "float", "v": float("nan")},
    "float as a list": {"t": "float", "v": [1.0]},
    "bool as a string": {"t": "bool", "v": "false"},
    "list of a dict": {"t": "list", "v": {"a": 1}},
    "list as text": {"t": "list", "v": "[1, 2]"},
    "unknown kind": {"t": "pickle", "v": "gASVAAAAAAAAAAA="},
    "kind not a string": {"t": 3, "v": 1},
    "no kind": {"v": 1},
    "not a dict": [1, 2, 3],
    "function not known": {"t": "function", "v": "os.system"},
    "too deep": nested_list(wire.MAX_DEPTH + 3),
    "a million items": {"t": "list", "v": [{"t": "int", "v": 1}] * 1_000_000},
    "items over the cap, nested": {"t": "list", "v": [{"t": "list", "v": [{"t": "none"}] * 1000}] * 200},
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_value_is_unreadable(name: str):
    decoded = decode(HOSTILE[name])
    assert isinstance(decoded, Unreadable), f"{name} decoded to {decoded!r:.200}"
    assert len(decoded.reason) <= 200


def test_huge_claimed_shape_never_allocates(monkeypatch):
    """A header claiming terabytes is refused from its header alone: nothing is read or allocated."""
    def no_allocation(*args, **kwargs):
        raise AssertionError("allocated for a refused header")

    monkeypatch.setattr(np, "frombuffer", no_allocation)
    assert isinstance(decode(HOSTILE["huge claimed shape"]), Unreadable)


@pytest.mark.parametrize("error", [MemoryError, RecursionError, OverflowError, KeyError, RuntimeError])
def test_any_exception_while_decoding_is_one_unreadable_value(monkeypatch, error):
    def explode(text):
        raise error("boom")

    monkeypatch.setattr(wire, "text_to_array", explode)
    payload = {"t": "tuple", "v": [array_of(VALID), {"t": "int", "v": 7}]}
    first, second = decode(payload)
    assert isinstance(first, Unreadable) and error.__name__ in first.reason
    assert second == 7


def test_a_hostile_value_spoils_only_itself():
    payload = {"t": "list", "v": [HOSTILE["huge claimed shape"], {"t": "float", "v": 2.5}, array_of(VALID)]}
    bad, number, array = decode(payload)
    assert isinstance(bad, Unreadable)
    assert number == 2.5
    assert np.array_equal(array, np.arange(6.0).reshape(2, 3))


def test_items_up_to_the_cap_are_read():
    values = decode({"t": "list", "v": [{"t": "int", "v": 1}] * (MAX_ITEMS - 1)})
    assert values == [1] * (MAX_ITEMS - 1)


@pytest.mark.parametrize(
    "value",
    [
        0, -3, 2**63, 1.5, -0.0, 1e300, True, False, None,
        (1, 2.0, [3, (4,)]), [], (),
    ],
    ids=repr,
)
def test_plain_values_round_trip(value):
    decoded = decode(loads(dumps(encode(value))))
    assert decoded == value and type(decoded) is type(value)


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf])
def test_non_finite_floats_round_trip(number: float):
    decoded = decode(loads(dumps(encode(number))))
    assert type(decoded) is float and (math.isnan(decoded) if math.isnan(number) else decoded == number)


@pytest.mark.parametrize(
    "array",
    [
        np.arange(12.0).reshape(3, 4),
        np.arange(12, dtype=np.float32).reshape(3, 4).T,
        np.asfortranarray(np.arange(12).reshape(3, 4)),
        np.zeros((0, 5)),
        np.array(7, dtype=np.int8),
        np.array([True, False]),
        np.arange(5, dtype=">f8"),
        np.arange(6, dtype=np.uint16).reshape(1, 2, 3),
        np.array([np.nan, np.inf, -np.inf], dtype=np.float16),
    ],
    ids=lambda a: f"{a.dtype}{a.shape}",
)
def test_arrays_round_trip(array: np.ndarray):
    decoded = decode(loads(dumps(encode(array))))
    assert isinstance(decoded, np.ndarray) and decoded.flags.writeable
    assert decoded.shape == array.shape and decoded.dtype == array.dtype.newbyteorder("=")
    assert np.array_equal(decoded, array, equal_nan=True)


def test_version_2_header_is_read():
    array = np.arange(4.0)
    text = npy_text({"descr": "<f8", "fortran_order": False, "shape": (4,)}, array.tobytes(), (2, 0))
    assert np.array_equal(decode(array_of(text)), array)


def test_functions_and_opaque_values_round_trip():
    def f(x):
        return x

    assert decode(encode(f, {f: "f"}), {"f": f}) is f
    assert decode(encode(object())) == Opaque("object")


def test_loads_refuses_text_over_the_cap():
    with pytest.raises(ValueError, match="refusing"):
        loads(" " * (MAX_BYTES + 1))


@pytest.mark.parametrize("depth", [10_000, 200_000])
def test_loads_refuses_deep_nesting_with_a_value_error(depth: int):
    text = "[" * depth + "]" * depth
    try:
        payload = loads(text)
    except ValueError:
        return
    assert isinstance(payload, list)  # a parser that copes is fine too; decode caps the depth


def test_loads_refuses_malformed_text():
    for text in ("{", "", "\xff", b"\xff\xfe", "1" * 5000):
        with pytest.raises(ValueError):
            loads(text)


def test_deeply_nested_value_description_decodes_without_raising():
    text = '{"t": "list", "v": [' * 5000 + '{"t": "none"}' + "]}" * 5000
    try:
        payload = loads(text)
    except ValueError:
        return
    assert isinstance(decode(payload), Unreadable)
