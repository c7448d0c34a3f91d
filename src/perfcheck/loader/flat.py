"""Layout 1 (and CSV, flat self-evaluation files): one row per indicator, project cells carried forward."""
from __future__ import annotations

import re
from itertools import repeat
from operator import itemgetter
from typing import Any

from ..models import INDICATOR_FIELDS, PROJECT_FIELDS, Indicator, LoadNote, Project
from . import cells
from .cells import col_letter, text
from .grid import Grid
from .header import Header
from .records import Targets, builder, construct

_FOOTER = re.compile(r"^(注|备注|说明|填报人|填表人|制表|审核|联系人|联系电话|负责人|单位负责人|财务负责人|填报日期|数据来源)")
_TOTALS = frozenset({"合计", "总计", "小计", "总合计"})


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


def project_kwargs(raw: dict[str, Any], header: Header, is_self_eval: bool,
                   typed: tuple[Any, ...] = (), pos: dict[str, int] | None = None) -> dict[str, Any]:
    """Project fields from the cells of a project's first row (texts keyed by field; typed cells for amounts)."""
    g = raw.get

    def cell(name: str) -> Any:
        if pos is not None and name in pos and typed[pos[name]].__class__ is float:
            return typed[pos[name]]
        return raw[name]

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
        kw["amount"] = cells.money(cell("amount"), header.money_unit("amount"))
        kw["amount_raw"] = raw["amount"]
    for name in ("fiscal_amount", "budget_full_year", "executed"):
        if raw.get(name):
            kw[name] = cells.money(cell(name), header.money_unit(name))
    if raw.get("execution_rate"):
        kw["execution_rate"] = cells.rate(cell("execution_rate"))
    if is_self_eval and "budget_full_year" not in header.fields and kw.get("amount") is not None:
        kw["budget_full_year"] = kw["amount"]
    return kw


def _getter(idx: list[int]) -> Any:
    """itemgetter that always returns a tuple."""
    if len(idx) == 1:
        j = idx[0]
        return lambda seq: (seq[j],)
    return itemgetter(*idx) if idx else (lambda seq: ())


def _texts(column: tuple[Any, ...]) -> list[str]:
    """A column's cells as stripped text; all-text columns (the usual case) go through C-level map."""
    try:
        return list(map(str.strip, column))
    except TypeError:                                 # numbers, dates: each distinct one rendered once
        others = {v for v in column if v.__class__ is not str}
        if any(v.__class__ is bool for v in others):  # True == 1.0 would share 1.0's text
            return [v.strip() if v.__class__ is str else text(v) for v in column]
        shown = {v: text(v) for v in others}
        return [v.strip() if v.__class__ is str else shown[v] for v in column]


def _body(grid: Grid, start: int, cols: list[int]) -> tuple[list[tuple[Any, ...]], list[tuple[str, ...]]]:
    """(typed cells, texts) of every row below the header, for the mapped columns; texts end with ''."""
    row_get, maxc = _getter(cols), max(cols)
    raw = [row_get(r) if len(r) > maxc else tuple(r[j] if j < len(r) else "" for j in cols)
           for r in grid.rows[start:]]
    if not raw:
        return [], []
    columns = [_texts(c) for c in zip(*raw)]
    return raw, list(zip(*columns, repeat("")))


def read_table(grid: Grid, header: Header, notes: list[LoadNote], targets: Targets | None = None) -> list[Project]:
    """Projects (with their indicators) of a flat table whose header is ``header``."""
    fields = header.fields
    fill_merged_down(grid, header.index)
    is_self_eval = header.is_self_eval
    order = list(fields)
    cols = [fields[k] for k in order]
    E = len(cols)                                     # sentinel: vals[E] is always ''
    pos = {k: n for n, k in enumerate(order)}
    P = {k: pos.get(k, E) for k in set(INDICATOR_FIELDS) | set(PROJECT_FIELDS)}
    proj_pos = [(k, pos[k]) for k in order if k in PROJECT_FIELDS]
    proj_get = _getter([p for _, p in proj_pos])
    ind_get = _getter([pos[k] for k in order if k in INDICATOR_FIELDS])
    p_code, p_name, p_unit = P["project_code"], P["project"], P["unit"]
    p_l1, p_l2, p_nm, p_val, p_op, p_me = (P[k] for k in ("level1", "level2", "name", "value", "operator", "measure"))
    p_core, p_w, p_note, p_act, p_sc, p_dev = (P[k] for k in ("core", "weight", "note", "actual", "score", "deviation"))
    has_core, has_actual, has_value = "core" in fields, "actual" in fields, "value" in fields
    ind_letters = {k: col_letter(fields[k]) for k in order if k in INDICATOR_FIELDS}
    proj_letters = {k: col_letter(fields[k]) for k in order if k in PROJECT_FIELDS}
    header_row = grid.row_texts(header.index)
    repeat_name = header_row[fields["name"]] if "name" in fields and fields["name"] < len(header_row) else None

    sheet, first_row = grid.name, grid.first_row + header.index + 1
    parse = targets or Targets()
    core_flag, core_words, number, _STR = cells.core_flag, cells.CORE_WORDS, cells.number, str
    make = builder(Indicator, _INDICATOR_KEYS)
    projects: dict[tuple[str, ...], dict[str, Any]] = {}
    cur: dict[str, Any] | None = None
    l1 = l2 = None
    raw_rows, text_rows = _body(grid, header.index + 1, cols)
    for i, vals in enumerate(text_rows):
        if not any(vals):
            continue
        if (repeat_name is not None and vals[p_nm] == repeat_name) or (
                vals.count("") == E and _is_footer(next(v for v in vals if v))):
            continue
        code, name, unit = vals[p_code], vals[p_name], vals[p_unit]
        if cur is None or ((code or name or unit) and _starts_project(cur, code, name, unit)):
            if _is_total(code, name, unit):
                continue
            key = ("code", code) if code else ("name", unit, name)
            if key in projects and (code or name):
                cur = projects[key]
            else:
                kw = project_kwargs({k: vals[p] for k, p in proj_pos}, header, is_self_eval, raw_rows[i], pos)
                cur = {"kw": kw, "row": first_row + i, "indicators": []}
                projects[key if (code or name or unit) else ("row", str(i))] = cur
            l1 = l2 = None
        elif any(proj_get(vals)):
            _fill_missing(cur["kw"], {k: vals[p] for k, p in proj_pos if vals[p]}, header, is_self_eval)
        if not any(ind_get(vals)):
            continue
        if vals[p_l1]:
            l1, l2 = vals[p_l1], None
        if vals[p_l2]:
            l2 = vals[p_l2]
        raw = raw_rows[i]
        value, op, measure = vals[p_val] or None, vals[p_op] or None, vals[p_me] or None
        v = raw[p_val] if has_value else None
        d = {
            "sheet": sheet, "row": first_row + i, "level1": l1, "level2": l2, "name": vals[p_nm] or None,
            "value": value, "operator": op, "measure": measure,
            "target": parse(value if v.__class__ is _STR else v, op, measure),
            "core": (core_words[c] if (c := vals[p_core]) in core_words else core_flag(c)) if has_core else None,
            "note": vals[p_note] or None, "deviation": vals[p_dev] or None,
            "columns": ind_letters,
            "weight": number(vals[p_w]) if vals[p_w] else None,
            "score": number(vals[p_sc]) if vals[p_sc] else None,
            "actual": vals[p_act] or None, "actual_target": None,
        }
        if has_actual:
            a = raw[p_act]
            d["actual_target"] = parse(d["actual"] if a.__class__ is _STR else a, None, measure)
        cur["indicators"].append(make(d))
    return [construct(Project, _project_values(sheet, acc, proj_letters)) for acc in projects.values()]


_INDICATOR_KEYS = frozenset({"sheet", "row", "level1", "level2", "name", "value", "operator", "measure", "target",
                             "core", "note", "deviation", "columns", "weight", "score", "actual", "actual_target"})


def _project_values(sheet: str, acc: dict[str, Any], letters: dict[str, str]) -> dict[str, Any]:
    d = {"sheet": sheet, "row": acc["row"], "indicators": acc["indicators"], "columns": dict(letters)}
    d.update(acc["kw"])
    return d


def _is_footer(cell: str) -> bool:
    """A lone note under the table (注：…, 填报人：…) or a total line."""
    return bool(_FOOTER.match(cell)) or re.sub(r"\s", "", cell) in _TOTALS


def _is_total(*cells_: str) -> bool:
    return any(c and re.sub(r"\s", "", c) in _TOTALS for c in cells_)


def _fill_missing(kw: dict[str, Any], raw: dict[str, str], header: Header, is_self_eval: bool) -> None:
    """Project facts first written on a continuation row fill what the first row left empty."""
    missing = {k: v for k, v in raw.items() if kw.get(_KW.get(k, k)) is None}
    if missing:
        for k, v in project_kwargs(missing, header, is_self_eval).items():
            if v is not None and kw.get(k) is None:
                kw[k] = v


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
