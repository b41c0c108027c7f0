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
- stream and error outputs (the grader's own messages) are kept: the templates escape them;
- html5lib's tree building is linear in the nesting depth per tag (elementInScope), so quadratic in
  deep markup ('<div>' * 100000 would stall a class's grading): markup longer than max_chars or
  nested deeper than max_depth (a linear scan of its tags, and a cap on html5lib's stacks of open
  and formatting elements while parsing) is never kept as markup but shown as its escaped text: a
  code block for a markdown cell, text/plain for an output, a <pre> for a raw cell.
"""

from __future__ import annotations

import html
import re
from typing import Any

from bleach import Cleaner
from bleach._vendor.html5lib.treebuilders import getTreeBuilder
from bleach._vendor.html5lib.treebuilders.base import ActiveFormattingElements
from bleach.css_sanitizer import ALLOWED_CSS_PROPERTIES, CSSSanitizer
from bleach.html5lib_shim import BleachHTMLParser
from bleach.sanitizer import ALLOWED_TAGS, BleachSanitizerFilter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
from nbconvert.preprocessors.sanitize import SanitizeHTML
from traitlets import Any as AnyTrait
from traitlets import Bool, Int, List, Set, Unicode

__all__ = ["SanitizeOutputs", "TooComplex", "as_code_block", "nesting_depth", "render_markdown"]

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

MAX_CHARS = 100_000  # longer markup is shown as text, not parsed
MAX_DEPTH = 200  # deeper nesting is shown as text: html5lib's cost per tag grows with the depth
# More '&' and '<' are shown as text: html5lib's etree builder appends each entity (and each stray
# '<') of a text run to the run's string, so its cost grows with their square ('&gt;' * 100000: 2 s).
MAX_ENTITIES = 20_000
TAG_OPEN = re.compile(r"<(/?)([A-Za-z][^\t\n\f\r />]*)")  # a start or end tag, as html5lib's tokenizer opens one
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                 "track", "wbr"}
# html5lib reopens these ("reconstructs the active formatting elements") when closed by another tag.
FORMATTING_ELEMENTS = {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"}
CODE_BLOCK_NOTE = "*(active content removed by the course's sanitizer; the cell's text:)*"
TOO_COMPLEX_NOTE = "[markup too long or too deeply nested for the course's sanitizer; its text:]"


class TooComplex(ValueError):
    """Raised by a bounded parser whose stack of open (or formatting) elements outgrows its limit."""


def nesting_depth(markup: str, limit: int = MAX_DEPTH) -> int:
    """An overestimate of the depth html5lib reaches in `markup`, in one linear scan of its tags.

    Stops once past `limit` (so the stack, searched for each end tag, stays at most `limit` long).
    An end tag closes the innermost open element of its name (others are ignored, as html5lib does);
    formatting elements it closes on the way are counted on, since html5lib may reopen them.
    """
    stack: list[str] = []
    reopened = 0
    for match in TAG_OPEN.finditer(markup):
        name = match[2].lower()
        if match[1]:
            if name in stack:
                at = len(stack) - 1 - stack[::-1].index(name)
                reopened += sum(open_name in FORMATTING_ELEMENTS for open_name in stack[at + 1:])
                del stack[at:]
        elif name not in VOID_ELEMENTS:
            stack.append(name)
        if len(stack) + reopened > limit:
            break
    return len(stack) + reopened


def bounded_parser(limit: int, **kwargs: Any) -> BleachHTMLParser:
    """bleach's parser, raising TooComplex once html5lib holds more than `limit` open or formatting elements.

    A guard behind nesting_depth: whatever html5lib's tree building makes of the tags (implied
    table rows, reopened formatting elements), its cost per tag stays bounded by `limit`.
    """

    class BoundedStack(list):
        def append(self, item):
            if len(self) >= limit:
                raise TooComplex(f"more than {limit} nested elements")
            super().append(item)

        def insert(self, index, item):
            if len(self) >= limit:
                raise TooComplex(f"more than {limit} nested elements")
            super().insert(index, item)

    class BoundedFormatting(BoundedStack, ActiveFormattingElements):
        def append(self, item):
            if len(self) >= limit:
                raise TooComplex(f"more than {limit} formatting elements")
            ActiveFormattingElements.append(self, item)

    class BoundedTreeBuilder(getTreeBuilder("etree")):
        def reset(self):
            super().reset()
            self.openElements = BoundedStack()
            self.activeFormattingElements = BoundedFormatting()

    return BleachHTMLParser(tree=BoundedTreeBuilder, **kwargs)


def escaped_html(markup: str) -> str:
    """HTML showing `markup` as text."""
    return f"<pre>{html.escape(TOO_COMPLEX_NOTE + chr(10) + markup, quote=False)}</pre>"


def is_escaped_html(markup: str) -> bool:
    """True for HTML holding no tag but an outer <pre> (as escaped_html makes): inert, kept as it is."""
    return markup.startswith("<pre>") and markup.endswith("</pre>") and "<" not in markup[5:-6]


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
    return f"{CODE_BLOCK_NOTE}\n\n{fence}\n{text}\n{fence}\n"


def is_code_block(markdown: str) -> bool:
    """True if `markdown` is as_code_block's rendering of some text (so inert, and kept as it is)."""
    start = len(CODE_BLOCK_NOTE) + 2
    fence = markdown[start:markdown.find("\n", start)]
    return (markdown.startswith(CODE_BLOCK_NOTE) and set(fence) == {"`"}
            and markdown == as_code_block(markdown[start + len(fence) + 1:-len(fence) - 2]))


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


MARKDOWN_CACHE_SIZE = 2048  # sanitized markdown texts kept per process (a course has a few hundred)
MARKDOWN_CACHED_CHARS = 20_000  # longer texts are not kept: with their results, at most ~80 MB
_MARKDOWN_CACHE: dict[tuple, str] = {}


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
    max_chars = Int(MAX_CHARS, config=True, help="Longer markdown or HTML is shown as text, not parsed")
    max_depth = Int(MAX_DEPTH, config=True, help="Markup nested deeper is shown as text, not parsed")
    max_entities = Int(MAX_ENTITIES, config=True, help="Markup with more '&' and '<' is shown as text")

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
        elif cell.cell_type == "raw" and (self.too_complex(cell.source) or not self.harmless(cell.source)):
            cell.source = self.sanitize_html_tags(cell.source)
        return cell, resources

    def sanitize_output(self, output):
        """Keeps plain text, PNG, JPEG and sanitized HTML or markdown of a display output."""
        if output.output_type not in ("display_data", "execute_result", "update_display_data"):
            return output  # stream and error: escaped by the templates
        data, kept, as_text = output.get("data") or {}, {}, None
        for mime, value in data.items():
            if not isinstance(value, str) or mime not in self.safe_output_keys | self.sanitized_output_types:
                continue
            if mime == "text/html":
                value = self.clean_html(value)
            elif mime == "text/markdown":
                value = None if self.too_complex(value) else self.sanitize_markdown(value)
            if value is None:  # too long or too deep to parse: shown as text (the templates escape it)
                as_text = as_text or f"{TOO_COMPLEX_NOTE}\n{data[mime]}"
            else:
                kept[mime] = value
        if as_text is not None:
            kept["text/plain"] = as_text
        if data and not kept:
            kept["text/plain"] = f"[output removed by the course's sanitizer: {', '.join(sorted(data))}]"
        output.data = kept
        metadata = output.get("metadata") or {}
        output.metadata = {mime: m for mime in ("image/png", "image/jpeg")
                           if mime in kept and (m := safe_image_metadata(metadata.get(mime)))}
        return output

    def sanitize_markdown(self, text: str, attachments: dict | None = None) -> str:
        """Keeps markdown whose rendering is harmless; else escapes its HTML; else shows it as code.

        Without attachments the result depends on the text and the policy alone: the course's own
        markdown, the same in every student's notebook, is parsed once per grading process."""
        if not isinstance(text, str):
            return ""
        if attachments or len(text) > MARKDOWN_CACHED_CHARS:
            return self.sanitized_markdown(text, attachments)
        key = (self.policy_key(), text)
        if key not in _MARKDOWN_CACHE:
            if len(_MARKDOWN_CACHE) >= MARKDOWN_CACHE_SIZE:
                _MARKDOWN_CACHE.clear()
            _MARKDOWN_CACHE[key] = self.sanitized_markdown(text, None)
        return _MARKDOWN_CACHE[key]

    def policy_key(self) -> tuple:
        """Everything of this sanitizer's configuration a result depends on."""
        if getattr(self, "_policy_key", None) is None:
            self._policy_key = (tuple(sorted(self.tags)), repr(self.attributes), tuple(sorted(self.styles)),
                                tuple(sorted(self.protocols)), self.strip, self.strip_comments, self.max_chars,
                                self.max_depth, self.max_entities)
        return self._policy_key

    def sanitized_markdown(self, text: str, attachments: dict | None) -> str:
        """sanitize_markdown's work, uncached."""
        if is_code_block(text):  # this sanitizer's own code block (a fence no line of it closes)
            return text
        if self.too_complex(text):
            return as_code_block(text)
        try:
            if self.harmless(render_markdown(text, attachments)):
                return text
            cleaned = self.clean_html(text)
            if cleaned is not None and self.harmless(render_markdown(cleaned, attachments)):
                return cleaned
        except Exception:
            pass
        return as_code_block(text)

    def too_complex(self, markup: str) -> bool:
        """True if `markup` is too long to parse, or too costly (see costly_to_parse)."""
        return len(markup) > self.max_chars or self.costly_to_parse(markup)

    def costly_to_parse(self, markup: str) -> bool:
        """True if html5lib's work on `markup` could grow faster than its length: nested too deep
        (by a linear scan of its tags) or holding too many entities and '<' (each one token)."""
        tokens = markup.count("&") + markup.count("<")
        return tokens > self.max_entities or nesting_depth(markup, self.max_depth) > self.max_depth

    def harmless(self, html: str) -> bool:
        """True if bleach, with this policy, would keep every tag and attribute of `html` as it is."""
        cleaner = self.cleaner()
        if self.costly_to_parse(html):
            return False
        # Parsed as the browser will (the Cleaner's own parser already escapes disallowed tags).
        if getattr(self, "_parser", None) is None:
            self._parser = bounded_parser(self.max_depth, tags=None, strip=False, consume_entities=False,
                                          namespaceHTMLElements=False)
        try:
            tokens = list(cleaner.walker(self._parser.parseFragment(html)))
        except TooComplex:
            return False
        before = tag_signature(tokens)
        after = BleachSanitizerFilter(
            source=iter(tokens), allowed_tags=cleaner.tags, attributes=cleaner.attributes,
            strip_disallowed_tags=False, strip_html_comments=True,
            css_sanitizer=cleaner.css_sanitizer, allowed_protocols=cleaner.protocols,
        )
        return before == tag_signature(list(after))

    def sanitize_html_tags(self, html_str: str) -> str:
        """Cleans HTML with bleach under this policy (SanitizeHTML's, plus the URL schemes).

        HTML too long or too deep to parse is shown as its escaped text in a <pre>.
        """
        if is_escaped_html(html_str):
            return html_str
        cleaned = self.clean_html(html_str)
        return escaped_html(html_str) if cleaned is None else cleaned

    def clean_html(self, markup: str) -> str | None:
        """`markup` cleaned by bleach, or None if too long or too deeply nested to parse."""
        if self.too_complex(markup):
            return None
        try:
            return self.cleaner().clean(markup)
        except TooComplex:
            return None

    def cleaner(self) -> Cleaner:
        """The bleach Cleaner of this policy, built once."""
        if getattr(self, "_cleaner", None) is None:
            self._cleaner = Cleaner(
                tags=set(self.tags), attributes=self.attributes, protocols=set(self.protocols),
                strip=self.strip, strip_comments=self.strip_comments,
                css_sanitizer=CSSSanitizer(allowed_css_properties=set(self.styles)),
            )
            self._cleaner.parser = bounded_parser(
                self.max_depth, tags=self._cleaner.tags, strip=self._cleaner.strip, consume_entities=False,
                namespaceHTMLElements=False,
            )
        return self._cleaner
