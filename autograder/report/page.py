"""The report's page: its head, tables, embedded figures and the plotting backend."""

from __future__ import annotations

import base64
import html
from pathlib import Path

__all__ = ["PAGE_HEAD", "embedded", "pyplot", "table"]

PAGE_HEAD = ("<!doctype html><html><head><meta charset='utf-8'><title>Grade report</title>"
             "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}td,th{padding:.2em .6em;"
             "text-align:left;vertical-align:top}table{border-collapse:collapse}tr:nth-child(even){background:#f4f4f4}"
             "img{max-width:100%}table.pair{width:100%;table-layout:fixed}"
             "table.pair td{width:50%;border:1px solid #ccc}"
             "pre{white-space:pre-wrap;font-size:85%}</style></head><body>")


def table(title: str, header: tuple[str, str], rows) -> list[str]:
    """Returns the HTML of a two-column table under a heading."""
    parts = [f"<h2>{title}</h2><table><tr><th>{header[0]}</th><th>{header[1]}</th></tr>"]
    parts += [f"<tr><td>{html.escape(str(a))}</td><td>{html.escape(str(b))}</td></tr>" for a, b in rows]
    return [*parts, "</table>"]



def embedded(path: Path) -> str:
    """Returns an <img> tag carrying the PNG itself, so the page needs no server."""
    data = base64.b64encode(path.read_bytes()).decode()
    return f'<img alt="{html.escape(path.stem)}" src="data:image/png;base64,{data}">'



def pyplot():
    """Returns matplotlib's pyplot drawing off screen (no display on a grading machine)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt
