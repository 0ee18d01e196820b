"""What a printed yearbook table says in its title and header: the year, the unit line, an entity or
indicator the title names, and per column its year, indicator (as printed), unit and scope
(全市/市辖区), each with where it was printed (opening_up.yearbooks.yearbook_tables reads the figures
with them).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from opening_up.yearbooks.loaders import LoadReport, Reference, cell_name
from opening_up.yearbooks.sheets import Merge, Rows, YearbookError
from opening_up.yearbooks.sidecar import ENTITY_TYPES, Sidecar
from opening_up.yearbooks.table_layout import (
    UNIT_LINE,
    YEAR_LABEL,
    filled,
    find_layout,
    group_filled,
    is_english,
    is_year,
    normal,
)

TOTALS = {"合计", "总计", "小计", "总额", "总量", "计"}
# A group that only classifies its sub-columns (`按产业分`, `三次产业` over 第一产业 …, `其中`) names no
# subject: the sub-columns take the title's.
CLASSIFIER_GROUP = re.compile(r"^(?:按.+分|分.+|其中|#.*|三次产业|产业)$")
# A column or row printed as a part of what precedes it (`其中：第三产业`, `#工业`, `#市辖区`): the
# mark before the part's own name.
PART_MARK = re.compile(r"^(?:#|其中\s*[:：]?)\s*")
# A title naming a figure derived from its subject (地区生产总值构成, 地区生产总值指数, …增长速度, …比重)
# is not the subject itself: its columns are shares, indices or rates, never the subject's parts.
DERIVED_MEASURE = re.compile(r"构成|比重|指数|增长|增速|速度|结构|比例|贡献|拉动|弹性|占")
SCOPES = {"全市": True, "全市合计": True, "市辖区": False}
TITLE_YEAR = re.compile(r"(?<![\d\-—–~至])((?:19|20)\d{2})\s*年(?!\s*[-—–~至])")
TABLE_NUMBER = re.compile(r"^(?:表\s*)?[\dA-Z]+\s*[-—–－]\s*\d+\s*")
UNIT_IN_NAME = re.compile(r"^(?P<name>.*?)[(（](?P<unit>[^()（）]+)[)）]$")


def split_unit(text: str, units: set[str]) -> tuple[str, str | None]:
    """`地区生产总值(亿元)` -> (`地区生产总值`, `亿元`); a parenthesis that is no unit stays in the name."""
    match = UNIT_IN_NAME.match(text)
    if match and match.group("unit") in units:
        return match.group("name"), match.group("unit")
    return text, None


def aliases_of(reference: Reference, entity_type: str) -> dict[str, str]:
    return {"region": reference.regions, "prefecture": reference.prefectures, "port": reference.ports}[
        entity_type
    ]


class PrintedTable:
    """One table being read: its rows, layout, sidecar and what it says where (the locations)."""

    def __init__(
        self,
        path: Path,
        rows: Rows,
        merges: list[Merge] | None,
        sidecar: Sidecar,
        reference: Reference,
        report: LoadReport,
    ):
        self.path, self.sidecar, self.reference, self.report = path, sidecar, reference, report
        self.units = set().union(*reference.units.values())
        self.rows = filled(rows, merges)
        self.layout = find_layout(str(path), self.rows, sidecar.header_rows, self.units)
        header = [self.rows[i] for i in self.layout.header_rows]
        self.header = header if merges is not None else group_filled(header, self.layout.label_column)
        self.title = [
            (i, text.strip())
            for i in self.layout.title_rows
            for text in dict.fromkeys(self.rows[i])
            if text.strip()
        ]
        self.header_lines = (
            f"line {self.layout.header_rows[0] + 1}"
            if len(self.layout.header_rows) == 1
            else f"lines {self.layout.header_rows[0] + 1}-{self.layout.header_rows[-1] + 1}"
        )

    def where(self, line: int | None = None, column: int | None = None) -> str:
        at = f"{self.path}"
        if line is not None:
            at += f", line {line + 1}"
        if column is not None:
            at += f", cell {cell_name(column)}"
        return at

    def refuse(self, where: str, why: str, key: str) -> YearbookError:
        return YearbookError(f"{where}: {why} (say it in the sidecar {self.sidecar.name}: {key})")

    # -- the title block ----------------------------------------------------------------------
    def title_unit(self) -> tuple[str | None, str | None]:
        for i, text in self.title:
            match = UNIT_LINE.search(normal(text))
            if match:
                return match.group("unit"), f"line {i + 1} (title)"
        return None, None

    def title_year(self) -> tuple[int | None, str | None]:
        found = {
            int(m.group(1)): i
            for i, text in self.title
            for m in TITLE_YEAR.finditer(TABLE_NUMBER.sub("", unicodedata.normalize("NFKC", text).strip()))
        }
        if len(found) > 1:
            raise self.refuse(self.where(min(found.values())), f"the title names the years {sorted(found)}: "
                              "which one is the table's?", "year")
        return next(((year, f"line {i + 1} (title)") for year, i in found.items()), (None, None))

    def title_names(self, names: dict[str, str], what: str, key: str) -> tuple[str | None, str | None]:
        """The one name of `names` (alias -> code) the title prints (the longest where one contains
        another); two different codes are refused."""
        for i, text in self.title:
            if is_english(text):
                continue
            plain = normal(TABLE_NUMBER.sub("", text))
            hits = sorted(
                (alias for alias in names if len(alias) > 1 and alias in plain), key=len, reverse=True
            )
            kept = [a for a in hits if not any(a != b and a in b for b in hits)]
            codes = {names[a] for a in kept}
            if len(codes) > 1:
                raise self.refuse(self.where(i), f"the title {text!r} names {what}s {', '.join(kept)}", key)
            if kept:
                return kept[0], f"line {i + 1} (title)"
        return None, None

    # -- one header column ---------------------------------------------------------------------
    def column(self, j: int) -> dict:
        """What column `j`'s header says: year, indicator (as printed, or None), unit, scope, locations."""
        parts, unit, unit_at, year, in_scope = [], None, None, None, True
        for k, row in enumerate(self.header):
            text = normal(row[j])
            if not text or is_english(row[j]):
                continue
            if is_year(text):
                year = int(YEAR_LABEL.match(text).group("year"))
                continue
            if text in SCOPES:
                in_scope = SCOPES[text]
                continue
            name, printed_unit = split_unit(text, self.units)
            if printed_unit:
                unit, unit_at = printed_unit, f"line {self.layout.header_rows[k] + 1}, cell {cell_name(j)}"
            # A cell merged over two header rows prints its name once.
            if name and not (parts and parts[-1] == name):
                parts.append(name)
        if self.layout.units_row is not None and normal(self.rows[self.layout.units_row][j]).strip("()（）"):
            unit = normal(self.rows[self.layout.units_row][j]).strip("()（）")
            unit_at = f"line {self.layout.units_row + 1}, cell {cell_name(j)}"
        return {"parts": parts, "unit": unit, "unit_at": unit_at, "year": year, "in_scope": in_scope,
                "at": f"{self.header_lines}, cell {cell_name(j)}"}

    def indicator(self, parts: list[str], where: str) -> tuple[str | None, str | None]:
        """The alias a header's parts name, and the title line when the title gave its subject (else None).

        In order: `group/sub` as a whole; the one part that names an indicator where the others are
        totals (`货物进出口总额/合计`); a sub-column read with its subject (subject_alias): the nearest
        group over it that is not a classifier, else the title. Two indicators are refused."""
        names = self.reference.indicators
        if not parts:
            return None, None
        joined = "/".join(parts)
        if joined in names:
            return joined, None
        meaningful = [p for p in parts if p not in TOTALS]
        known = [p for p in meaningful if p in names]
        if len({names[p] for p in known}) > 1:
            raise self.refuse(
                where, f"the header {joined!r} could be {' or '.join(known)}", self._columns_key(where)
            )
        # The most specific part names the column (`对外经济贸易/货物进出口总额`); a known group over a
        # sub-column that names nothing known is not read as the group.
        if known and known[0] == meaningful[-1]:
            return known[0], None
        return self.subject_alias(meaningful, where) if meaningful else (None, None)

    def subject_alias(self, meaningful: list[str], where: str) -> tuple[str | None, str | None]:
        """`subject/column` (an alias of ref_indicator_aliases) for the column `meaningful[-1]` read with
        its subject, as a person reads 第一产业 under 地区生产总值: the nearest group over it that is not a
        classifier (`按产业分`), else the title (without its table number; not a title naming a derived
        figure such as 地区生产总值构成). Two subjects of the title naming two indicators are refused."""
        column, names = PART_MARK.sub("", meaningful[-1]), self.reference.indicators
        groups = [g for g in meaningful[:-1] if not CLASSIFIER_GROUP.match(g)]
        if groups:
            alias = f"{groups[-1]}/{column}"
            return (alias, None) if alias in names else (None, None)
        rules = [alias for alias in names if "/" in alias and alias.rsplit("/", 1)[1] == column]
        for i, text in self.title:
            plain = normal(TABLE_NUMBER.sub("", text))
            if is_english(text) or DERIVED_MEASURE.search(plain):
                continue
            hits = [alias for alias in rules if alias.rsplit("/", 1)[0] in plain]
            if len({names[alias] for alias in hits}) > 1:
                raise self.refuse(
                    where,
                    f"the title {text!r} with the column {column!r} could be {' or '.join(hits)}",
                    self._columns_key(where),
                )
            if hits:
                return hits[0], f"line {i + 1} (title)"
        return None, None

    @staticmethod
    def _columns_key(where: str) -> str:
        return f"columns: {{{where.rsplit('cell ', 1)[-1]}: {{indicator: …, unit: …}}}}"


def entity_type_of(table: PrintedTable, labels: list[str]) -> str:
    if table.sidecar.entity_type:
        return table.sidecar.entity_type
    counts = {
        kind: sum(label in aliases_of(table.reference, kind) for label in labels) for kind in ENTITY_TYPES
    }
    # A province's name in a city or port table is a group row: count only names no province has.
    for kind in ("prefecture", "port"):
        counts[kind] = sum(label in aliases_of(table.reference, kind) and label not in table.reference.regions
                           for label in labels) if counts[kind] else 0
    best = max(counts.values())
    winners = [kind for kind, count in counts.items() if count == best]
    if best == 0 or len(winners) > 1:
        raise table.refuse(
            table.where(table.layout.data_rows[0], table.layout.label_column),
            f"cannot tell whether the rows are provinces, cities or ports ({counts})",
            "entity_type",
        )
    return winners[0]
