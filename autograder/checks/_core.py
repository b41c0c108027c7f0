"""The check model: inputs drawn from a seed, a trusted reference, a judge that names mistakes.

A check never trusts what the student's function returns: `_values.judge_value` compares it as
plain numeric data. Exceptions, modified inputs and the rules on the source are judged here.
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
from autograder.checks._values import judge_value

__all__ = [
    "Case",
    "Check",
    "CheckFailed",
    "Mistake",
    "Produced",
    "Raised",
    "Raises",
    "exercise_checks",
    "outcome",
    "produce",
    "value_verdict",
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


Cases = Callable[[np.random.Generator], list[Case]]  # draws the cases of a check from a seeded generator


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
    cases: Cases
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
        return value_verdict(self.function, self.mistakes, case, got, expected, self.scalar, self.rounding_of(case))

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


def exercise_checks(function: str, cases: dict[str, Cases], *, kind: type[Check] = Check, **shared: Any) -> list[Check]:
    """Returns the checks of one exercise, one per graded test cell: each its grade id and cases, the rest shared."""
    return [kind(grade_id=grade_id, function=function, cases=drawn, **shared) for grade_id, drawn in cases.items()]


def value_verdict(function: str, mistakes: Sequence[Mistake], case: Case, got: Any, expected: Any, scalar: bool,
                  rounding: Any = None) -> str | None:
    """Returns None if the value `got` is right, else the first known mistake it matches, else what differs."""
    problem = judge_value(got, expected, case, scalar, rounding)
    if problem is None:
        return None
    for mistake in mistakes:
        wrong = outcome(mistake.formula, case)
        if not isinstance(wrong, Raised) and judge_value(got, wrong, case, scalar, rounding) is None:
            return f"`{function}` is wrong for {case.label}: {mistake.message}"
    return f"`{function}`: {problem}"


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
