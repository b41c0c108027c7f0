"""The trusted half of the judge, without a sandbox: static rules on the notebook text, forged values."""

from __future__ import annotations

import base64
import io

import nbformat
import numpy as np
import pytest

from autograder.checks import CHECKS
from autograder.inside import wire
from autograder.judge import Layout, static_verdict, static_verdicts, values_verdict


def cells(*sources: str) -> list:
    """Returns code cells with the given sources."""
    return [nbformat.v4.new_code_cell(s) for s in sources]


def records(check, seed: int, function) -> dict:
    """Returns the values file a producer would write for `function` on the check's cases."""
    out = []
    for case in check.cases(np.random.default_rng(seed)):
        args = [np.copy(a) if isinstance(a, np.ndarray) else a for a in case.args]
        returned = wire.encode(function(*args, **case.kwargs))
        out.append({"returned": returned, "args_after": [wire.encode(a) for a in args]})
    return {"records": out}


def test_a_loop_in_a_helper_function_is_found():
    check = CHECKS["dot_product_values"]
    notebook = cells(
        "def helper(a, b):\n    total = 0\n    for i in range(len(a)):\n        total += a[i] * b[i]\n    return total",
        "def dot_product(x1, x2):\n    return helper(x1, x2)",
    )
    assert "for loop" in static_verdict(check, notebook)


def test_a_vectorized_answer_passes_the_static_rules():
    notebook = cells("import numpy as np", "def dot_product(x1, x2):\n    return np.dot(x1, x2)")
    assert static_verdict(CHECKS["dot_product_values"], notebook) is None


def test_a_function_that_ignores_its_input_is_named_hard_coded():
    notebook = cells("def sigmoid(x):\n    return np.array([0.73105858, 0.88079708, 0.95257413])")
    assert "never uses its input" in static_verdict(CHECKS["sigmoid_values"], notebook)


def test_a_later_reassignment_is_what_counts():
    notebook = cells(
        "def dot_product(x1, x2):\n    return np.dot(x1, x2)",
        "def loop_dot(x1, x2):\n    return sum(a * b for a, b in zip(x1, x2))",
        "dot_product = loop_dot",
    )
    assert "must be defined once, with `def dot_product" in static_verdict(CHECKS["dot_product_values"], notebook)


def test_magics_in_given_code_do_not_break_the_reading_and_in_a_solution_cost_only_its_exercise():
    layout = Layout((("given", "", "%matplotlib inline\nimport numpy as np"), ("solution", "sigmoid", ""),
                     ("solution", "basic_sigmoid", "")))
    solutions = {"sigmoid": "def sigmoid(x):\n    return 1 / (1 + np.exp(-x))",
                 "basic_sigmoid": "%%capture\ndef basic_sigmoid(x):\n    return 1 / (1 + math.exp(-x))"}
    problems, refused = static_verdicts(layout, solutions, [CHECKS["sigmoid_values"], CHECKS["basic_sigmoid_values"]])
    assert "sigmoid_values" not in problems
    assert "not valid Python" in problems["basic_sigmoid_values"] and refused == {1}


def test_forged_values_of_a_right_function_pass():
    check = CHECKS["softmax_rows"]
    reference = check.reference
    assert values_verdict(check, check.cases(np.random.default_rng(7)), records(check, 7, reference), "x") is None


def test_values_for_other_inputs_fail():
    """A kernel that computes right answers for inputs it chose itself gains nothing."""
    check = CHECKS["softmax_rows"]
    data = records(check, 8, check.reference)
    problem = values_verdict(check, check.cases(np.random.default_rng(7)), data, "x")
    assert problem is not None


@pytest.mark.parametrize(
    "returned",
    [
        {"t": "opaque", "type": "AlwaysEqual"},
        {"t": "list", "v": [{"t": "float", "v": 0.5}]},
        {"t": "ndarray", "v": "not base64 npy"},
        {"t": "pickle", "v": "gASVCgAAAAAAAACMBnBvc2l4lC4="},
        "garbage",
    ],
    ids=["opaque", "list", "bad-npy", "pickle", "garbage"],
)
def test_malformed_or_foreign_values_fail_with_a_message(returned):
    check = CHECKS["sigmoid_values"]
    cases = check.cases(np.random.default_rng(0))
    data = {"records": [{"returned": returned, "args_after": []} for _ in cases]}
    problem = values_verdict(check, cases, data, "x")
    assert problem and "`sigmoid`" in problem


def test_missing_values_give_the_reason():
    check = CHECKS["sigmoid_values"]
    cases = check.cases(np.random.default_rng(0))
    assert values_verdict(check, cases, None, "the kernel died") == "the kernel died"
    assert "did not finish" in values_verdict(check, cases, {"records": []}, "x")


def test_wire_never_unpickles():
    buffer = io.BytesIO()
    np.save(buffer, np.array([object()], dtype=object), allow_pickle=True)
    with pytest.raises(ValueError, match="pickle"):
        wire.text_to_array(base64.b64encode(buffer.getvalue()).decode())


def test_wire_copies_subclasses_into_plain_arrays():
    class Liar(np.ndarray):
        def __eq__(self, other):
            return True

    encoded = wire.encode(np.zeros(3).view(Liar))
    decoded = wire.decode(encoded)
    assert type(decoded) is np.ndarray and not np.array_equal(decoded, np.ones(3))


def test_without_a_sandbox_grading_is_refused_unless_asked(monkeypatch):
    from autograder import judge
    from autograder._exceptions import SandboxUnavailable
    from autograder.judge import preprocessor

    monkeypatch.setattr(preprocessor, "sandbox_problem", lambda: "bubblewrap (bwrap) is not installed")
    with pytest.raises(SandboxUnavailable, match="allow_unsandboxed"):
        judge.TrustedJudge().sandbox_decision()
    assert judge.TrustedJudge(allow_unsandboxed=True).sandbox_decision() is False


def test_an_untouched_stub_is_called_not_written_yet():
    notebook = cells("def sigmoid(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n    return s")
    assert "not written yet" in static_verdict(CHECKS["sigmoid_values"], notebook)
