"""Student content made inert before an instructor's browser renders it.

formgrader's manual-grading view (/formgrader/submissions/<id>/) renders the autograded notebook
inside the instructor's logged-in session, and generate_feedback renders the same notebook to
HTML; both copy text/html, markdown and application/javascript into the page as they are. So a
student's `HTML('<script>...')` would run with the instructor's rights (the course, the gradebook).

SanitizeOutputs is nbconvert's SanitizeHTML (bleach) with a stricter policy and its gaps closed:

- text/html outputs and raw cells are cleaned by bleach: disallowed tags are shown escaped,
  event handlers, javascript: URLs and non-image data: URLs are dropped;
- markdown cells and text/markdown outputs are judged as the browser gets them (rendered by
  nbconvert's own markdown filter): kept byte for byte when that HTML is harmless (the course's
  own cells), else escaped by bleach, else shown as a code block;
- only text/plain, PNG and JPEG are kept besides those: JavaScript, SVG, widgets, mermaid and any
  other mime type are dropped (with a note when nothing is left), and output metadata is reduced
  to the image sizes and flags nbconvert's templates use; notebook widget state is dropped;
- stream and error outputs (the grader's own messages) are kept: the templates escape them.
"""

from __future__ import annotations

import re
from typing import Any

from bleach import Cleaner
from bleach.css_sanitizer import ALLOWED_CSS_PROPERTIES, CSSSanitizer
from bleach.html5lib_shim import BleachHTMLParser
from bleach.sanitizer import ALLOWED_TAGS, BleachSanitizerFilter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
from nbconvert.preprocessors.sanitize import SanitizeHTML
from traitlets import Any as AnyTrait
from traitlets import Bool, List, Set, Unicode

# Harmless markup that notebooks and nbconvert's markdown filter produce (no script, frame,
# object, embed, form, input, base, meta, link, style, svg or math).
TAGS = ALLOWED_TAGS | {
    "p", "div", "span", "br", "hr", "pre", "img", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "sub", "sup", "del", "ins", "s", "u", "small", "big", "mark", "q", "cite", "kbd", "samp", "var",
    "dl", "dt", "dd", "details", "summary", "figure", "figcaption", "center", "font",
}
GLOBAL_ATTRIBUTES = {"class", "title", "style", "align", "dir", "lang"}
TAG_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "valign"},
    "th": {"colspan", "rowspan", "scope", "valign"},
    "table": {"border"},
    "ol": {"start", "type"},
    "li": {"value"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "font": {"color", "size"},
    **{f"h{level}": {"id"} for level in range(1, 7)},  # nbconvert's heading anchors
}
# bleach checks the scheme of href and src; data: is allowed only for images (see allowed_attribute).
PROTOCOLS = {"http", "https", "mailto", "data", "attachment"}
IMAGE_DATA_URLS = ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp", "data:image/svg+xml")
STYLES = ALLOWED_CSS_PROPERTIES - {"cursor"}  # cursor: url(...) would fetch

SAFE_MIME_TYPES = {"text/plain", "image/png", "image/jpeg"}
IMAGE_FLAGS = {"unconfined": {True}, "needs_background": {"light", "dark"}}
BASE64 = re.compile(r"[A-Za-z0-9+/=\s]*")
URL_NOISE = re.compile(r"[`\000-\040\177-\240\s]+|[^\x00-\x7f]")  # what bleach strips before reading a scheme
TAG_TOKENS = {"StartTag", "EndTag", "EmptyTag"}


def allowed_attribute(tag: str, name: str, value: str) -> bool:
    """bleach's attribute filter: the allowlist, and data: URLs only as an image's source."""
    if name not in GLOBAL_ATTRIBUTES and name not in TAG_ATTRIBUTES.get(tag, ()):
        return False
    if name in ("href", "src"):
        url = URL_NOISE.sub("", value).lower()
        return not url.startswith("data:") or ((tag, name) == ("img", "src") and url.startswith(IMAGE_DATA_URLS))
    return True


def render_markdown(text: str, attachments: dict | None = None) -> str:
    """Renders markdown as formgrader and the feedback do (nbconvert's HTMLExporter.markdown2html)."""
    return MarkdownWithMath(renderer=IPythonRenderer(escape=False, attachments=attachments or {})).render(text)


def as_code_block(text: str) -> str:
    """Returns markdown showing `text` verbatim: a fenced block longer than any backtick run in it."""
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    return f"*(active content removed by the course's sanitizer; the cell's text:)*\n\n{fence}\n{text}\n{fence}\n"


def tag_signature(tokens: list[dict]) -> list[tuple]:
    """The tags and attributes of a token stream, in order (text, comments and entities left out)."""
    return [
        (t["type"], t.get("namespace"), t["name"], tuple(attribute_signature(*a) for a in t.get("data", {}).items()))
        for t in tokens
        if t["type"] in TAG_TOKENS
    ]


def attribute_signature(name: tuple, value: str) -> tuple[str, str]:
    """An attribute as compared before and after bleach (which ends a kept style with ';')."""
    return str(name), value.strip().rstrip(";").strip() if name[1] == "style" else value


def safe_image_metadata(metadata: Any) -> dict:
    """An image's output metadata reduced to numeric width/height and nbconvert's two flags."""
    if not isinstance(metadata, dict):
        return {}
    kept = {k: v for k, v in metadata.items()
            if k in ("width", "height") and isinstance(v, int | float) and not isinstance(v, bool)}
    kept.update({k: v for k, v in metadata.items()
                 if k in IMAGE_FLAGS and isinstance(v, bool | str) and v in IMAGE_FLAGS[k]})
    return kept


def safe_attachments(attachments: Any) -> dict:
    """A markdown cell's attachments reduced to base64 PNG and JPEG images."""
    if not isinstance(attachments, dict):
        return {}
    kept = {}
    for name, bundle in attachments.items():
        images = {mime: data for mime, data in (bundle.items() if isinstance(bundle, dict) else ())
                  if mime in ("image/png", "image/jpeg") and isinstance(data, str) and BASE64.fullmatch(data)}
        if images:
            kept[name] = images
    return kept


class SanitizeOutputs(SanitizeHTML):
    """Leaves no active content in a notebook: run it before anything renders student outputs."""

    enabled = Bool(True, config=True, help="On wherever listed (nbconvert preprocessors default to off)")

    tags = List(Unicode(), default_value=sorted(TAGS), config=True, help="HTML tags to keep")
    attributes = AnyTrait(default_value=allowed_attribute, config=True, help="bleach's attribute filter")
    styles = List(Unicode(), default_value=sorted(STYLES), config=True, help="CSS properties to keep")
    protocols = Set(Unicode(), default_value=PROTOCOLS, config=True, help="URL schemes to keep in href and src")
    safe_output_keys = Set(default_value=SAFE_MIME_TYPES, config=True, help="Mime types kept as they are")
    sanitized_output_types = Set(default_value={"text/html", "text/markdown"}, config=True,
                                 help="Mime types kept after sanitizing")

    def preprocess(self, nb, resources):
        """Drops the notebook's widget state (a widget renders its HTML live), then each cell."""
        nb.metadata.pop("widgets", None)
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, cell_index):
        """Sanitizes a cell's outputs (code), its text (markdown, raw) and attachments."""
        if cell.cell_type == "code":
            cell.outputs = [self.sanitize_output(output) for output in cell.outputs]
            if not isinstance(cell.get("execution_count"), int | None):
                cell.execution_count = None
        elif cell.cell_type == "markdown":
            if "attachments" in cell:
                cell.attachments = safe_attachments(cell.attachments)
            cell.source = self.sanitize_markdown(cell.source, cell.get("attachments"))
        elif cell.cell_type == "raw" and not self.harmless(cell.source):
            cell.source = self.sanitize_html_tags(cell.source)
        return cell, resources

    def sanitize_output(self, output):
        """Keeps plain text, PNG, JPEG and sanitized HTML or markdown of a display output."""
        if output.output_type not in ("display_data", "execute_result", "update_display_data"):
            return output  # stream and error: escaped by the templates
        data, kept = output.get("data") or {}, {}
        for mime, value in data.items():
            if not isinstance(value, str) or mime not in self.safe_output_keys | self.sanitized_output_types:
                continue
            if mime == "text/html":
                value = self.sanitize_html_tags(value)
            elif mime == "text/markdown":
                value = self.sanitize_markdown(value)
            kept[mime] = value
        if data and not kept:
            kept["text/plain"] = f"[output removed by the course's sanitizer: {', '.join(sorted(data))}]"
        output.data = kept
        metadata = output.get("metadata") or {}
        output.metadata = {mime: m for mime in ("image/png", "image/jpeg")
                           if mime in kept and (m := safe_image_metadata(metadata.get(mime)))}
        return output

    def sanitize_markdown(self, text: str, attachments: dict | None = None) -> str:
        """Keeps markdown whose rendering is harmless; else escapes its HTML; else shows it as code."""
        if not isinstance(text, str):
            return ""
        for candidate in (text, self.sanitize_html_tags(text)):
            try:
                if self.harmless(render_markdown(candidate, attachments)):
                    return candidate
            except Exception:
                break
        return as_code_block(text)

    def harmless(self, html: str) -> bool:
        """True if bleach, with this policy, would keep every tag and attribute of `html` as it is."""
        cleaner = self.cleaner()
        # Parsed as the browser will (the Cleaner's own parser already escapes disallowed tags).
        parser = BleachHTMLParser(tags=None, strip=False, consume_entities=False, namespaceHTMLElements=False)
        tokens = list(cleaner.walker(parser.parseFragment(html)))
        before = tag_signature(tokens)
        after = BleachSanitizerFilter(
            source=iter(tokens), allowed_tags=cleaner.tags, attributes=cleaner.attributes,
            strip_disallowed_tags=False, strip_html_comments=True,
            css_sanitizer=cleaner.css_sanitizer, allowed_protocols=cleaner.protocols,
        )
        return before == tag_signature(list(after))

    def sanitize_html_tags(self, html_str: str) -> str:
        """Cleans HTML with bleach under this policy (SanitizeHTML's, plus the URL schemes)."""
        return self.cleaner().clean(html_str)

    def cleaner(self) -> Cleaner:
        """The bleach Cleaner of this policy, built once."""
        if getattr(self, "_cleaner", None) is None:
            self._cleaner = Cleaner(
                tags=set(self.tags), attributes=self.attributes, protocols=set(self.protocols),
                strip=self.strip, strip_comments=self.strip_comments,
                css_sanitizer=CSSSanitizer(allowed_css_properties=set(self.styles)),
            )
        return self._cleaner
