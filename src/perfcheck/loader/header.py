"""Find the header row of a table and map its columns to field names through the alias table."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import ALIAS_TO_FIELD, header_unit, normalise_header
from .cells import text
from .grid import Grid

HEADER_SCAN_ROWS = 15
DEFAULT_MONEY_UNIT = "万元"

# fields that make a row of indicators also a row of project facts
DESCRIPTIVE_FIELDS = frozenset({
    "goal", "amount", "fiscal_amount", "project_kind", "is_new", "ex_ante",
    "budget_full_year", "executed", "execution_rate",
})
SELF_EVAL_FIELDS = frozenset({"actual", "score", "deviation", "executed", "execution_rate", "budget_full_year"})
_TITLE_UNIT = re.compile(r"单位\s*[:：]\s*(亿元|万元|元)")


def field_for(header: object) -> str | None:
    """The field a header cell names, or None ('三级指标名称' counts as '三级指标')."""
    key = normalise_header(header)
    found = ALIAS_TO_FIELD.get(key)
    if found is None and key.endswith("名称") and len(key) > 2:
        found = ALIAS_TO_FIELD.get(key[:-2])
    return found


def map_row(cells: list[str]) -> dict[str, int]:
    """field → column index for one row of header texts; the first column of a field wins."""
    fields: dict[str, int] = {}
    bare_units: list[int] = []
    generic_names: list[int] = []
    for j, raw in enumerate(cells):
        if not raw:
            continue
        key = normalise_header(raw)
        if key == "单位":
            bare_units.append(j)
            continue
        if key == "绩效指标":            # a group label in forms; the indicator name only in flat tables
            generic_names.append(j)
            continue
        f = field_for(raw)
        if f is not None and f not in fields:
            fields[f] = j
    if "name" not in fields and generic_names:
        fields["name"] = generic_names[0]
    for j in bare_units:
        beside_indicator = any(fields.get(k, 1 << 30) < j for k in ("name", "value"))
        if "measure" not in fields and beside_indicator:
            fields["measure"] = j
        elif "unit" not in fields:
            fields["unit"] = j
        elif "measure" not in fields:
            fields["measure"] = j
    return fields


def table_kind(fields: dict[str, int]) -> str | None:
    """'flat' (indicators with project facts), 'indicators', 'projects', or None if not a table header."""
    has_indicators = "name" in fields and "value" in fields
    has_projects = ("project" in fields or "project_code" in fields) and ("goal" in fields or "amount" in fields)
    if has_indicators:
        return "flat" if DESCRIPTIVE_FIELDS & fields.keys() else "indicators"
    if has_projects:
        return "projects"
    return None


@dataclass
class Header:
    """Where a table's header is and what its columns mean."""

    index: int                                   # row index (in grid.rows) of the last header row
    fields: dict[str, int]
    texts: dict[str, str] = field(default_factory=dict)   # field → header text(s) as filed
    title_unit: str | None = None                # 金额单位 from a title row above the header
    _units: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def kind(self) -> str | None:
        return table_kind(self.fields)

    @property
    def is_self_eval(self) -> bool:
        return bool(SELF_EVAL_FIELDS & self.fields.keys())

    def money_unit(self, name: str) -> str:
        """The money unit of a column: from its header, else the title row, else 万元."""
        unit = self._units.get(name)
        if unit is None:
            unit = self._units[name] = header_unit(self.texts.get(name, "")) or self.title_unit or DEFAULT_MONEY_UNIT
        return unit


def filled_header_rows(grid: Grid, count: int) -> list[list[str]]:
    """Texts of the first rows with merged ranges filled across and down (a merged header names every column)."""
    rows = [grid.row_texts(i) for i in range(min(count, len(grid.rows)))]
    top = grid.first_row - 1
    for (r0, c0), (r1, c1) in grid.merged:
        i0 = r0 - top
        if not 0 <= i0 < len(rows):
            continue
        value = grid.row_texts(i0)[c0] if c0 < len(rows[i0]) else ""
        if not value:
            continue
        for i in range(i0, min(r1 - top, len(rows) - 1) + 1):
            row = rows[i]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for j in range(c0, c1 + 1):
                if not row[j]:
                    row[j] = value
    return rows


def _combine(upper: list[str], lower: list[str]) -> list[str]:
    """Two header rows read as one: the lower row's name where it has one, else the upper row's."""
    width = max(len(upper), len(lower))
    out = []
    for j in range(width):
        lo = lower[j] if j < len(lower) else ""
        up = upper[j] if j < len(upper) else ""
        out.append(lo if lo and field_for(lo) is not None or (lo and not up) else up or lo)
    return out


def find_header(grid: Grid, scan: int = HEADER_SCAN_ROWS) -> Header | None:
    """The row in the first ``scan`` rows that maps most cells to known fields (two-row headers joined)."""
    rows = filled_header_rows(grid, scan + 1)
    best: tuple[int, int, dict[str, int]] | None = None
    for i in range(min(scan, len(rows))):
        fields = map_row(rows[i])
        if table_kind(fields) and (best is None or len(fields) > best[1]):
            best = (i, len(fields), fields)
    if best is None:
        return None
    i, score, fields = best
    texts_rows = [rows[i]]
    for upper_i, lower_i in ((i, i + 1), (i - 1, i)):
        if upper_i < 0 or lower_i >= len(rows):
            continue
        other = rows[lower_i] if lower_i != i else rows[upper_i]
        if len(map_row(other)) < 2:
            continue
        combined = _combine(rows[upper_i], rows[lower_i])
        cfields = map_row(combined)
        if table_kind(cfields) and len(cfields) > score:
            i, score, fields = lower_i, len(cfields), cfields
            texts_rows = [rows[upper_i], rows[lower_i]]
            break
    texts: dict[str, str] = {}
    for name, j in fields.items():
        parts = [r[j] for r in texts_rows if j < len(r) and r[j]]
        texts[name] = " ".join(dict.fromkeys(parts))
    title_unit = None
    for r in rows[: i + 1]:
        for cell in r:
            m = _TITLE_UNIT.search(cell)
            if m:
                title_unit = m.group(1)
                break
        if title_unit:
            break
    return Header(index=i, fields=fields, texts=texts, title_unit=title_unit)


def header_texts(grid: Grid, header: Header) -> dict[int, str]:
    """Column index → normalised header text, to recognise a header repeated inside the data."""
    row = grid.row_texts(header.index)
    return {j: normalise_header(row[j]) for j in header.fields.values() if j < len(row) and row[j]}


def text_at(row: list[object], j: int | None) -> str:
    """Stripped text of row[j] ('' when absent)."""
    if j is None or j >= len(row):
        return ""
    return text(row[j])
