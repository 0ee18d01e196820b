"""How a yearbook prints a number, a year and an edition, read strictly: what the docs list is
accepted (docs/yearbook_template.md, "Numbers"), everything else is refused, never guessed.

A yearbook number (中国统计年鉴 and the NBS data portal print them so): an optional minus sign, the
integer part either plain (`49670`) or grouped by thousands with commas (`49,670`), an optional
decimal part after a point (`.2`); full-width digits and punctuation (`４９６７０．２`) are the same
characters in another width (Unicode NFKC). Refused: exponents (`1e308`), `inf`/`nan`, other
locales' separators (`1.234,5`, `1 234,5`), digit separators (`1_000`), a plus sign, leading zeros
(`007`) and a negative zero (`-0`, `-0.0`), which no table prints and which only arise from a broken
export or a typed cell.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

import numpy as np

NUMBER = re.compile(r"-?(?:0|[1-9]\d*|[1-9]\d{0,2}(?:,\d{3})+)(?:\.\d+)?")
NEGATIVE_ZERO = re.compile(r"-0(?:\.0+)?")
FIRST_YEAR = 1949
# What a yearbook prints for a figure it does not have (the cell is not loaded).
BLANKS = frozenset({"", "—", "-", "…", "...", "空", "－"})
EDITION = re.compile(r"\d{4}")


class NotANumber(ValueError):
    """A cell that is not a number in a documented format; the message says why."""


def plain_number(text: str) -> str:
    """The printed number `text` as plain ASCII digits (`４９,６７０．２` -> `49670.2`).

    Raises NotANumber for anything outside the documented format (module docstring)."""
    width_normal = unicodedata.normalize("NFKC", text).strip()
    if not NUMBER.fullmatch(width_normal):
        raise NotANumber(f"{text.strip()!r} is not a number as yearbooks print one "
                         "(docs/yearbook_template.md, 'Numbers')")
    if NEGATIVE_ZERO.fullmatch(width_normal):
        raise NotANumber(f"{text.strip()!r} is a negative zero, which no yearbook prints")
    return width_normal.replace(",", "")


def number_text(value: int | float) -> str:
    """A spreadsheet cell typed as a number, as plain number text without exponent (the shortest text
    that reads back as the same double). Raises NotANumber for a non-finite value."""
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise NotANumber(f"{value!r} is not a finite number")
    text = np.format_float_positional(value, unique=True, trim="-")
    return "0" if text == "-0" else text


def last_year(today: dt.date | None = None) -> int:
    """The latest year a file may print, as a figure's year or an edition: next year."""
    return (today or dt.date.today()).year + 1


def edition_year(text: str, today: dt.date | None = None) -> int:
    """A yearbook edition (vintage) as printed in a manifest or a row: four digits, FIRST_YEAR to next
    year. Raises ValueError saying why (`2022.0`, `2024a`, `9999`, `99999` are all refused)."""
    stripped = unicodedata.normalize("NFKC", str(text)).strip()
    last = last_year(today)
    if not EDITION.fullmatch(stripped):
        raise ValueError(f"vintage {text!r} is not a year (four digits, e.g. 2025)")
    year = int(stripped)
    if not FIRST_YEAR <= year <= last:
        raise ValueError(f"vintage {year} is not a plausible yearbook edition ({FIRST_YEAR} to {last})")
    return year
