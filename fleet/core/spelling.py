"""Edit distance and the one suggestion a typo may get.

A suggestion is made only when a single choice is nearest and at most MAX_TYPO edits away: in a
residency tool a guess between two near names ("ch" and "ca", "uk" and "us") could move data to
the wrong country, so a tie suggests nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

MAX_TYPO = 2  # edits (insert, delete, replace, swap) between a typo and what is suggested for it


def edits(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, replacements and adjacent swaps."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The one choice nearest ``word`` (case-insensitive), or None when there is none close
    enough or several are equally near."""
    written = word.strip().casefold()
    distances: dict[str, int] = {}
    for choice in choices:
        distances.setdefault(choice, edits(written, choice.casefold()))
    best = min(distances.values(), default=MAX_TYPO + 1)
    if best > MAX_TYPO or best >= len(written):
        return None  # too far, or a guess at a word of one or two letters replaced whole
    found = [c for c, d in distances.items() if d == best]
    return found[0] if len(found) == 1 else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    found = nearest(word, choices)
    return f"did you mean {found!r}? " if found else ""
