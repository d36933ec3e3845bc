"""Letters of other scripts drawn like Latin ones, and what a name looks like without them.

The common subset of Unicode's confusables (unicode.org/Public/security/latest/confusables.txt):
a value spelled with one is not the name it looks like, so a message must say so, and a
suggestion may take the name it was meant to be.
"""

from __future__ import annotations

import unicodedata

LOOKALIKES = dict(
    zip(
        "аеорсухіјѕԁԛԝАВЕКМНОРСТХІЈЅαοβνρτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
        "aeopcyxijsdqwABEKMHOPCTXIJSaoBvptuxABEZHIKMNOPTYX",
        strict=True,
    )
)


def looks_like(char: str) -> str | None:
    """The ASCII character ``char`` is drawn like, if it is another one."""
    if char.isascii():
        return None
    if char in LOOKALIKES:
        return LOOKALIKES[char]
    folded = unicodedata.normalize("NFKC", char)
    return folded if folded != char and folded.isascii() and folded.isprintable() else None


def folded(text: str) -> str:
    """``text`` as it looks: look-alike letters replaced by the ASCII ones, invisible (format) characters dropped."""
    return "".join(looks_like(c) or c for c in text if unicodedata.category(c) != "Cf")
