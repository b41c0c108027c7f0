"""pytest configuration shared by tests/ and the nbval run over source/python_basics/."""

from __future__ import annotations

import nbval.kernel


def execute_with_history(self, cell_input, allow_stdin=None):
    """Runs a cell as JupyterLab does, with store_history=True.

    nbval 0.11 sends store_history=False, and IPython 9 decides whether a trailing `;` hides
    a cell's value from the last stored input: a plot cell ending in `ax.legend();` then shows
    `<matplotlib.legend.Legend at 0x...>` under nbval only. Returns the message id, as nbval's.
    """
    return self.kc.execute(cell_input, store_history=True, allow_stdin=allow_stdin, stop_on_error=False)


nbval.kernel.RunningKernel.execute_cell_input = execute_with_history
