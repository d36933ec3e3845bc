"""Blocks as GitHub-flavoured markdown, for pull-request comments and files in a repository.

Everything from a document is text, never markup: ASCII punctuation markdown acts on is
backslash-escaped (CommonMark allows it before any ASCII punctuation, spec section 2.4), code spans
take a fence longer than any run of backticks inside, newlines become spaces, and what GitHub
turns into links or notifications by itself (``@team`` mentions, ``#12`` references, bare URLs)
is broken with a word joiner (U+2060), which shows as nothing.
"""

from __future__ import annotations

import html
import re

from fleet.report.blocks import Alert, Block, Diagram, Heading, Items, Para, Span, Table, Text
from fleet.report.text import one_line, visible

_PUNCTUATION = re.compile(r"([\\`*_{}\[\]<>#!|~&$])")
# GitHub links these by itself: mentions and team mentions, issue references (#12, GH-12), bare
# URLs (GFM "autolinks (extension)": www. and scheme://).
_AUTOLINKED = re.compile(r"(?<=@)|(?<=#)(?=\d)|(?<=\bGH)(?=-\d)|(?<=:)(?=//)|(?<=www)(?=\.)", re.IGNORECASE)
# What starts a block when a line begins with it, and is not escaped everywhere (that would make
# every "eu-west-1" in a table "eu\-west\-1"): a list item ("-", "+", "1." or "1)"), a setext
# underline or thematic break ("=", "-"). Indentation, which makes a code block, is dropped.
_LINE_START = re.compile(r"^(?:([-+=])|(\d{1,9})([.)]))")
JOINER = "\u2060"


def escape(text: str) -> str:
    """Plain text that renders as itself."""
    text = _PUNCTUATION.sub(r"\\\1", one_line(text))
    return _AUTOLINKED.sub(JOINER, text)


def code_span(text: str, in_table: bool = False) -> str:
    text = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    # CommonMark strips one space from each end of a span that starts and ends with one (spec 6.1),
    # unless it is all spaces; a span that starts or ends with a backtick needs the space to open.
    ends = text[:1] + text[-1:]
    pad = " " if "`" in ends or (ends == "  " and text.strip(" ")) else ""
    span = f"{fence}{pad}{text}{pad}{fence}"
    # GFM splits table rows on | before reading code spans, so even there it must be escaped.
    return span.replace("|", "\\|") if in_table else span


def _url(url: str) -> str:
    return one_line(url).replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C")


def span(part: Span, in_table: bool = False) -> str:
    if isinstance(part, str):
        return escape(part)
    if part[0] == "code":
        return code_span(part[1], in_table)
    if part[0] == "link" and len(part) == 3:
        return f"[{escape(part[1])}]({_url(part[2])})"
    return _strong(escape(part[1]))


def _strong(text: str) -> str:
    # Emphasis needs text against both delimiters (CommonMark's flanking rules): "** a**" is
    # not bold but shows its asterisks, so spaces at the ends stay outside.
    core = text.strip()
    if not core:
        return text
    start = len(text) - len(text.lstrip())
    return f"{text[:start]}**{core}**{text[start + len(core) :]}"


def inline(text: Text, in_table: bool = False) -> str:
    return "".join(span(part, in_table) for part in text)


def line(text: Text) -> str:
    """Inline text that begins a line (a paragraph, an item): it cannot start a block of its own."""
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", inline(text).lstrip(" "))


def summary(text: str) -> str:
    """A ``<summary>``: HTML, so HTML-escaped, and GitHub's own links broken as in text."""
    return _AUTOLINKED.sub(JOINER, html.escape(one_line(text)))


def block(item: Block) -> str:
    if isinstance(item, Heading):
        return f"{'#' * item.level} {inline(item.text)}"
    if isinstance(item, Para):
        return line(item.text)
    if isinstance(item, Table):
        lines = ["| " + " | ".join(escape(h) for h in item.headers) + " |", "|" + "---|" * len(item.headers)]
        lines += ["| " + " | ".join(inline(cell, in_table=True) or " " for cell in row) + " |" for row in item.rows]
        return "\n".join(lines)
    if isinstance(item, Items):
        return "\n".join(f"- {line(entry)}" for entry in item.items)
    if isinstance(item, Alert):
        lines = [f"> [!{item.kind.upper()}]", f"> {line(item.text)}"]
        lines += [f"> - {line(entry)}" for entry in item.items]
        return "\n".join(lines)
    if isinstance(item, Diagram):
        return f"```mermaid\n{visible(item.source)}\n```"
    inner = "\n\n".join(block(b) for b in item.blocks)
    return f"<details><summary>{summary(item.summary)}</summary>\n\n{inner}\n\n</details>"


def document(blocks: list[Block]) -> str:
    return "\n\n".join(block(b) for b in blocks) + "\n"
