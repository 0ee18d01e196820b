"""What the command-line entry points print: their description (the module docstring's first paragraph,
whole, for `python -m opening_up <command> --help`, never its first line cut mid-sentence), and text a
terminal would not show made visible, and long lists named by their first few."""

from __future__ import annotations

import unicodedata


def description(docstring: str | None) -> str:
    """The first paragraph of `docstring` as one line."""
    first = (docstring or "").strip().split("\n\n", 1)[0]
    return " ".join(first.split())


def visible(text: str) -> str:
    """`text` with the characters a terminal does not show (zero-width spaces, direction marks, BOMs:
    Unicode's format and control characters but tab) written as `<U+200B>`."""
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cf", "Cc") and c not in "\t\n" else c
                   for c in text)


def some(names: list[str], shown: int = 5) -> str:
    """The first `shown` of `names` and how many more (a refusal of 5,000 unknown columns stays one short
    line)."""
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f" and {more:,} more" if more > 0 else "")
