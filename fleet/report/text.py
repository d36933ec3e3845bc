"""Characters a reader cannot see, made visible: the one step every writer takes first."""

from __future__ import annotations

import re

# What a reader cannot see and a terminal may obey: C0 and C1 controls (a terminal acts on ESC and
# CSI sequences, CR rewrites a line), every format character (Unicode category Cf: the bidirectional
# marks, embeddings, overrides and isolates that reorder what a reviewer sees, "Trojan Source",
# CVE-2021-42574; zero-width spaces and joiners, the soft hyphen, the byte-order mark, invisible
# operators, tag characters), and the line and paragraph separators. Newline and tab are layout,
# left to each writer. A superset of Python's Unicode tables (checked in tests/report).
HIDDEN = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
_INVISIBLE = re.compile(f"[{HIDDEN}]")
_INVISIBLE_OR_LAYOUT = re.compile(f"[{HIDDEN}\t\n]")


def _code(match: re.Match[str]) -> str:
    return f"\\u{{{ord(match.group()):04X}}}"


def visible(text: str) -> str:
    """``text`` with every control, format or separator character written as ``\\u{XXXX}``."""
    return _INVISIBLE.sub(_code, text)


def one_line(text: str) -> str:
    """``text`` on one line: newlines and tabs become spaces, the rest made visible."""
    return visible(text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))


def terminal(text: str) -> str:
    """One line of a terminal report: every hidden character as ``\\u{XXXX}``, newline and tab
    too, so a value can neither start a line of its own nor hide what it holds."""
    return _INVISIBLE_OR_LAYOUT.sub(_code, text)
