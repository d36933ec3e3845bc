"""Issue 21: at every output edge a value from a stack file is text, never markup or a control sequence.

A pull request's author writes the stack files, so any string may arrive as a stack, cluster,
tenant or resource name, a URN, a problem or a finding. Each property puts one string from a
hostile alphabet (markdown and HTML syntax, mentions, references, URLs, controls, terminal escape
and hyperlink sequences, bidirectional overrides, zero-width and line-separator characters) into
every text field of a review and of an evidence document, builds them with the dataclasses the
CLI uses, renders every format, and judges the output with a real parser:

- markdown (markdown-it: CommonMark, GFM tables and strikethrough): the document has the same
  block and inline structure as with a plain name, so the value opened no heading, list, quote,
  link, image or HTML and closed no ``<details>``; GitHub's own autolinks (mentions, ``#12``,
  bare URLs) are broken; the value's text is all there to read;
- terminal text: no control or format character but the layout's newlines is written raw, each is
  shown as ``\\u{XXXX}``, and a value cannot start a line of its own (a forged verdict);
- JSON and SARIF: valid JSON that gives the value back exactly (SARIF file locations as
  percent-encoded relative URI references that decode to the path);
- HTML: html.parser sees the page's own tags only, and the value as text data.

Control and format characters are shown as ``\\u{XXXX}`` in markdown, the terminal and HTML
(``fleet.report.text.visible``), so there "gives the value back" means: gives back ``shown(value)``.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote, urlsplit

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from fleet.evidence import report as evidence_report
from fleet.evidence.document import (
    COVERED,
    NOT_COVERED,
    AdmissionGuard,
    Binding,
    CloudGuardrail,
    Country,
    Coverage,
    Evidence,
    Exemption,
    Finding,
    Isolation,
    NetworkPolicy,
    NetworkRule,
    OtherShardCluster,
    Placement,
    PodSecurity,
    PolicyResults,
    Regime,
    RegimeRegion,
    RegulatedCluster,
    RegulatedTenant,
    Rejection,
    RuleResult,
    ServiceAccount,
    Stamp,
    TenantCluster,
    VirtualCluster,
)
from fleet.evidence.document import to_json as evidence_json
from fleet.report.markdown import JOINER
from fleet.review.document import (
    Changes,
    Cluster,
    CountryChange,
    Problem,
    ResourceChange,
    Review,
    SpecLocation,
    StackReview,
    Tenant,
    TenantMove,
    ValueChange,
    Violation,
    from_json,
)
from fleet.review.report import FORMATS, Links

# ------------------------------------------------------------------ the hostile strings

HOSTILE_PIECES = [
    *"<>&\"'`*_~\\|[]()!#@:/.-+=$^{} \t\n\r",
    "</details>", "<details>", "<summary>", "<img src=x>", "<script>", "<!--", "-->", "<![CDATA[",
    "![x](http://e)", "[a](javascript:x)", "```", "~~~", "`` ` ``", "| a |", "@team", "@acme/all",
    "#123", "GH-1", "http://x", "https://e.example/a", "www.x.y", "mailto:a@b.c", "&amp;", "&#60;",
    "# ", "## ", "> ", "- ", "* ", "+ ", "1. ", "1) ", "    ", "---", "===", "[!CAUTION]", "[^1]", "$`x`$",
    "PASS", "BLOCKED: ", "INVALID SPEC", "  !! ", "== ", "\n== x ==\n", "\r\nPASS",
    "\x00", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9b", "\x9d",
    "\x1b[31m", "\x1b[2K\r", "\x1b]8;;http://x\x07", "\x1b]8;;\x1b\\", "\x9b31m",
    "\u202e", "\u202a", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u2028", "\u2029", "\U000e0041",
    "é", "ß", "\u00a0", "\u3000", "😀",
]  # fmt: skip
HOSTILE = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES), st.characters(exclude_categories=["Cs"])), max_size=10
).map("".join)
EXAMPLES = settings(max_examples=120, deadline=None, derandomize=True)
# What the code as first written let through, always tried: bold around spaces shows its asterisks,
# a value that begins an item opens a list, a newline forges a report line, an LRM or a C1 CSI is
# written raw, a file name is not a URI, GH-1 is linked, a leading "//" makes a host.
REGRESSIONS = ["< ", " a", "-", "1. x", "    x", "a\nPASS", "a\tb", "\u200e", "\u200b", "\x9b31m", "<", "a#b", "GH-1"]
REGRESSIONS += ["//h/x"]


def regressions(test: Any) -> Any:
    for value in REGRESSIONS:
        test = example(value)(test)
    return test


# What a reader cannot see or a terminal obeys: C0 and C1 controls, format characters (bidi
# overrides and isolates, zero-width and joiners, soft hyphen, tags), line and paragraph separators.
HIDDEN = {"Cc", "Cf", "Zl", "Zp"}


def hidden(char: str) -> bool:
    return unicodedata.category(char) in HIDDEN


def shown(value: str, keep: str = "") -> str:
    """What the writers show for ``value``: each hidden character but those in ``keep`` as \\u{XXXX}."""
    return "".join(f"\\u{{{ord(c):04X}}}" if hidden(c) and c not in keep else c for c in value)


def one_line(value: str) -> str:
    """Markdown and Mermaid keep a value on its line: line breaks and tabs become spaces."""
    return shown(value.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))


# ------------------------------------------------------------------ the documents, every text field `s`


def review_of(s: str) -> Review:
    where = SpecLocation(s, s, 7)
    urn = f"urn:pulumi:{s}::fleet::{s}${s}::{s}"
    mandatory = Violation(s, s, "mandatory", s, s, s, where)
    advisory = Violation(s, s, "advisory", s, urn, s, None)
    changes = Changes(
        s,
        (
            ResourceChange(s, s, "replace", (ValueChange(s, s, s, True), ValueChange(s, s, s)), True, True, (s, urn)),
            ResourceChange(urn, s, "delete", (), False, True, (s,)),
            ResourceChange(s + "/u", s, "update", (ValueChange(s, s, s),), refused=s + " (refused)"),
            ResourceChange(s + "/c", s, "create"),
        ),
        moves=(TenantMove(s, (s,), (s,)), TenantMove(s, (), ())),
        countries=(CountryChange(s, s, (s,), (s,)),),
        new_violations=(advisory,),
    )
    active = StackReview(
        s,
        s,
        s,
        True,
        clusters=(Cluster(s, s, s, s, s, s, True), Cluster(s + "-b", s, s, s, None, None, False)),
        tenants=(Tenant(s, s, s, (s, s + "-b"), (s,), s),),
        violations=(mandatory, advisory),
        resource_types={s: 3},
        protected=(s, urn),
        changes=changes,
    )
    invalid = StackReview(s + "-2", s, s, False, problems=(Problem(s, s, where), Problem(s, s, None)))
    quiet = StackReview(s + "-3", s, s, False, changes=Changes(s, ()))
    return Review((active, invalid, quiet))


def evidence_of(s: str) -> Evidence:
    country = Country(s, s)
    isolation = Isolation(
        "vcluster",
        s,
        s,
        True,
        s,
        PodSecurity(s, s + "w", s, s),
        {"requests.cpu": s, "requests.memory": s, s: s},
        {"max": {"cpu": s, "memory": s}, s: {s: s}},
        True,
        (NetworkPolicy(s, s, (s,), (NetworkRule("ingress", (s,), (s,)),)),),
        (Binding("RoleBinding", s, s, (s,)), Binding("ClusterRoleBinding", s, s, (s,))),
        (ServiceAccount(s, False),),
        VirtualCluster(s, s, s, True, True, True, False, s),
        True,
        AdmissionGuard(s, s, (s, s), True),
    )
    coverage = Coverage(COVERED, s, (s,), (s,))
    tenant = RegulatedTenant(
        s,
        Regime(s, s, (country,), (RegimeRegion(s, s, country),)),
        s,
        2,
        s,
        (country,),
        (TenantCluster(s, s, s, country, isolation, coverage),),
        (OtherShardCluster(s, s, s, s, country),),
        Placement(s, (Rejection(s, s),)),
    )
    cluster = RegulatedCluster(s, s, s, country, s, (s,), (s,), s, True, Coverage(NOT_COVERED, s, (), ()))
    policy = PolicyResults(
        s,
        "blocked",
        (RuleResult(s, s, s, s, s, "violated", 1), RuleResult(s, s, s, s, s, "passed", 0)),
        (Finding(s, s, s, s, s),),
        (Exemption(s, s, s, s, "in force", None, (s,)), Exemption(s, s, s, s, "not applied", s, ())),
    )
    guardrail = CloudGuardrail(s, s, s, s, False, s, (s,), (s,), (s,), (s,))
    stamp = Stamp(s, True, s, s, s, s, s)
    return Evidence(s, s, s, True, s, (tenant,), (cluster,), (guardrail,), policy, stamp)


def plain(s: str) -> str:
    """The benign name the same document is compared with. A value that shows as nothing stays
    nothing: some fields fall back to a dash, and bold around nothing is no bold."""
    return "x" if one_line(s).strip() else " " if s else ""


# ------------------------------------------------------------------ markdown

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
DETAILS = re.compile(r"<details><summary>[^<>\n]*</summary>")
# What GitHub links or notifies by itself in text (not in code): mentions, references, bare URLs.
AUTOLINK = re.compile(r"@(?!\u2060)|#\d|\bGH-\d|://|\bwww\.", re.IGNORECASE)
MERMAID_LINE = re.compile(r'flowchart LR|  \w+ --> \w+(\["[^"\n]*"\]|\(\["[^"\n]*"\]\))|  \w+\["[^"\n]*"\]')


def _inline(token: Token) -> tuple[str, ...]:
    """An inline token's children that are more than text or code: the markup in it."""
    markup = [c for c in token.children or [] if c.type not in ("text", "code_inline")]
    return tuple(f"{c.type} {c.attrGet('href')}" if c.type == "link_open" else c.type for c in markup)


def markdown_shape(source: str) -> list[tuple[str, ...]]:
    """Every token the parser makes, as what it is: the structure a value must not change."""
    shape: list[tuple[str, ...]] = []
    for token in PARSER.parse(source):
        if token.type == "inline":
            shape.append(("inline", *_inline(token)))
        elif token.type == "html_block":
            content = token.content.strip()
            if content == "</details>":
                shape.append(("details close",))
            elif DETAILS.fullmatch(content):
                shape.append(("details open",))
            else:
                shape.append(("html", content))
        elif token.type == "fence":
            lines = token.content.rstrip("\n").split("\n")
            assert all(MERMAID_LINE.fullmatch(line) for line in lines), lines
            shape.append(("fence", token.info, str(len(lines))))
        else:
            shape.append((token.type, token.tag))
    return shape


def text_of(source: str) -> list[str]:
    """What a reader sees: each inline run (text and code), and each section summary."""
    seen = []
    for token in PARSER.parse(source):
        if token.type == "inline":
            seen.append("".join(c.content for c in token.children or []))
            plain_text = " ".join(c.content for c in token.children or [] if c.type == "text")
            assert not AUTOLINK.search(plain_text), plain_text
        elif token.type == "html_block" and DETAILS.fullmatch(token.content.strip()):
            summary = token.content.strip().removeprefix("<details><summary>").removesuffix("</summary>")
            assert not AUTOLINK.search(summary), summary
            seen.append(html.unescape(summary))
    return [s.replace(JOINER, "") for s in seen]


def assert_markdown_safe(value: str, hostile: str, benign: str) -> None:
    assert markdown_shape(hostile) == markdown_shape(benign), (value, hostile)
    visible = one_line(value).strip()
    assert any(visible in seen for seen in text_of(hostile)), (value, visible)


@EXAMPLES
@given(HOSTILE)
@regressions
def test_the_review_comment_is_text_wherever_a_value_goes(value: str) -> None:
    links = Links(anchors={value: "anchor", plain(value): "anchor"}, artifact="https://example.com/run/1")
    written = [FORMATS.render(review_of(s), "markdown", links=links) for s in (value, plain(value))]
    assert_markdown_safe(value, *written)


@EXAMPLES
@given(HOSTILE)
@regressions
def test_the_evidence_markdown_is_text_wherever_a_value_goes(value: str) -> None:
    written = [evidence_report.render(evidence_of(s), "markdown") for s in (value, plain(value))]
    assert_markdown_safe(value, *written)


# ------------------------------------------------------------------ terminal

# Lines the report itself starts: a value must never begin one.
MARKERS = ("==", "PASS", "BLOCKED", "INVALID", "WARNING", "  !!", "  new violation", "changes against")


@EXAMPLES
@given(HOSTILE)
@regressions
def test_the_terminal_report_obeys_no_character_of_a_value(value: str) -> None:
    written, benign = (FORMATS.render(review_of(s), "text") for s in (value, plain(value)))
    raw = sorted({f"U+{ord(c):04X}" for c in written if hidden(c) and c != "\n"})
    assert not raw, (value, raw)
    lines, expected = written.split("\n"), benign.split("\n")
    assert len(lines) == len(expected), (value, written)
    assert [line.startswith(MARKERS) for line in lines] == [line.startswith(MARKERS) for line in expected]
    # Each hidden character is there as \u{XXXX}, newline and tab too: nothing of the value is lost.
    assert shown(value) in written, (value, shown(value))


# ------------------------------------------------------------------ JSON and SARIF


def _strings(value: Any, key: str = "") -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [pair for k, v in value.items() for pair in _strings(v, k)]
    if isinstance(value, list):
        return [pair for v in value for pair in _strings(v, key)]
    return [(key, value)] if isinstance(value, str) else []


def assert_json_escapes_what_is_hidden(written: str) -> None:
    """Valid JSON whose text has no raw hidden character (JSON escapes them as \\uXXXX)."""
    raw = sorted({f"U+{ord(c):04X}" for c in written if hidden(c) and c != "\n"})
    assert not raw, raw


@EXAMPLES
@given(HOSTILE)
@regressions
def test_the_json_review_gives_back_every_value_exactly(value: str) -> None:
    review = review_of(value)
    written = FORMATS.render(review, "json")
    assert_json_escapes_what_is_hidden(written)
    loaded = json.loads(written)
    assert loaded["stacks"][0]["clusters"][0]["name"] == value
    assert loaded["stacks"][1]["problems"][0]["message"] == value
    assert from_json(Review, loaded) == review  # what `fleet report` reads back


@EXAMPLES
@given(HOSTILE)
@regressions
def test_the_sarif_gives_back_every_value_and_locates_files_by_uri(value: str) -> None:
    written = FORMATS.render(review_of(value), "sarif", links=Links(anchors={value: "a"}, rules="https://e/R.md"))
    assert_json_escapes_what_is_hidden(written)
    run = json.loads(written)["runs"][0]
    results = run["results"]
    assert len(results) == 2 + 2 + 1 + 1  # two problems, two findings, a refused change, a protected one replaced
    spec = [r for r in results if r["ruleId"] == "FLEET-SPEC"]
    assert [r["message"]["text"] for r in spec] == [f"{value}: {value}"] * 2
    findings = [r for r in results if r["ruleId"] == value]
    assert len(findings) == 2 and all(value in r["message"]["text"] for r in findings)
    assert all(r["message"]["text"].startswith(f"{value}: ") for r in results if r not in spec)
    for result in results:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        # a relative reference: no scheme, host, query or fragment, only URI characters
        assert re.fullmatch(r"[A-Za-z0-9\-._~/%]*", uri), uri
        parts = urlsplit(uri)
        assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == ("", "", "", ""), uri
        assert unquote(parts.path) == value
    for key, text in _strings(run):
        if key == "markdown":
            assert markdown_shape(text) == markdown_shape(text.replace(value, plain(value))), text


@EXAMPLES
@given(HOSTILE)
@regressions
def test_the_json_evidence_gives_back_every_value_exactly(value: str) -> None:
    evidence = evidence_of(value)
    written = evidence_report.render(evidence, "json")
    assert_json_escapes_what_is_hidden(written)
    assert json.loads(written) == evidence_json(evidence)
    assert json.loads(written)["stack"] == value


# ------------------------------------------------------------------ HTML


class Page(HTMLParser):
    """Everything html.parser sees: markup events apart, text data apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.markup: list[tuple[object, ...]] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.markup.append(("start", tag, tuple(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.markup.append(("startend", tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.markup.append(("end", tag))

    def handle_comment(self, data: str) -> None:
        self.markup.append(("comment", data))

    def handle_decl(self, decl: str) -> None:
        self.markup.append(("decl", decl))

    def handle_pi(self, data: str) -> None:
        self.markup.append(("pi", data))

    def unknown_decl(self, data: str) -> None:
        self.markup.append(("unknown", data))

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def parsed(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


@EXAMPLES
@given(HOSTILE)
@regressions
def test_the_evidence_page_has_the_value_only_as_text(value: str) -> None:
    page, benign = (parsed(evidence_report.render(evidence_of(s), "html")) for s in (value, plain(value)))
    assert page.markup == benign.markup, value
    # The parser unescapes the text; the value is there whole, with each hidden character shown as
    # \u{XXXX} (newline and tab stay: in HTML they are whitespace, and a page cannot be forged by them).
    assert not value or shown(value, keep="\n\t") in page.data, (value, shown(value, keep="\n\t"))


# ------------------------------------------------------------------ what "hidden" covers


def test_every_control_format_and_separator_character_is_shown() -> None:
    from fleet.report.text import visible

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and hidden(chr(c)))
    assert visible(every) == shown(every, keep="\n\t")
