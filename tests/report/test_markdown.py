"""No value becomes markup: the shared markdown writer, judged by a CommonMark parser (markdown-it,
with GFM tables), for any text hypothesis can make, and the review comment with hostile names."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from fleet.report import markdown
from fleet.report.blocks import Details, Para, Table, code, t
from fleet.report.text import one_line
from fleet.review.document import Review
from fleet.review.report import markdown as review_markdown
from tests.review.test_review import stack_review

PARSER = MarkdownIt("commonmark").enable("table")
# What a spec value is made of in an attack: markdown and HTML syntax, mentions, URLs, controls.
ALPHABET = st.sampled_from(
    [*"abc01 \t\n\r\\`*_{}[]()<>#!|~&$@:/.-+=\"'", "\x1b", "\u202e", "\u2028", "http://", "www.", "</details>"]
)
HOSTILE_TEXT = st.lists(ALPHABET, max_size=40).map("".join)


def inline_children(source: str) -> list[Token]:
    tokens = PARSER.parse(source)
    return [child for token in tokens if token.type == "inline" for child in token.children or []]


def shown(text: str) -> str:
    return text.replace(markdown.JOINER, "")


@settings(max_examples=400, deadline=None)
@given(HOSTILE_TEXT)
def test_text_is_only_ever_text(value: str) -> None:
    source = "x " + markdown.escape(value)
    children = inline_children(source)
    assert {c.type for c in children} <= {"text"}, (value, source, [c.type for c in children])
    assert shown("".join(c.content for c in children)) == ("x " + one_line(value)).rstrip()


@settings(max_examples=400, deadline=None)
@given(HOSTILE_TEXT)
def test_code_is_one_code_span_with_the_value(value: str) -> None:
    children = inline_children("x " + markdown.code_span(value))
    spans = [c for c in children if c.type == "code_inline"]
    if one_line(value):
        assert len(spans) == 1 and spans[0].content == one_line(value)
        assert [c.type for c in children] == ["text", "code_inline"]


@settings(max_examples=300, deadline=None)
@given(HOSTILE_TEXT, HOSTILE_TEXT)
def test_a_table_cell_stays_one_cell(plain: str, literal: str) -> None:
    source = markdown.block(Table(("a", "b", "c"), ((t(plain), t(code(literal)), t("end")),)))
    tokens = PARSER.parse(source)
    cells = [token for token in tokens if token.type == "td_open"]
    assert len(cells) == 3, source
    inline = [token for token in tokens if token.type == "inline"][-1]
    assert inline.content == "end"


@settings(max_examples=300, deadline=None)
@given(HOSTILE_TEXT)
def test_a_summary_cannot_close_its_section(value: str) -> None:
    source = markdown.document([Details(value, (Para(t("inside")),)), Para(t("after"))])
    assert source.count("</details>") == 1 and source.count("<details>") == 1
    assert source.count("<") == 4  # <details>, <summary>, </summary>, </details>


def test_what_github_links_by_itself_is_broken() -> None:
    escaped = markdown.escape("ping @acme/platform about #12 at https://evil.example or www.evil.example")
    assert "@\u2060acme" in escaped and "\\#\u206012" in escaped
    assert "https:\u2060//evil" in escaped and "www\u2060.evil" in escaped
    written = "ping @acme/platform about #12 at https://evil.example or www.evil.example"
    assert shown(escaped).replace("\\", "") == written


def test_controls_and_reordering_are_made_visible() -> None:
    rendered = inline_children("x " + markdown.escape("a\x1b[31mb\u202ec\nPASS"))
    assert [c.content for c in rendered] == ["x a\\u{001B}[31mb\\u{202E}c PASS"]


def test_the_review_comment_with_hostile_names_forges_nothing() -> None:
    evil = "x</details><img src=https://evil.example/a.png>@acme/all `y` \n### PASS ![i](http://e)"
    stack = stack_review("dev")
    clusters = tuple(dataclasses.replace(c, name=evil + c.name, region=evil) for c in stack.clusters)
    tenants = tuple(dataclasses.replace(x, name=evil + x.name, regime=evil) for x in stack.tenants)
    hostile = Review((dataclasses.replace(stack, stack=evil, clusters=clusters, tenants=tenants),))
    source = review_markdown(hostile)
    tokens = PARSER.parse(source)
    html = [token.content.strip() for token in tokens if token.type == "html_block"]
    opened = [h for h in html if h.startswith("<details><summary>") and h.endswith("</summary>")]
    assert len(opened) == 3 and html.count("</details>") == 3 and len(html) == 6, html
    children = [c for token in tokens if token.type == "inline" for c in token.children or []]
    assert not {c.type for c in children} & {"image", "link_open", "html_inline"}
    assert len([token for token in tokens if token.type == "heading_open"]) == 2  # the review's, the stack's
    # GitHub makes no mention inside a code span; in text the joiner breaks it
    assert not any("@acme" in c.content for c in children if c.type == "text")


def test_the_cli_offers_exactly_the_formats_the_documents_have() -> None:
    from fleet.cli import parser
    from fleet.evidence.report import FORMATS as EVIDENCE
    from fleet.review.report import FORMATS as REVIEW

    commands = next(a for a in parser()._actions if a.dest == "command").choices
    assert isinstance(commands, dict)
    offered = {
        name: next((a.choices for a in sub._actions if a.dest == "format"), ()) for name, sub in commands.items()
    }
    assert sorted(offered["review"]) == sorted(REVIEW.names)
    assert sorted(offered["evidence"]) == sorted(EVIDENCE.names)
    assert set(offered["report"]) < set(REVIEW.names)  # a saved JSON review, in any other format


def test_the_terminal_report_and_spec_problems_show_control_characters_instead_of_obeying_them() -> None:
    from fleet.review.report import text
    from fleet.spec.errors import Problem

    stack = dataclasses.replace(stack_review("dev"), stack="dev\x1b[2K\rPASS\u202e")
    written = text(Review((stack,)))
    assert "\x1b" not in written and "\r" not in written and "\u202e" not in written
    assert "dev\\u{001B}[2K\\u{000D}PASS\\u{202E}" in written
    problem = Problem("fleet:spec.tenants[0].name", "'\x1b]8;;https://evil\x07x' is not a DNS-1123 label")
    assert "\x1b" not in str(problem) and "\x07" not in str(problem) and "\\u{001B}]8;;" in str(problem)
