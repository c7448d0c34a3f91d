"""Layout 3: per-project forms (项目支出绩效目标表), department forms (部门整体支出绩效目标表) and self-evaluation forms."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .. import values as _values
from ..models import Indicator, Project, header_unit, normalise_header
from . import cells
from .anchors import TITLE, Anchor, find_anchors, is_indicator_header, label, right_of, value_right
from .cells import col_letter
from .grid import Grid
from .header import DEFAULT_MONEY_UNIT, map_row

__all__ = ["find_anchors", "read_forms"]

# a self-evaluation form's money block: a header row of these over the 年度资金总额 row
_MONEY_HEAD = {
    "年初预算数": "amount", "全年预算数": "budget_full_year", "调整后预算数": "budget_full_year",
    "全年执行数": "executed", "执行数": "executed", "执行率": "execution_rate", "预算执行率": "execution_rate",
}
_UNIT_NOTE = re.compile(r"单位\s*[:：]\s*(亿元|万元|元)")
_MONEY_FIELDS = ("amount", "fiscal_amount", "budget_full_year", "executed")


@dataclass
class _Form:
    found: dict[str, tuple[str, Any, int, int]] = field(default_factory=dict)   # field → (text, raw, i, j)
    money_unit: str | None = None
    self_eval: bool = False

    def put(self, fld: str, txt: str, raw: Any, i: int, j: int) -> None:
        if fld not in self.found or not self.found[fld][0]:
            self.found[fld] = (txt, raw, i, j)


def read_forms(grid: Grid, anchors: list[Anchor]) -> tuple[list[Project], bool, bool]:
    """(projects, has_core_column, is_self_eval) of every form on a sheet."""
    projects: list[Project] = []
    has_core = self_eval = False
    for a in anchors:
        project, core, se = _read_form(grid, a)
        projects.append(project)
        has_core |= core
        self_eval |= se
    return projects, has_core, self_eval


def _read_form(grid: Grid, a: Anchor) -> tuple[Project, bool, bool]:
    form = _Form()
    title_floor = max(0, a.start - 4)
    for i in range(title_floor, a.start):
        for t in grid.row_texts(i):
            if "自评" in t:
                form.self_eval = True
            m = _UNIT_NOTE.search(t)
            if m:
                form.money_unit = form.money_unit or m.group(1)
    head_i = None
    money_cols: dict[str, int] = {}
    goal_col: int | None = None
    for i in range(a.start, a.end):
        texts = grid.row_texts(i)
        if is_indicator_header(texts):
            head_i = i
            break
        heads = {_MONEY_HEAD[normalise_header(t)]: j for j, t in enumerate(texts) if normalise_header(t) in _MONEY_HEAD}
        if len(heads) >= 2:
            money_cols = heads
            continue
        if goal_col is not None and not form.found.get("goal", ("",))[0] and goal_col < len(texts) and texts[goal_col]:
            form.put("goal", texts[goal_col], grid.cell(i, goal_col), i, goal_col)
        for j, t in enumerate(texts):
            if "自评" in t and TITLE.search(t):
                form.self_eval = True
            fld = label(t)
            if fld is None:
                m = _UNIT_NOTE.search(t)
                if m:
                    form.money_unit = form.money_unit or m.group(1)
                continue
            form.money_unit = form.money_unit or header_unit(t)
            if fld == "amount" and money_cols and any(texts[c] for c in money_cols.values() if c < len(texts)):
                for mf, c in money_cols.items():          # 年度资金总额 under a 全年预算数/执行数/执行率 header
                    if c < len(texts) and texts[c]:
                        form.put(mf, texts[c], grid.cell(i, c), i, c)
                continue
            value, k = value_right(texts, j, fld)
            if fld == "goal" and normalise_header(t) == "预期目标":
                goal_col = j
                continue
            if k is not None:
                form.put(fld, value, grid.cell(i, k), i, k)
            elif fld not in form.found:
                form.found[fld] = ("", None, i, right_of(grid, i, j))
    project = _project(grid, a, form)
    core = False
    if head_i is not None:
        project.indicators, core, se = _indicators(grid, head_i, a.end)
        form.self_eval |= se
    return project, core, form.self_eval


def _project(grid: Grid, a: Anchor, form: _Form) -> Project:
    found = form.found
    unit_src = next((f for f in ("unit", "unit_main", "dept") if found.get(f, ("",))[0]), None)
    unit_src = unit_src or next((f for f in ("unit", "unit_main", "dept") if f in found), None)
    kw: dict[str, Any] = {"kind": a.kind, "sheet": grid.name, "row": grid.first_row + a.index}
    rows: dict[str, int] = {}
    cols: dict[str, str] = {}

    def where(fld: str, src: str) -> None:
        _, _, i, j = found[src]
        rows[fld] = grid.first_row + i
        cols[fld] = col_letter(j)

    if unit_src:
        kw["unit"] = found[unit_src][0] or None
        where("unit", unit_src)
    for fld, attr in (("project", "name"), ("project_code", "code"), ("unit_code", "unit_code"), ("goal", "goal")):
        if fld in found:
            kw[attr] = found[fld][0] or None
            where(fld, fld)
    if a.kind == "department":
        kw["name"] = None
    unit = form.money_unit or DEFAULT_MONEY_UNIT
    for fld in _MONEY_FIELDS:
        if fld in found and found[fld][0]:
            kw[fld] = cells.money(found[fld][1], unit)
            if fld == "amount":
                kw["amount_raw"] = found[fld][0]
            where(fld, fld)
    if found.get("execution_rate", ("",))[0]:
        kw["execution_rate"] = cells.rate(found["execution_rate"][1])
        where("execution_rate", "execution_rate")
    for fld, attr, conv in (("project_kind", "is_key", cells.key_flag), ("is_new", "is_new", cells.new_flag),
                            ("ex_ante", "ex_ante", cells.ex_ante_flag)):
        if found.get(fld, ("",))[0]:
            kw[attr] = conv(found[fld][0])
            where(fld, fld)
    if form.self_eval and kw.get("budget_full_year") is None and kw.get("amount") is not None:
        kw["budget_full_year"] = kw["amount"]
    return Project(rows=rows, columns=cols, **kw)


def _indicators(grid: Grid, head_i: int, end: int) -> tuple[list[Indicator], bool, bool]:
    """The indicator block under a form's 一级指标/二级指标/三级指标/指标值 header row."""
    fields = map_row(grid.row_texts(head_i))
    left = min(fields.values())
    block_end = head_i
    top = grid.first_row - 1
    for (r0, c0), (r1, _c1) in grid.merged:      # the 绩效指标 label merged down the block
        if r0 - top == head_i and c0 < left:
            block_end = max(block_end, r1 - top)
    letters = {f: col_letter(j) for f, j in fields.items()}
    has_core, has_actual = "core" in fields, "actual" in fields
    self_eval = bool({"actual", "score", "deviation"} & fields.keys())
    out: list[Indicator] = []
    l1 = l2 = None
    for i in range(head_i + 1, end):
        texts = grid.row_texts(i)
        get = {f: (texts[j] if j < len(texts) else "") for f, j in fields.items()}
        if any(t for t in texts[:left]) or any(TITLE.search(t) for t in texts if t):
            break
        if not any(get.values()):
            if i > block_end:
                break
            continue
        if get.get("level1"):
            l1, l2 = get["level1"], None
        if get.get("level2"):
            l2 = get["level2"]
        value, op, measure, actual = (get.get(k) or None for k in ("value", "operator", "measure", "actual"))
        vj, aj = fields.get("value"), fields.get("actual")
        raw_v = grid.cell(i, vj) if vj is not None else None
        raw_a = grid.cell(i, aj) if aj is not None else None
        out.append(Indicator(
            sheet=grid.name, row=grid.first_row + i, level1=l1, level2=l2,
            name=get.get("name") or None, value=value, operator=op, measure=measure,
            target=_values.parse_target(raw_v if raw_v.__class__ is not str else value, op, measure),
            core=cells.core_flag(get["core"]) if has_core else None,
            weight=cells.number(get["weight"]) if get.get("weight") else None,
            note=get.get("note") or None,
            actual=actual,
            actual_target=_values.parse_target(raw_a if raw_a.__class__ is not str else actual, None, measure)
            if has_actual else None,
            score=cells.number(get["score"]) if get.get("score") else None,
            deviation=get.get("deviation") or None,
            columns=dict(letters),
        ))
    return out, has_core, self_eval
