"""Markdown and HTML renderings: summary first, the same content, and every value escaped."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

from fleet.evidence.document import Evidence, Exemption
from fleet.evidence.report import html_page, markdown, render
from tests.evidence.support import evidence

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> | `tick` **bold** [link](http://evil.example)'


def hostile(base: Evidence) -> Evidence:
    exemption = Exemption("FLEET-CLU-003", "*<b>*", HOSTILE, "2099-01-01", "in force", None, ("urn:x::<i>y</i>",))
    return dataclasses.replace(base, policy=dataclasses.replace(base.policy, exemptions=(exemption,)))


def test_markdown_puts_the_summary_first_then_tenants_then_policy_then_stamp() -> None:
    text = markdown(evidence("prod"))
    lines = text.splitlines()
    assert lines[0] == "# Residency evidence: stack `prod`"
    summary = next(line for line in lines if "Policy pack:" in line)
    verdict = evidence("prod").policy.verdict.upper()
    assert summary.startswith(f"6 regulated tenants, 10 regulated clusters. **Policy pack: {verdict}**: ")
    order = [text.index(h) for h in ("## Regulated tenants", "## Policy results", "## Stamp")]
    assert order == sorted(order) and text.index(summary) < order[0]
    payments = text.index("### payments: regime `gdpr`")
    table = text.index("| cluster | cloud | region | country | isolation | tenant guardrails (as rendered) |", payments)
    assert table < text.index("### swiss-wealth", payments)
    assert "| `prod-aws-euc1` | aws | eu-central-1 | Germany (DE) | namespace | Pod Security restricted" in text
    assert "**Placement:** regime gdpr (30 countries): 5 of 10 clusters eligible" in text
    assert "- `prod-aws-euzh`: region eu-central-2 is in CH, outside regime gdpr" in text


def test_markdown_and_html_say_the_same_and_json_is_the_document() -> None:
    found = evidence("dev")
    assert render(found, "markdown") == markdown(found) and render(found, "html") == html_page(found)
    assert render(found, "json").startswith("{\n")
    page = html_page(found)
    for phrase in (
        "Residency evidence: stack",
        "Regulated tenants",
        "Policy results",
        "Stamp",
        "in force",
        "2027-06-30",
    ):
        assert phrase in page and phrase in markdown(found)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]


def test_html_escapes_every_value_and_loads_nothing() -> None:
    page = html_page(hostile(evidence("dev")))
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;b&gt;" in page and "&lt;i&gt;y&lt;/i&gt;" in page
    parser = _Tags()
    parser.feed(page)
    allowed = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "table", "thead", "tbody",
               "tr", "th", "td", "ul", "li", "code", "strong", "details", "summary"}  # fmt: skip
    assert set(parser.tags) <= allowed, set(parser.tags) - allowed
    assert "script" not in parser.tags and "img" not in parser.tags and "a" not in parser.tags
    assert set(parser.attributes) <= {"lang", "charset", "http-equiv", "content"}
    assert "url(" not in page and "@import" not in page
    assert "default-src 'none'" in page


def test_markdown_escapes_values_that_would_become_markup() -> None:
    text = markdown(hostile(evidence("dev")))
    row = next(line for line in text.splitlines() if "\\<script\\>" in line)  # the hostile value's row
    assert "<script>" not in row and "\\<script\\>" in row
    assert "\\[link\\](http:\u2060//evil.example)" in row and "\\*\\*bold\\*\\*" in row
    cells = re.split(r"(?<!\\)\|", row)
    assert len(cells) == 8  # six columns: the value's '|' did not split a cell
