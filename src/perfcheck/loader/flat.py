"""Layout 1 (and CSV, flat self-evaluation files): one row per indicator, project cells carried forward."""
from __future__ import annotations

import re
from typing import Any

from ..models import INDICATOR_FIELDS, PROJECT_FIELDS, Indicator, LoadNote, Project
from .. import values as _values
from . import cells
from .cells import col_letter, text
from .grid import Grid
from .header import Header

_FOOTER = re.compile(r"^(注|备注|说明|填报人|填表人|制表|审核|联系人|联系电话|负责人|单位负责人|财务负责人|填报日期|数据来源)")
_TOTALS = frozenset({"合计", "总计", "小计", "总合计"})
_IDENTITY = ("project_code", "project", "unit")


def fill_merged_down(grid: Grid, below: int) -> None:
    """Give every cell of a merged range in the data area (row index > below) its top-left value."""
    top = grid.first_row - 1
    rows = grid.rows
    for (r0, c0), (r1, _c1) in grid.merged:
        i0, i1 = r0 - top, r1 - top
        if i0 <= below or i1 <= i0 or i0 >= len(rows):
            continue
        value = grid.cell(i0, c0)
        if text(value) == "":
            continue
        for i in range(i0 + 1, min(i1, len(rows) - 1) + 1):
            row = rows[i]
            if c0 >= len(row):
                row.extend([""] * (c0 + 1 - len(row)))
            if text(row[c0]) == "":
                row[c0] = value


def _float(v: str) -> float | None:
    return cells.number(v) if v else None


def project_kwargs(raw: dict[str, Any], header: Header, is_self_eval: bool) -> dict[str, Any]:
    """Project fields from the cells of a project's first row (texts keyed by field)."""
    g = raw.get
    kw: dict[str, Any] = {
        "unit": g("unit") or None,
        "unit_code": g("unit_code") or None,
        "code": g("project_code") or None,
        "name": g("project") or None,
        "goal": g("goal") or None,
    }
    if "project_kind" in raw:
        kw["is_key"] = cells.key_flag(raw["project_kind"])
    if "is_new" in raw:
        kw["is_new"] = cells.new_flag(raw["is_new"])
    if "ex_ante" in raw:
        kw["ex_ante"] = cells.ex_ante_flag(raw["ex_ante"])
    if raw.get("amount"):
        kw["amount"] = cells.money(raw["amount"], header.money_unit("amount"))
        kw["amount_raw"] = raw["amount"]
    for name in ("fiscal_amount", "budget_full_year", "executed"):
        if raw.get(name):
            kw[name] = cells.money(raw[name], header.money_unit(name))
    if raw.get("execution_rate"):
        kw["execution_rate"] = cells.rate(raw["execution_rate"])
    if is_self_eval and "budget_full_year" not in header.fields and kw.get("amount") is not None:
        kw["budget_full_year"] = kw["amount"]
    return kw


def _cell(row: list[Any], j: int | None, txt: str) -> Any:
    """The typed cell value for the value parser (numbers, dates), or its text."""
    if j is None or j >= len(row):
        return None
    v = row[j]
    return (txt or None) if v.__class__ is str else v


def read_table(grid: Grid, header: Header, notes: list[LoadNote]) -> list[Project]:
    """Projects (with their indicators) of a flat table whose header is ``header``."""
    fields = header.fields
    fill_merged_down(grid, header.index)
    is_self_eval = header.is_self_eval
    order = list(fields)
    cols = [fields[k] for k in order]
    pos = {k: n for n, k in enumerate(order)}
    proj_pos = [(k, pos[k]) for k in order if k in PROJECT_FIELDS]
    ident_pos = [pos[k] for k in _IDENTITY if k in pos]
    ind_pos = [pos[k] for k in order if k in INDICATOR_FIELDS]
    p_code, p_name, p_unit = pos.get("project_code"), pos.get("project"), pos.get("unit")
    P = {k: pos.get(k) for k in INDICATOR_FIELDS}
    has_core, has_actual = "core" in fields, "actual" in fields
    ind_letters = {k: col_letter(fields[k]) for k in order if k in INDICATOR_FIELDS}
    proj_letters = {k: col_letter(fields[k]) for k in order if k in PROJECT_FIELDS}
    header_row = grid.row_texts(header.index)
    repeat_name = header_row[fields["name"]] if "name" in fields and fields["name"] < len(header_row) else None

    sheet, first_row = grid.name, grid.first_row
    parse = _values.parse_target
    c_value, c_actual = fields.get("value"), fields.get("actual")
    projects: dict[tuple[str, ...], dict[str, Any]] = {}
    cur: dict[str, Any] | None = None
    l1 = l2 = None
    for i in range(header.index + 1, len(grid.rows)):
        row = grid.rows[i]
        n = len(row)
        vals = [text(row[j]) if j < n else "" for j in cols]
        if not any(vals):
            continue
        if repeat_name is not None and vals[P["name"]] == repeat_name:   # type: ignore[index]
            continue
        filled = [v for v in vals if v]
        if len(filled) == 1 and (_FOOTER.match(filled[0]) or re.sub(r"\s", "", filled[0]) in _TOTALS):
            continue
        if any(re.sub(r"\s", "", vals[p]) in _TOTALS for p in ident_pos if vals[p]):
            continue
        excel_row = first_row + i
        code = vals[p_code] if p_code is not None else ""
        name = vals[p_name] if p_name is not None else ""
        unit = vals[p_unit] if p_unit is not None else ""
        if cur is None or _starts_project(cur, code, name, unit):
            key = ("code", code) if code else ("name", unit, name)
            if key in projects and (code or name):
                cur = projects[key]
            else:
                raw = {k: vals[p] for k, p in proj_pos}
                cur = {"kw": project_kwargs(raw, header, is_self_eval), "row": excel_row, "indicators": []}
                projects[key if (code or name or unit) else ("row", str(excel_row))] = cur
            l1 = l2 = None
        else:
            kw = cur["kw"]
            missing = [(k, p) for k, p in proj_pos if vals[p] and kw.get(_KW.get(k, k)) is None]
            if missing:
                extra = project_kwargs({k: vals[p] for k, p in missing}, header, is_self_eval)
                for k, v in extra.items():
                    if v is not None and kw.get(k) is None:
                        kw[k] = v
        if not any(vals[p] for p in ind_pos):
            continue
        v1 = vals[P["level1"]] if P["level1"] is not None else ""
        if v1:
            l1, l2 = v1, None
        v2 = vals[P["level2"]] if P["level2"] is not None else ""
        if v2:
            l2 = v2
        ind_name = vals[P["name"]] if P["name"] is not None else ""
        value = vals[P["value"]] if P["value"] is not None else ""
        op = vals[P["operator"]] if P["operator"] is not None else ""
        measure = vals[P["measure"]] if P["measure"] is not None else ""
        actual = vals[P["actual"]] if has_actual else ""
        cur["indicators"].append(Indicator.model_construct(
            sheet=sheet, row=excel_row, level1=l1, level2=l2,
            name=ind_name or None, value=value or None, operator=op or None, measure=measure or None,
            target=parse(_cell(row, c_value, value), op or None, measure or None),
            core=cells.core_flag(vals[P["core"]]) if has_core else None,  # type: ignore[index]
            weight=_float(vals[P["weight"]]) if P["weight"] is not None else None,
            note=(vals[P["note"]] or None) if P["note"] is not None else None,
            actual=actual or None,
            actual_target=parse(_cell(row, c_actual, actual), None, measure or None) if has_actual else None,
            score=_float(vals[P["score"]]) if P["score"] is not None else None,
            deviation=(vals[P["deviation"]] or None) if P["deviation"] is not None else None,
            columns=dict(ind_letters),
        ))
    out = []
    for acc in projects.values():
        out.append(Project(sheet=sheet, row=acc["row"], indicators=acc["indicators"],
                           columns=dict(proj_letters), **acc["kw"]))
    return out


_KW = {"project_code": "code", "project": "name", "project_kind": "is_key", "execution_rate": "execution_rate"}


def _starts_project(cur: dict[str, Any], code: str, name: str, unit: str) -> bool:
    """A row starts a new project when its code (else name, else unit) is set and differs from the current one."""
    kw = cur["kw"]
    if code:
        return code != (kw.get("code") or "")
    if name:
        return name != (kw.get("name") or "") or bool(unit and kw.get("unit") and unit != kw["unit"])
    if unit:
        return unit != (kw.get("unit") or "")
    return False
