"""The check model: inputs drawn from a seed, a trusted reference, a judge that names mistakes.

A check never trusts what the student's function returns: it converts the result to a plain
array of a numeric dtype before comparing, so an object that lies about equality gains nothing.
Inputs are generated here from a seed, and the same seed gives the same inputs wherever the
check runs, so the judgement can later move to a process the student cannot touch.
"""

from __future__ import annotations

import copy
import inspect
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from autograder._source import calls_in, loop_message

__all__ = [
    "Case",
    "Check",
    "CheckFailed",
    "Mistake",
    "Produced",
    "Raised",
    "Raises",
    "as_float",
    "as_floats",
    "describe",
    "judge_value",
    "outcome",
    "produce",
]


class CheckFailed(AssertionError):
    """A student's answer failed a check; the message says what is wrong and how to fix it."""


@dataclass(frozen=True)
class Raises:
    """The expected outcome of a case that must raise an exception of this type."""

    exception: type[BaseException]


@dataclass(frozen=True)
class Case:
    """One call of the student's function: its arguments and a description safe to show."""

    args: tuple
    label: str
    kwargs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Mistake:
    """A known wrong formula: when the answer matches it, the message names the mistake."""

    formula: Callable[..., Any]
    message: str


@dataclass(frozen=True)
class Check:
    """A graded test: cases drawn from a seed, judged against a reference solution."""

    grade_id: str
    function: str
    cases: Callable[[np.random.Generator], list[Case]]
    reference: Callable[..., Any]
    mistakes: Sequence[Mistake] = ()
    no_loops: bool = False
    forbidden_calls: Sequence[str] = ()
    scalar: bool = False
    compare: Callable[[Case, Any, Any], str | None] | None = None
    raise_hints: Sequence[tuple[str, str]] = ()  # (text in the error, hint to add)
    # bound on a correct answer's rounding error per result entry, in machine epsilons of the inputs
    rounding: Callable[..., Any] | None = None

    def run(self, student: Callable[..., Any], seed: int) -> None:
        """Raises CheckFailed with a helpful message if `student` fails any case (all in this process)."""
        problem = self.source_problem(function_source(student))
        if problem:
            raise CheckFailed(problem)
        for case in self.cases(np.random.default_rng(seed)):
            problem = self.judge(student, case)
            if problem:
                raise CheckFailed(problem)

    def source_problem(self, source: str | None) -> str | None:
        """Returns why the function's source breaks the rules of the exercise, or None."""
        if not (self.no_loops or self.forbidden_calls):
            return None
        if source is None:
            return f"the source of `{self.function}` could not be read; define it with `def` in the notebook."
        return static_problem(source, self.function, self.no_loops, self.forbidden_calls)

    def judge(self, student: Callable[..., Any], case: Case) -> str | None:
        """Returns None if `student` is right on `case`, else what is wrong."""
        return self.verdict(case, produce(student, case))

    def verdict(self, case: Case, produced: Produced) -> str | None:
        """Returns None if what the student's function produced on `case` is right, else what is wrong.

        This is the trusted half: it recomputes the expected outcome itself and reads `produced`
        only as plain data, so it can run in a process the student's code never touched.
        """
        expected = outcome(self.reference, case)
        if isinstance(expected, Raised):
            expected = Raises(expected.kind_type())
        got = produced.value
        if isinstance(got, Raised):
            if isinstance(expected, Raises) and got.is_a(expected.exception):
                return None
            return f"`{self.function}` raised {got.short_text()} for {case.label}.{self.hint_for(got)}"
        if isinstance(expected, Raises):
            return (
                f"`{self.function}` returned a value for {case.label}, but it must raise "
                f"{expected.exception.__name__} there."
            )
        if not same_inputs(case.args, produced.args_after):
            return (
                f"`{self.function}` modified its input in place for {case.label}. "
                "Compute a new array instead of writing into the argument "
                "(for example `x = x / n`, not `x /= n`)."
            )
        if self.compare is not None:
            return self.compare(case, got, expected)
        rounding = self.rounding_of(case)
        problem = judge_value(got, expected, case, self.scalar, rounding)
        if problem:
            return self.name_mistake(case, got, rounding) or f"`{self.function}`: {problem}"
        return None

    def rounding_of(self, case: Case) -> Any:
        """Returns this check's rounding bound for the case (in epsilons), or None."""
        if self.rounding is None:
            return None
        with np.errstate(all="ignore"):
            return self.rounding(*case.args, **case.kwargs)

    def hint_for(self, raised: Raised) -> str:
        """Returns this check's hint for an exception, else the general one, with a leading space."""
        for needle, hint in self.raise_hints:
            if needle in raised.text():
                return " Hint: " + hint
        return hint_for(raised)

    def name_mistake(self, case: Case, got: Any, rounding: Any = None) -> str | None:
        """Returns the message of the first known mistake that `got` matches."""
        for mistake in self.mistakes:
            wrong = outcome(mistake.formula, case)
            if not isinstance(wrong, Raised) and judge_value(got, wrong, case, self.scalar, rounding) is None:
                return f"`{self.function}` is wrong for {case.label}: {mistake.message}"
        return None


@dataclass(frozen=True)
class Raised:
    """A call that raised instead of returning: the exception's class names and message."""

    kinds: tuple[str, ...]
    message: str

    @classmethod
    def from_error(cls, error: BaseException) -> Raised:
        """Returns the record of an exception (its class and base classes by name)."""
        kinds = tuple(k.__name__ for k in type(error).__mro__)
        return cls(kinds, str(error)[:500])

    def is_a(self, exception: type[BaseException]) -> bool:
        """Returns True if the exception was of this type or a subclass of it."""
        return exception.__name__ in self.kinds

    def kind_type(self) -> type[BaseException]:
        """Returns the built-in exception class of the record, or Exception."""
        import builtins

        found = getattr(builtins, self.kinds[0], None) if self.kinds else None
        return found if isinstance(found, type) and issubclass(found, BaseException) else Exception

    def text(self) -> str:
        """Returns `Type: message`."""
        return f"{self.kinds[0] if self.kinds else 'Exception'}: {self.message}"

    def short_text(self) -> str:
        """Returns the exception as `Type: message`, short."""
        name = self.kinds[0] if self.kinds else "Exception"
        first = self.message.splitlines()[0][:200] if self.message else ""
        return f"{name}: {first}" if first else name


@dataclass(frozen=True)
class Produced:
    """What the student's function did on one case: its result (or Raised) and its arguments after."""

    value: Any
    args_after: tuple


def produce(student: Callable[..., Any], case: Case) -> Produced:
    """Calls the student's function on a copy of the case's arguments; never raises."""
    given = copy.deepcopy(case.args)
    value = outcome(student, Case(given, case.label, copy.deepcopy(case.kwargs)))
    return Produced(value, given)


HINTS = {
    "converted to Python scalars": "math functions take one number at a time; use the np. version.",
    "NotImplementedError": "replace `raise NotImplementedError()` with your solution.",
    "could not be broadcast": "print the shapes of both operands; keepdims=True or [:, None] may help.",
}


def hint_for(raised: Raised) -> str:
    """Returns a one-line hint for a common exception, with a leading space, or ''."""
    text = raised.text()
    for needle, hint in HINTS.items():
        if needle in text:
            return " Hint: " + hint
    return ""


def outcome(function: Callable[..., Any], case: Case) -> Any:
    """Returns what `function` returns on the case, or Raised when it raises."""
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return function(*case.args, **case.kwargs)
    except KeyboardInterrupt:
        raise
    except BaseException as error:
        return Raised.from_error(error)


def same_inputs(before: Any, after: Any) -> bool:
    """Returns True if the arguments were left as they were."""
    if isinstance(before, np.ndarray):
        return (
            isinstance(after, np.ndarray)
            and before.shape == after.shape
            and np.array_equal(before, after, equal_nan=True)
        )
    if isinstance(before, (tuple, list)):
        return (
            isinstance(after, (tuple, list))
            and len(before) == len(after)
            and all(same_inputs(b, a) for b, a in zip(before, after, strict=True))
        )
    return True


def as_float(x: Any) -> np.ndarray:
    """Returns x as a float64 array, for the references and the mistakes."""
    return np.asarray(x, dtype=float)


def as_floats(*xs: Any) -> tuple[np.ndarray, ...]:
    """Returns each argument as a float64 array, for the references and the mistakes."""
    return tuple(np.asarray(x, dtype=float) for x in xs)


def describe(x: Any) -> str:
    """Returns a description of an input that shows its kind, shape and dtype, not its values."""
    if isinstance(x, np.ndarray):
        kind = {0: "0-d array", 1: "vector", 2: "matrix"}.get(x.ndim, f"{x.ndim}-d array")
        return f"a {kind} of shape {x.shape} and dtype {x.dtype}"
    return f"a Python {type(x).__name__}"


# Rounding a correct answer may add to any entry, in epsilons of the largest entry of the result.
NORMWISE_EPSILONS = 16


def input_epsilon(case: Case) -> float:
    """Returns the machine epsilon of the least precise floating input (float64's if there is none)."""
    dtypes = [a.dtype for a in flat_arrays(case.args) if a.dtype.kind == "f"]
    return max((float(np.finfo(d).eps) for d in dtypes), default=float(np.finfo(np.float64).eps))


def tolerance(case: Case, want: Any = None, rounding: Any = None) -> tuple[float, Any]:
    """Returns (rtol, atol) for comparing an answer with the float64 result `want` of the case.

    rtol is the precision demanded of each entry. atol adds what rounding can cost a correct
    answer computed in the inputs' dtype: a few epsilons of the result's largest entry, and the
    check's own bound where it sums many terms (`rounding`, in epsilons, e.g. n * (|W| @ |x|)),
    so the verdict never depends on the summation order of a BLAS kernel.
    """
    eps = input_epsilon(case)
    rtol, floor = (1e-4, 1e-6) if eps >= np.finfo(np.float32).eps else (1e-6, 1e-9)
    atol = floor + NORMWISE_EPSILONS * eps * largest_finite(want)
    if rounding is not None:
        atol = atol + eps * bound_for(rounding, np.shape(want))
    return rtol, atol


def bound_for(rounding: Any, shape: tuple[int, ...]) -> Any:
    """Returns the rounding bound as non-negative floats that fit `shape`, else its largest entry."""
    bound = np.nan_to_num(np.abs(np.asarray(rounding, dtype=float)), nan=0.0, posinf=0.0)
    try:
        fits = np.broadcast_shapes(bound.shape, shape) == tuple(shape)
    except ValueError:
        fits = False
    return bound if fits else float(bound.max(initial=0.0))


def largest_finite(values: Any) -> float:
    """Returns the largest finite magnitude among the values, 0 if there is none."""
    if values is None:
        return 0.0
    magnitudes = np.abs(np.asarray(values, dtype=float))
    finite = magnitudes[np.isfinite(magnitudes)]
    return float(finite.max()) if finite.size else 0.0


def flat_arrays(args: Any) -> list[np.ndarray]:
    """Returns every ndarray found in nested tuples and lists of arguments."""
    if isinstance(args, np.ndarray):
        return [args]
    if isinstance(args, (tuple, list)):
        return [a for item in args for a in flat_arrays(item)]
    return []


def as_plain_array(value: Any) -> np.ndarray | None:
    """Returns `value` as a base-class numeric ndarray, or None if it is not numeric data."""
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, float, np.number)):
        return np.asarray(float(value))
    if not isinstance(value, np.ndarray):
        return None
    plain = np.array(value, copy=True, subok=False)
    if plain.dtype.kind not in "iuf":
        return None
    return plain


def judge_value(got: Any, expected: Any, case: Case, scalar: bool, rounding: Any = None) -> str | None:
    """Returns None if `got` matches `expected` within tolerance, else what differs.

    `rounding` is the check's bound on a correct answer's rounding error (see `tolerance`).
    """
    want = np.asarray(expected, dtype=float)
    if scalar or want.ndim == 0:
        if not isinstance(got, (int, float, np.number, np.ndarray)) or isinstance(got, bool):
            return f"expected a number for {case.label}, got a {type(got).__name__}."
        plain = as_plain_array(got)
        if plain is None or plain.size != 1:
            return f"expected a single number for {case.label}, got shape {np.shape(got)}."
        plain = plain.reshape(())
    else:
        if not isinstance(got, np.ndarray):
            return (
                f"expected a NumPy array for {case.label}, got a {type(got).__name__}. "
                "Use NumPy functions, which return arrays."
            )
        plain = as_plain_array(got)
        if plain is None:
            return f"expected an array of numbers for {case.label}, got dtype {got.dtype}."
        if plain.shape != want.shape:
            return f"expected shape {want.shape} for {case.label}, got shape {plain.shape}."
    if not np.all(np.isfinite(plain)) and np.all(np.isfinite(want)):
        return (
            f"the result for {case.label} contains NaN or inf. "
            "Look for an overflow in np.exp or a division by zero."
        )
    rtol, atol = tolerance(case, want, rounding)
    if not np.all(np.isclose(plain, want, rtol=rtol, atol=atol, equal_nan=True)):
        error = float(np.nanmax(np.abs(plain.astype(float) - want)))
        return f"the values are wrong for {case.label} (largest error {error:.3g})."
    return None


def function_source(function: Callable[..., Any]) -> str | None:
    """Returns the source of a function defined in this process, or None if it cannot be read."""
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return None


def static_problem(source: str, name: str, no_loops: bool, forbidden: Sequence[str]) -> str | None:
    """Returns why the function's source breaks the rules of the exercise, or None."""
    if no_loops:
        problem = loop_message(source, name)
        if problem:
            return problem
    for call in forbidden:
        if any(found == call or found.endswith("." + call.split(".")[-1]) for found in calls_in(source)):
            return f"`{name}` calls `{call}`, which does the exercise for you. Write it yourself."
    return None
