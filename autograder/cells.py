"""nbgrader's cells as the course reads them: which cells are the student's and which are graded, and the
output a test cell carries when it fails. One place for these facts: the judge, the cluster's recorder and the
synthetic class all ask here."""

from __future__ import annotations

from typing import Any

import nbformat

__all__ = ["error_output", "is_solution_cell", "is_test_cell", "nbgrader_meta", "text_of"]


def nbgrader_meta(cell: Any) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def is_test_cell(cell: Any) -> bool:
    """Returns True if the cell is an autograded test cell."""
    meta = nbgrader_meta(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def is_solution_cell(cell: Any) -> bool:
    """Returns True if the cell is an autograded solution cell (the student's code)."""
    meta = nbgrader_meta(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("solution")) and not meta.get("grade")


def text_of(source: Any) -> str:
    """Returns a cell source stored as a string or as a list of lines, as one string."""
    return "".join(source) if isinstance(source, list) else str(source)


def error_output(message: str) -> Any:
    """Returns the error output nbgrader reads as a failed test, carrying only our message."""
    return nbformat.from_dict(  # our own shape: no schema check per output (nbformat's costs ~1 ms each)
        {"output_type": "error", "ename": "CheckFailed", "evalue": message, "traceback": [f"CheckFailed: {message}"]}
    )
