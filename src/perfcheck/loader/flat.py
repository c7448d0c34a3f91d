"""Layout 1 (and CSV, flat self-evaluation files): one row per indicator, project cells carried forward."""
from __future__ import annotations

import re
from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from ..models import INDICATOR_FIELDS, PROJECT_FIELDS, Indicator, LoadNote, Project
from . import cells
from .cells import col_letter, text
from .grid import Grid
from .header import Header
from .records import Targets, builder, with_defaults

_FOOTER = re.compile(r"^(注\d*|备注|说明|填报人|填表人|制表人?|审核人?|联系人|联系电话|负责人|单位负责人|财务负责人|填报日期|数据来源)\s*[:：]")
_TOTALS = frozenset({"合计", "总计", "小计", "总合计"})
_SPACE = re.compile(r"\s")


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
                   typed: Sequence[Any] = (), pos: dict[str, int] | None = None) -> dict[str, Any]:
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


def _body(grid: Grid, start: int, cols: list[int]) -> tuple[list[list[Any]], list[list[str]]]:
    """The mapped columns of the rows below the header: (typed columns, text columns).

    Column by column at C speed (no per-row tuples), and the sheet's rows are freed here: the table is
    consumed, and on a 10⁶-row sheet the grid is as large as the records about to replace it.
    """
    rows = grid.rows[start:]
    del grid.rows[start:]
    if not rows:
        return [], []
    if min(map(len, rows)) > max(cols):          # calamine's rows are rectangular
        raw_cols = [list(map(itemgetter(j), rows)) for j in cols]
    else:                                        # ragged CSV rows, formula patches beyond the range
        raw_cols = [[r[j] if j < len(r) else "" for r in rows] for j in cols]
    del rows
    shared: dict[str, str] = {}                  # one object per distinct text (1M cells, a few 10⁴ texts)
    return raw_cols, [list(map(shared.setdefault, t, t)) for t in map(_texts, raw_cols)]


def _cut_long_cells(texts: list[list[str]], cols: list[int], sheet: str, notes: list[LoadNote]) -> None:
    """Cut cells beyond Excel's 32,767 characters (checked column by column at C speed), with a note."""
    for k, column in enumerate(texts):
        if column and max(map(len, column)) > cells.CELL_LIMIT:
            texts[k] = [s if len(s) <= cells.CELL_LIMIT else s[:cells.CELL_LIMIT] for s in column]
            notes.append(LoadNote(sheet=sheet or None, message=f"{col_letter(cols[k])}列有单元格超过Excel上限"
                                                               f"{cells.CELL_LIMIT}个字符，超出部分未检查"))


_TYPED_PROJECT_FIELDS = ("amount", "fiscal_amount", "budget_full_year", "executed", "execution_rate")
_ROW_FIELDS = ("project_code", "project", "unit", "level1", "level2", "name", "value", "operator", "measure",
               "core", "note", "deviation", "weight", "score", "actual")


def read_table(grid: Grid, header: Header, notes: list[LoadNote], targets: Targets | None = None) -> list[Project]:
    """Projects (with their indicators) of a flat table whose header is ``header``.

    Works column by column where it can (C-level map/zip), then walks the rows once.
    """
    fields = header.fields
    fill_merged_down(grid, header.index)
    is_self_eval = header.is_self_eval
    order = list(fields)
    cols = [fields[k] for k in order]
    pos = {k: n for n, k in enumerate(order)}
    proj_pos = [(k, pos[k]) for k in order if k in PROJECT_FIELDS]
    has_core, has_actual = "core" in fields, "actual" in fields
    ind_letters = {k: col_letter(fields[k]) for k in order if k in INDICATOR_FIELDS}
    proj_letters = {k: col_letter(fields[k]) for k in order if k in PROJECT_FIELDS}
    header_row = grid.row_texts(header.index)
    repeat_name = header_row[fields["name"]] if "name" in fields and fields["name"] < len(header_row) else None

    raw_cols, texts = _body(grid, header.index + 1, cols)
    _cut_long_cells(texts, cols, grid.name, notes)
    n = len(texts[0]) if texts else 0
    blank, nothing = [""] * n, [False] * n
    filled = [len(t) - t.count("") for t in zip(*texts)]      # non-empty cells per row
    ind_cols = [texts[pos[k]] for k in order if k in INDICATOR_FIELDS]
    ind_any = list(map(any, zip(*ind_cols))) if ind_cols else nothing
    proj_any = list(map(any, zip(*[texts[p] for _, p in proj_pos]))) if proj_pos else nothing
    column = [texts[pos[k]] if k in pos else blank for k in _ROW_FIELDS]
    typed = [raw_cols[pos[k]] if k in pos else blank for k in ("value", "actual")]
    money = {pos[k]: raw_cols[pos[k]] for k in _TYPED_PROJECT_FIELDS if k in pos}   # amounts stay numbers
    del raw_cols

    def typed_row(i: int) -> list[Any]:
        row: list[Any] = [""] * len(order)
        for p, col in money.items():
            row[p] = col[i]
        return row

    sheet, first_row = grid.name, grid.first_row + header.index + 1
    parse = targets or Targets()
    core_flag, core_words, number, _STR = cells.core_flag, cells.CORE_WORDS, cells.number, str
    make = builder(Indicator, _INDICATOR_KEYS)
    projects: dict[tuple[str, ...], dict[str, Any]] = {}
    cur: dict[str, Any] | None = None
    l1 = l2 = None
    for (i, nb, has_p, has_i, code, name, unit, c1, c2, nm, value, op, measure, core, note, dev, w, sc, act,
         v_typed, a_typed) in zip(range(n), filled, proj_any, ind_any, *column, *typed):
        if not nb or (nm and nm == repeat_name):
            continue
        if nb == 1 and _is_footer(next(t[i] for t in texts if t[i])):
            continue                              # a row with one filled cell may be a footer note
        if cur is None or ((code or name or unit) and _starts_project(cur, code, name, unit)):
            if _is_total(code, name, unit):
                continue
            key = ("code", code) if code else ("name", unit, name)
            if key in projects and (code or name):
                cur = projects[key]
            else:
                kw = project_kwargs({k: texts[p][i] for k, p in proj_pos}, header, is_self_eval, typed_row(i), pos)
                cur = {"kw": kw, "row": first_row + i, "indicators": []}
                projects[key if (code or name or unit) else ("row", str(i))] = cur
            l1 = l2 = None
        elif has_p:
            _fill_missing(cur["kw"], {k: texts[p][i] for k, p in proj_pos if texts[p][i]}, header, is_self_eval)
        if not has_i:
            continue
        if c1:
            l1, l2 = c1, None
        if c2:
            l2 = c2
        value, op, measure = value or None, op or None, measure or None
        d = {
            "sheet": sheet, "row": first_row + i, "level1": l1, "level2": l2, "name": nm or None,
            "value": value, "operator": op, "measure": measure,
            "target": parse(value if v_typed.__class__ is _STR else v_typed, op, measure),
            "core": (core_words[core] if core in core_words else core_flag(core)) if has_core else None,
            "note": note or None, "deviation": dev or None, "columns": ind_letters,
            "weight": number(w) if w else None, "score": number(sc) if sc else None,
            "actual": act or None,
            "actual_target": parse(act or None if a_typed.__class__ is _STR else a_typed, None, measure)
            if has_actual else None,
        }
        cur["indicators"].append(make(d))
    make_project = builder(Project, set(Project.model_fields))
    return [make_project(_project_values(sheet, acc, proj_letters)) for acc in projects.values()]


_INDICATOR_KEYS = frozenset({"sheet", "row", "level1", "level2", "name", "value", "operator", "measure", "target",
                             "core", "note", "deviation", "columns", "weight", "score", "actual", "actual_target"})


def _project_values(sheet: str, acc: dict[str, Any], letters: dict[str, str]) -> dict[str, Any]:
    """Every Project field: what the rows said, else its default."""
    d = {"sheet": sheet, "row": acc["row"], "indicators": acc["indicators"], "columns": dict(letters)}
    d.update(acc["kw"])
    return with_defaults(Project, d)


def _is_footer(cell: str) -> bool:
    """A lone note under the table (注：…, 填报人：…) or a total line."""
    return bool(_FOOTER.match(cell)) or _SPACE.sub("", cell) in _TOTALS


def _is_total(*cells_: str) -> bool:
    """合计/总计 rows are sums, not projects."""
    return any(c and c[0] in "合总小" and _SPACE.sub("", c) in _TOTALS for c in cells_)


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
