"""nbgrader's cells as the course reads them: which cells are the student's and which are graded, and the
output a test cell carries when it fails. One place for these facts: the judge, the cluster's recorder, the
export and the synthetic class all ask here; repair.py, which must read tampered files without failing, asks the
tolerant ones."""

from __future__ import annotations

from typing import Any

import nbformat

__all__ = ["error_output", "is_solution_cell", "is_solution_cell_tolerant", "is_test_cell", "is_test_cell_tolerant",
           "nbgrader_meta", "text_of", "tolerant_nbgrader_meta"]


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


def tolerant_nbgrader_meta(cell: Any) -> dict:
    """Returns a cell's nbgrader metadata, or {} when it has none or it is not a mapping (a tampered file)."""
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta if isinstance(meta, dict) else {}


def is_solution_cell_tolerant(cell: Any) -> bool:
    """Returns True for a cell the student writes, read as repair.py must read any file: of any cell type,
    graded or not (a manually graded answer too), with malformed metadata read as none."""
    return bool(tolerant_nbgrader_meta(cell).get("solution"))


def is_test_cell_tolerant(cell: Any) -> bool:
    """Returns True for a graded cell the student does not write, read as repair.py must read any file: of any
    cell type, with malformed metadata read as none."""
    meta = tolerant_nbgrader_meta(cell)
    return bool(meta.get("grade")) and not meta.get("solution")


def text_of(source: Any) -> str:
    """Returns a cell source stored as a string or as a list of lines, as one string."""
    return "".join(source) if isinstance(source, list) else str(source)


def error_output(message: str) -> Any:
    """Returns the error output nbgrader reads as a failed test, carrying only our message."""
    return nbformat.from_dict(  # our own shape: no schema check per output (nbformat's costs ~1 ms each)
        {"output_type": "error", "ename": "CheckFailed", "evalue": message, "traceback": [f"CheckFailed: {message}"]}
    )
