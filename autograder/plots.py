"""Plot and timing helpers shared by the notebooks, so no notebook copies another's code."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import matplotlib.pyplot as plt

__all__ = ["best_time", "new_axes"]


def new_axes(xlabel: str, ylabel: str, title: str, figsize: tuple[float, float] = (6, 4)):
    """Returns (fig, ax) with the axes labelled and titled, in the course's style."""
    fig, ax = plt.subplots(figsize=figsize)
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    ax.grid(True, alpha=0.3)
    return fig, ax


def best_time(function: Callable[..., Any], *args: Any, repeat: int = 5, budget: float = 0.2) -> float:
    """Returns the best time in seconds of one call, over `repeat` runs or about `budget` seconds.

    The best of several runs is the honest figure: slower runs measure the machine's noise.
    """
    best = float("inf")
    spent = 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        function(*args)
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        spent += elapsed
        if spent > budget:
            break
    return best
