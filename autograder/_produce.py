"""Runs in the student's kernel, inside the sandbox: apply the student's function, write plain values.

Nothing here judges. The student's code can patch or replace all of it, and gains nothing:
the trusted grader recomputes the inputs and the expected results itself and reads what is
written here only as plain data.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from autograder._functions import FUNCTIONS, NAMES
from autograder._wire import decode, dumps, encode, loads

__all__ = ["produce"]

IO = Path("/grading/io")


def call(function: Any, args: list, kwargs: dict) -> dict:
    """Returns the record of one call: what it returned or raised, and its arguments after."""
    import numpy as np

    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            record = {"returned": encode(function(*args, **kwargs), NAMES)}
    except KeyboardInterrupt:
        raise
    except BaseException as error:
        record = {"raised": [k.__name__ for k in type(error).__mro__], "message": str(error)[:500]}
    record["args_after"] = [encode(a, NAMES) for a in args]
    return record


def produce(grade_id: str, function_name: str, namespace: dict, io: Path = IO) -> None:
    """Calls the student's function on each input of the check and writes what it did."""
    request = loads((io / "inputs" / f"{grade_id}.json").read_text())
    function = namespace.get(function_name)
    out = io / "values" / f"{grade_id}.json"
    out.parent.mkdir(exist_ok=True)
    if not callable(function):
        out.write_text(dumps({"missing": function_name}))
        return
    records: list[dict] = []
    try:
        for case in request["cases"]:
            args = [decode(a, FUNCTIONS) for a in case["args"]]
            kwargs = {k: decode(v, FUNCTIONS) for k, v in case["kwargs"].items()}
            records.append(call(function, args, kwargs))
    finally:
        out.write_text(dumps({"records": records}))
