"""Characters a reader cannot see, made visible: the one step every writer takes first."""

from __future__ import annotations

import re

# C0 and C1 controls (a terminal acts on ESC sequences; CR rewrites a line), the line and paragraph
# separators, and the bidirectional overrides and isolates that reorder what a reviewer sees
# ("Trojan Source", CVE-2021-42574). Newline and tab are layout, handled by each writer.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def visible(text: str) -> str:
    """``text`` with every control or reordering character written as ``\\u{XXXX}``."""
    return _INVISIBLE.sub(lambda m: f"\\u{{{ord(m.group()):04X}}}", text)


def one_line(text: str) -> str:
    """``text`` on one line: newlines and tabs become spaces, the rest made visible."""
    return visible(text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))
