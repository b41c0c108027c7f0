"""SanitizeOutputs leaves no active content in what formgrader and the feedback render.

Each hostile variant is sanitized, then rendered the way formgrader's submission view renders an
autograded notebook (nbconvert with nbgrader's formgrade template); the page must hold no script
but the template's own, no event handler, no javascript: URL and no frame, object or form.
"""

from __future__ import annotations

import copy
import html.parser
import time
from pathlib import Path

import nbformat
import nbgrader.server_extensions.formgrader as formgrader
import pytest
from nbconvert import HTMLExporter
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output, new_raw_cell

from autograder.release import ROOT
from autograder.sanitize import SanitizeOutputs, as_code_block, nesting_depth, render_markdown

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
FORMGRADE_TEMPLATES = Path(formgrader.__file__).parent / "templates"
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "form", "base", "meta", "svg", "math", "style", "link"}

HOSTILE_HTML = {
    "script tag": '<script>document.title="PWNED"</script>',
    "mixed case script": '<ScRiPt>document.title="PWNED"</sCrIpT>',
    "img onerror": "<img src=x onerror=\"document.title='PWNED'\">",
    "mixed case onerror": "<IMG SRC=x OnErRoR=alert(1)>",
    "svg onload": "<svg onload=alert(1)><circle r=5 /></svg>",
    "svg style breakout": "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "javascript href": '<a href="javascript:alert(1)">click</a>',
    "encoded javascript href": '<a href="JaVa&#x09;ScRiPt&#58;alert(1)">click</a>',
    "data html href": '<a href="data:text/html,<script>alert(1)</script>">click</a>',
    "iframe srcdoc": "<iframe srcdoc=\"<script>parent.document.title='PWNED'</script>\"></iframe>",
    "object and embed": '<object data="x.swf"></object><embed src="x.swf">',
    "form": '<form action="/api/contents" method="post"><button>go</button></form>',
    "base and meta": '<base href="https://evil.example/">'
                     '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "style attribute": '<div style="color: red; background-image: url(javascript:alert(1)); behavior: url(x)">x</div>',
    "style expression": '<p style="width: expression(alert(1))">x</p>',
    "autofocus handler": '<xss autofocus tabindex=1 onfocus=alert(1)>x</xss>',
    "math href": '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
}
HOSTILE_MARKDOWN = {
    "script": "Answer:\n\n<script>document.title='PWNED'</script>",
    "img onerror": "![plot](x) <img src=x onerror=alert(1)>",
    "javascript link": "[see my answer](javascript:alert(1))",
    "entity javascript link": "[see](&#106;avascript:alert(1))",
    "autolink": "<javascript:alert(1)>",
    "iframe": "<iframe src='/api/contents'></iframe>",
    "math with html": "$x$ and $$<img src=x onerror=alert(1)>$$",
}


class Attributes(html.parser.HTMLParser):
    """Collects every tag and attribute of a page."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.found += [(tag, name, value or "") for name, value in attrs] or [(tag, "", "")]


def render(nb) -> str:
    """The page formgrader's submission view makes of a notebook."""
    exporter = HTMLExporter(template_name="formgrade", extra_template_basedirs=[str(FORMGRADE_TEMPLATES)])
    page, _ = exporter.from_notebook_node(nb, resources={"base_url": "", "index": 0, "total": 1})
    return page


def active_content(page: str, baseline: str) -> list[tuple[str, str, str]]:
    """Tags and attributes of `page`, not in the template's own `baseline`, that can run or load code."""
    parser, template = Attributes(), Attributes()
    parser.feed(page)
    template.feed(baseline)
    return [
        (tag, name, value) for tag, name, value in set(parser.found) - set(template.found)
        if tag in ACTIVE_TAGS or name.startswith("on") or "javascript:" in value.lower().replace("\t", "")
        or name in ("srcdoc", "formaction") or (value.lower().startswith("data:") and tag != "img")
    ]


def sanitized(*cells, **metadata):
    """A notebook of these cells, after SanitizeOutputs (called as nbconvert and nbgrader call it)."""
    nb = new_notebook(cells=list(cells), metadata=metadata)
    nb, _ = SanitizeOutputs()(nb, {})
    return nb


def html_output(markup: str, **metadata):
    return new_output("display_data", data={"text/html": markup, "text/plain": "<HTML>"}, metadata=metadata)


@pytest.fixture(scope="module")
def baseline() -> str:
    return render(new_notebook(cells=[new_code_cell("1", outputs=[]), new_markdown_cell("text")]))


@pytest.mark.parametrize("markup", HOSTILE_HTML.values(), ids=HOSTILE_HTML.keys())
def test_html_outputs_lose_their_active_content(markup, baseline):
    nb = sanitized(new_code_cell("display(HTML(...))", outputs=[html_output(markup)]))
    assert not active_content(render(nb), baseline)
    assert nb.cells[0].outputs[0].data["text/plain"] == "<HTML>"


@pytest.mark.parametrize("markup", HOSTILE_HTML.values(), ids=HOSTILE_HTML.keys())
def test_raw_cells_lose_their_active_content(markup, baseline):
    assert not active_content(render(sanitized(new_raw_cell(markup))), baseline)


@pytest.mark.parametrize("text", [*HOSTILE_HTML.values(), *HOSTILE_MARKDOWN.values()],
                         ids=[*HOSTILE_HTML.keys(), *("md " + k for k in HOSTILE_MARKDOWN)])
def test_markdown_cells_and_outputs_lose_their_active_content(text, baseline):
    output = new_output("display_data", data={"text/markdown": text, "text/plain": "md"})
    nb = sanitized(new_markdown_cell(text), new_code_cell("display(Markdown(...))", outputs=[output]))
    assert not active_content(render(nb), baseline)


def test_a_script_is_shown_to_the_grader_as_text():
    nb = sanitized(new_code_cell("x", outputs=[html_output("<b>hi</b><script>steal()</script>")]),
                   new_markdown_cell("<script>steal()</script>"))
    assert nb.cells[0].outputs[0].data["text/html"] == "<b>hi</b>&lt;script&gt;steal()&lt;/script&gt;"
    assert "&lt;script&gt;steal()" in render_markdown(nb.cells[1].source)


def test_a_markdown_link_to_javascript_becomes_a_code_block():
    nb = sanitized(new_markdown_cell("[x](javascript:alert(1)) and ``` fences"))
    assert nb.cells[0].source == as_code_block("[x](javascript:alert(1)) and ``` fences")
    assert "<a" not in render_markdown(nb.cells[0].source)


@pytest.mark.parametrize("mime", ["application/javascript", "text/javascript", "application/x-javascript",
                                  "application/ecmascript", "image/svg+xml", "text/vnd.mermaid",
                                  "application/vnd.jupyter.widget-view+json", "text/latex"])
def test_other_mime_types_are_dropped_with_a_note(mime, baseline):
    payload = '{"model_id": "x"}' if mime.endswith("json") else "<svg onload=alert(1)/>alert(1)"
    nb = sanitized(new_code_cell("x", outputs=[new_output("display_data", data={mime: payload})]))
    assert nb.cells[0].outputs[0].data == {"text/plain": f"[output removed by the course's sanitizer: {mime}]"}
    assert not active_content(render(nb), baseline)


def test_a_javascript_output_keeps_its_plain_text():
    output = new_output("execute_result", data={"application/javascript": "alert(1)", "text/plain": "<JS>"},
                        execution_count=3)
    assert sanitized(new_code_cell("Javascript('alert(1)')", outputs=[output])).cells[0].outputs[0].data == {
        "text/plain": "<JS>"}


def test_output_metadata_keeps_only_image_sizes(baseline):
    metadata = {
        "image/png": {"width": '1 onerror="alert(1)"', "height": 200, "unconfined": True, "needs_background": "light",
                      "alt": '"><script>alert(1)</script>'},
        "text/html": {"isolated": True},
        "filenames": {"image/png": "javascript:alert(1)"},
    }
    output = new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"}, metadata=metadata)
    nb = sanitized(new_code_cell("plt.show()", outputs=[output]))
    assert nb.cells[0].outputs[0].metadata == {"image/png": {"height": 200, "unconfined": True,
                                                             "needs_background": "light"}}
    assert not active_content(render(nb), baseline)


def test_widget_state_and_odd_values_are_dropped():
    nb = new_notebook(cells=[new_code_cell("x", outputs=[new_output("display_data", data={"image/png": PNG})])],
                      metadata={"widgets": {"application/vnd.jupyter.widget-state+json": {"state": {}}}})
    nb.cells[0].outputs[0].data["text/html"] = {"not": "text"}
    nb, _ = SanitizeOutputs().preprocess(nb, {})
    assert "widgets" not in nb.metadata
    assert nb.cells[0].outputs[0].data == {"image/png": PNG}


def test_markdown_attachments_keep_only_images():
    cell = new_markdown_cell("![a](attachment:a.png) ![b](attachment:b.svg)")
    cell.attachments = {"a.png": {"image/png": PNG}, "b.svg": {"image/svg+xml": "<svg onload=alert(1)/>"},
                        "c.png": {"image/png": '"><script>alert(1)</script>'}}
    nb = sanitized(cell)
    assert nb.cells[0].attachments == {"a.png": {"image/png": PNG}}
    assert "attachment:b.svg" in nb.cells[0].source and "<img" not in render_markdown(nb.cells[0].source)


def test_plots_text_and_the_graders_outputs_are_kept_as_they_are():
    outputs = [
        new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure size 640x480>"},
                   metadata={"image/png": {"width": 640, "height": 480}}),
        new_output("display_data", data={"image/jpeg": "/9j/4AAQ", "text/plain": "photo"}),
        new_output("stream", name="stdout", text="<script>alert(1)</script> printed\n"),
        new_output("error", ename="AssertionError", evalue="softmax rows must sum to 1 <b>",
                   traceback=["AssertionError: softmax rows must sum to 1 <b>"]),
        new_output("execute_result", data={"text/plain": "array([1, 2])"}, execution_count=1),
    ]
    nb = sanitized(new_code_cell("plot()", outputs=copy.deepcopy(outputs)))
    assert nb.cells[0].outputs == outputs


def test_safe_student_html_and_markdown_are_kept():
    table = '<table border="1"><tbody><tr><th style="text-align: right;">a</th></tr></tbody></table>'
    markdown = "# My answer\n\nThe **softmax** is $e^{z_j}/\\sum_k e^{z_k}$, `a < b` & <b>bold</b>\n\n> quoted"
    nb = sanitized(new_code_cell("x", outputs=[html_output(table)]), new_markdown_cell(markdown))
    assert nb.cells[0].outputs[0].data["text/html"] == table
    assert nb.cells[1].source == markdown


def test_the_course_notebooks_are_unchanged():
    for path in sorted((ROOT / "source").glob("*/*.ipynb")) + sorted((ROOT / "release").glob("*/*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        before = copy.deepcopy(nb)
        assert SanitizeOutputs().preprocess(nb, {})[0] == before, path.name


def test_sanitizing_twice_changes_nothing_more():
    cells = [new_code_cell("x", outputs=[html_output(m)]) for m in HOSTILE_HTML.values()]
    cells += [new_markdown_cell(m) for m in [*HOSTILE_HTML.values(), *HOSTILE_MARKDOWN.values()]]
    once = sanitized(*cells)
    assert SanitizeOutputs().preprocess(copy.deepcopy(once), {})[0] == once


@pytest.mark.parametrize("markup", [m for k, m in HOSTILE_HTML.items() if k != "style expression"],
                         ids=[k for k in HOSTILE_HTML if k != "style expression"])
def test_the_check_sees_active_content_left_in(markup, baseline):
    nb = new_notebook(cells=[new_code_cell("x", outputs=[html_output(markup)]), new_markdown_cell(markup)])
    assert active_content(render(nb), baseline)


DEEP_MARKUP = {
    "nested div": "<div>" * 20000,
    "nested table cells": "<div><table><td></div>" * 4000,  # html5lib's depth, not the tags', grows
    "reopened formatting": "".join(f"<div><b class={i}></div>" for i in range(4000)),
    "unmatched end tags": "<div></span>" * 8000,
    "many entities": "&gt;" * 24000,
    "long": "<b>x</b>" * 20000,
}


@pytest.mark.parametrize("markup", DEEP_MARKUP.values(), ids=DEEP_MARKUP.keys())
def test_deep_or_long_markup_is_shown_as_text_in_linear_time(markup, baseline):
    started = time.perf_counter()
    html_out = new_output("display_data", data={"text/html": markup + "<script>alert(1)</script>"})
    md_out = new_output("display_data", data={"text/markdown": markup, "text/plain": "md"})
    nb = sanitized(new_code_cell("x", outputs=[html_out, md_out]), new_markdown_cell(markup + "<script>x</script>"),
                   new_raw_cell(markup + "<img src=x onerror=alert(1)>"))
    assert time.perf_counter() - started < 2.0
    code, markdown, raw = nb.cells
    assert code.outputs[0].data["text/plain"].endswith(markup + "<script>alert(1)</script>")
    assert "text/html" not in code.outputs[0].data
    # text when the tags tell (or it is too long), else a code block once html5lib's stack outgrows its cap
    assert (code.outputs[1].data.get("text/markdown") == as_code_block(markup)
            or (code.outputs[1].data["text/plain"].endswith(markup) and "text/markdown" not in code.outputs[1].data))
    assert markdown.source == as_code_block(markup + "<script>x</script>")
    assert raw.source.startswith("<pre>") and "<" not in raw.source[5:-6]
    assert SanitizeOutputs().preprocess(copy.deepcopy(nb), {})[0] == nb  # and kept so when sanitized again
    assert not active_content(render(nb), baseline)


def test_nesting_depth_is_an_overestimate_bounded_by_its_limit():
    assert nesting_depth("<div><p>x</p><br><img src=x></div>") == 0
    assert nesting_depth("<div><span>" * 3) == 6
    assert nesting_depth("<div></span>" * 3) == 3  # html5lib ignores an end tag with nothing to close
    assert nesting_depth("<p><b>x</p>" * 3) == 3  # and reopens the <b> closed by </p>
    assert nesting_depth("<div>" * 100000, limit=200) == 201


def test_wide_but_shallow_html_is_still_sanitized_as_before():
    table = "<table><tbody>" + "<tr><td>1</td><td><b>2</b></td></tr>" * 2000 + "</tbody></table>"
    nb = sanitized(new_code_cell("x", outputs=[html_output(table + "<script>x</script>")]), new_markdown_cell(table))
    assert nb.cells[0].outputs[0].data["text/html"] == table + "&lt;script&gt;x&lt;/script&gt;"
    assert nb.cells[1].source == table
