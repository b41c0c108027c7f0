"""The leads as HTML: ranked pairs with their most alike cells side by side."""

from __future__ import annotations

import html
from pathlib import Path

from autograder.similarity.ranking import Lead, SimilarityReport
from autograder.similarity.reading import ClassCode

__all__ = ["html_section", "write_html"]


def side_by_side(lead: Lead, code: ClassCode, limit: int = 3) -> str:
    """Returns HTML with the lead's most alike exercises, the two students' cells side by side."""
    parts = []
    for exercise, share in sorted(lead.exercises.items(), key=lambda item: -item[1])[:limit]:
        cells = [html.escape(code.code[s].get(exercise, "")) for s in lead.students]
        parts.append(f"<p>{html.escape(exercise[0][:2] + ' ' + exercise[1])}: {share:.0%} of the smaller cell's "
                     f"fingerprints in common</p><table class='pair'><tr><th>{html.escape(lead.students[0])}</th>"
                     f"<th>{html.escape(lead.students[1])}</th></tr><tr><td><pre>{cells[0]}</pre></td>"
                     f"<td><pre>{cells[1]}</pre></td></tr></table>")
    return "\n".join(parts)


def html_section(result: SimilarityReport, code: ClassCode, top: int = 20) -> str:
    """Returns the report's similarity section: the ranked leads and their code side by side."""
    parts = ["<h2>Similarity leads</h2>",
             "<p>Pairs of students whose solutions share unusual code, after names, literals, comments and the "
             "starter and reference code are taken out. <b>These are leads to review, not verdicts</b>: shared "
             "code can come from a lecture example, a hint or working together as allowed.</p>",
             f"<p>{result.students} students; {len(result.exercises)} exercises compared; skipped (one short "
             f"expression): {html.escape(', '.join(ex for _, ex in result.skipped)) or 'none'}.</p>"]
    if result.clusters:
        parts.append("<p>Groups linked by strong leads: " + "; ".join(
            html.escape(", ".join(group)) for group in result.clusters[:10]) + "</p>")
    for rank, lead in enumerate(result.leads[:top], 1):
        parts.append(f"<h3>{rank}. {html.escape(lead.students[0])} and {html.escape(lead.students[1])} "
                     f"(evidence {lead.evidence:.1f})</h3>")
        parts.append(side_by_side(lead, code))
    return "\n".join(parts)


STYLE = ("<style>body{font-family:sans-serif;max-width:75em;margin:2em auto}table.pair{width:100%;"
         "table-layout:fixed;border-collapse:collapse}table.pair td{vertical-align:top;border:1px solid #ccc;"
         "width:50%}pre{white-space:pre-wrap;margin:.3em;font-size:85%}</style>")


def write_html(result: SimilarityReport, code: ClassCode, path: Path, title: str, top: int = 20) -> Path:
    """Writes a self-contained page of the leads, the top ones with their code; returns its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>{STYLE}"
                    f"</head><body><h1>{html.escape(title)}</h1>{html_section(result, code, top)}</body></html>")
    return path
