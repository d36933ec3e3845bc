"""The layout of a document, with no markup: what the markdown and HTML writers write."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

# Inline text: plain strings, or (kind, text) with kind "code" or "strong", or ("link", text, url).
Span = str | tuple[str, str] | tuple[str, str, str]
Text = tuple[Span, ...]


def t(*spans: Span) -> Text:
    return spans


def code(text: str) -> Span:
    return ("code", text)


def strong(text: str) -> Span:
    return ("strong", text)


def link(text: str, url: str) -> Span:
    """A link to a URL the program made (rule catalogue, report artifact), never one from a spec."""
    return ("link", text, url)


@dataclass(frozen=True)
class Heading:
    level: int
    text: Text


@dataclass(frozen=True)
class Para:
    text: Text


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[Text, ...], ...]


@dataclass(frozen=True)
class Items:
    items: tuple[Text, ...]


@dataclass(frozen=True)
class Details:
    summary: str
    blocks: tuple[Block, ...] = field(default=())


@dataclass(frozen=True)
class Alert:
    """A call-out (GitHub's ``> [!CAUTION]``): a paragraph, then items."""

    kind: Literal["caution", "warning"]
    text: Text
    items: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Diagram:
    """A Mermaid flowchart; its labels are quoted by whoever builds it (``mermaid_label``)."""

    source: str


Block = Heading | Para | Table | Items | Details | Alert | Diagram

D = TypeVar("D")


@dataclass(frozen=True)
class Formats(Generic[D]):
    """The formats one kind of document is written in: name -> writer, the first the default."""

    writers: Mapping[str, Callable[..., str]]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.writers)

    def render(self, document: D, form: str, **context: object) -> str:
        writer = self.writers.get(form)
        if writer is None:
            raise ValueError(f"{form!r} is not a format of this document; use one of {', '.join(self.writers)}")
        return writer(document, **context)
