"""Blocks as one self-contained HTML page: inline style, no scripts, nothing loaded, every value escaped."""

from __future__ import annotations

import html

from fleet.report.blocks import Alert, Block, Diagram, Heading, Items, Para, Span, Table, Text
from fleet.report.text import visible

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:80rem;padding:0 1rem;color:#1b1f24;line-height:1.45}
table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{border:1px solid #c8ccd1;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f1f3f5}code{background:#f1f3f5;padding:0 .2rem;border-radius:3px}
h1,h2,h3{line-height:1.2}summary{cursor:pointer}
.caution{border-left:4px solid #cf222e;padding-left:.7rem}.warning{border-left:4px solid #9a6700;padding-left:.7rem}
""".strip()


def escape(text: str) -> str:
    return html.escape(visible(text))


def _span(part: Span) -> str:
    if isinstance(part, str):
        return escape(part)
    if part[0] == "link" and len(part) == 3:
        url = part[2]
        # only the program's own links, and only to where a browser does not run code
        if url.startswith(("https://", "http://")) or not url.partition("/")[0].count(":"):
            return f'<a href="{html.escape(visible(url), quote=True)}">{escape(part[1])}</a>'
        return escape(part[1])
    tag = "code" if part[0] == "code" else "strong"
    return f"<{tag}>{escape(part[1])}</{tag}>"


def inline(text: Text) -> str:
    return "".join(_span(part) for part in text)


def block(item: Block) -> str:
    if isinstance(item, Heading):
        return f"<h{item.level}>{inline(item.text)}</h{item.level}>"
    if isinstance(item, Para):
        return f"<p>{inline(item.text)}</p>"
    if isinstance(item, Table):
        head = "".join(f"<th>{escape(h)}</th>" for h in item.headers)
        body = "".join("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in row) + "</tr>" for row in item.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    if isinstance(item, Items):
        return "<ul>" + "".join(f"<li>{inline(i)}</li>" for i in item.items) + "</ul>"
    if isinstance(item, Alert):
        entries = "".join(f"<li>{inline(i)}</li>" for i in item.items)
        return (
            f'<div class="{item.kind}"><p>{inline(item.text)}</p>'
            + (f"<ul>{entries}</ul>" if entries else "")
            + "</div>"
        )
    if isinstance(item, Diagram):
        return f"<pre>{escape(item.source)}</pre>"
    inner = "\n".join(block(b) for b in item.blocks)
    return f"<details><summary>{escape(item.summary)}</summary>\n{inner}\n</details>"


def document(title: str, blocks: list[Block]) -> str:
    body = "\n".join(block(b) for b in blocks)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        # Nothing may load: no scripts, styles or images from anywhere, even if a value slipped through.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
