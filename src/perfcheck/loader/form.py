"""Layout 3: per-project forms (项目支出绩效目标表), department forms (部门整体支出绩效目标表) and self-evaluation forms."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .. import values as _values
from ..models import ALIAS_TO_FIELD, PROJECT_FIELDS, Indicator, Project, header_unit, normalise_header
from . import cells
from .cells import col_letter
from .grid import Grid
from .header import DEFAULT_MONEY_UNIT, map_row, table_kind

# label → form field. Project-level aliases of the flat table, plus what only forms say.
FORM_LABELS: dict[str, str] = {k: f for k, f in ALIAS_TO_FIELD.items() if f in PROJECT_FIELDS}
FORM_LABELS.update({
    "主管部门": "unit_main", "主管部门及代码": "unit_main", "主管单位": "unit_main",
    "实施单位": "unit", "部门名称": "dept", "部门": "dept",
    "年度预算数": "amount", "部门预算数": "amount", "年度预算总额": "amount", "预算总额": "amount",
    "部门年度预算": "amount", "年度部门预算": "amount", "年度资金总额": "amount", "资金总额": "amount",
    "当年财政拨款": "fiscal_amount", "其中当年财政拨款": "fiscal_amount",
    "年度履职目标": "goal", "部门整体绩效目标": "goal", "整体绩效目标": "goal", "部门整体目标": "goal",
    "部门整体支出绩效目标": "goal", "部门年度绩效目标": "goal", "部门整体支出年度绩效目标": "goal",
    "预期目标": "goal", "实际完成情况": "goal_actual",
})
_MONEY_HEAD = {
    "年初预算数": "amount", "全年预算数": "budget_full_year", "调整后预算数": "budget_full_year",
    "全年执行数": "executed", "执行数": "executed", "执行率": "execution_rate", "预算执行率": "execution_rate",
}
_TITLE = re.compile(r"(绩效目标表|绩效自评表|自评表|目标申报表)$")
_UNIT_NOTE = re.compile(r"单位\s*[:：]\s*(亿元|万元|元)")
_MONEY_FIELDS = ("amount", "fiscal_amount", "budget_full_year", "executed")


def _label(cell: str) -> str | None:
    """The form field a label cell names (None for values and titles)."""
    if not cell or len(cell) > 20:
        return None
    key = normalise_header(cell)
    if _TITLE.search(key):
        return None
    return FORM_LABELS.get(key)


@dataclass
class Anchor:
    """Where one form starts: its 项目名称 (or 部门名称) row."""

    index: int
    kind: str                       # 'project' | 'department'
    start: int = 0                  # first row index searched for labels
    end: int = 0                    # row index after the form


FORM_SCAN_ROWS = 30


def find_anchors(grid: Grid) -> list[Anchor]:
    """Rows that open a form: a 项目名称/部门名称 label in a row with few labels (not a table header)."""
    if not _anchors_in(grid, 0, min(FORM_SCAN_ROWS, len(grid.rows))):
        return []
    return _group(grid, _anchors_in(grid, 0, len(grid.rows)))


def _anchors_in(grid: Grid, i0: int, i1: int) -> list[Anchor]:
    found: list[Anchor] = []
    for i in range(i0, i1):
        row = grid.rows[i]
        kinds: dict[str, int] = {}
        labels = 0
        for j, v in enumerate(row):
            if v.__class__ is not str or not v or len(v) > 24:
                continue
            key = normalise_header(v)
            if key in ("项目名称", "部门名称"):
                kinds.setdefault(key, j)
            if key in ALIAS_TO_FIELD or key in FORM_LABELS:
                labels += 1
        if not kinds or labels > 3:
            continue
        kind = "项目名称" if "项目名称" in kinds else "部门名称"
        texts = grid.row_texts(i)
        value, _ = _value_right(texts, kinds[kind], "project" if kind == "项目名称" else "dept")
        # '项目名称 | 年度目标 | …' is a short table header, not a form label with its value
        if value or table_kind(map_row(texts)) is None:
            found.append(Anchor(i, "project" if kind == "项目名称" else "department"))
    return found


def _group(grid: Grid, found: list[Anchor]) -> list[Anchor]:
    """Drop anchors that are labels of the next form; set each form's row range."""
    # a 部门名称 label just above a 项目名称 belongs to that project's form
    out: list[Anchor] = []
    for a in found:
        if out and out[-1].kind == "department" and a.kind == "project" and not _indicator_header_between(grid, out[-1].index, a.index):
            a.start = out[-1].start
            out[-1] = a
            continue
        a.start = a.index
        out.append(a)
    for n, a in enumerate(out):
        a.start = _extend_up(grid, a.start, out[n - 1].index + 1 if n else 0)
    for n, a in enumerate(out):
        a.end = out[n + 1].start if n + 1 < len(out) else len(grid.rows)
    if out and not any(_indicator_header_between(grid, a.index, a.end) for a in out):
        return [] if not any(_value_right(grid.row_texts(a.index), 0, None)[0] for a in out) else out
    return out


def _indicator_header_between(grid: Grid, i0: int, i1: int) -> bool:
    return any(_is_indicator_header(grid.row_texts(i)) for i in range(i0, i1))


def _is_indicator_header(texts: list[str]) -> bool:
    f = map_row(texts)
    return "name" in f and "value" in f


def _extend_up(grid: Grid, start: int, floor: int) -> int:
    """Include label rows just above the anchor (e.g. 项目编码), stopping at blanks and titles."""
    i = start
    while i - 1 >= floor:
        texts = [t for t in grid.row_texts(i - 1) if t]
        if not texts or not any(_label(t) for t in texts):
            break
        i -= 1
    return i


def _right_of(grid: Grid, i: int, j: int) -> int:
    """Column just right of a (possibly merged) label cell: where its missing value belongs."""
    r = grid.first_row - 1 + i
    for (r0, c0), (r1, c1) in grid.merged:
        if r0 <= r <= r1 and c0 <= j <= c1:
            return c1 + 1
    return j + 1


def _value_right(texts: list[str], j: int, fld: str | None) -> tuple[str, int | None]:
    """The next non-empty cell right of column j that is not itself a label (a label of another field stops)."""
    for k in range(j + 1, len(texts)):
        t = texts[k]
        if not t:
            continue
        other = _label(t)
        if other is None:
            return t, k
        if other != fld:
            return "", None
    return "", None


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
        if _is_indicator_header(texts):
            head_i = i
            break
        heads = {_MONEY_HEAD[normalise_header(t)]: j for j, t in enumerate(texts) if normalise_header(t) in _MONEY_HEAD}
        if len(heads) >= 2:
            money_cols = heads
            continue
        if goal_col is not None and not form.found.get("goal", ("",))[0] and goal_col < len(texts) and texts[goal_col]:
            form.put("goal", texts[goal_col], grid.cell(i, goal_col), i, goal_col)
        for j, t in enumerate(texts):
            if "自评" in t and _TITLE.search(t):
                form.self_eval = True
            fld = _label(t)
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
            value, k = _value_right(texts, j, fld)
            if fld == "goal" and normalise_header(t) == "预期目标":
                goal_col = j
                continue
            if k is not None:
                form.put(fld, value, grid.cell(i, k), i, k)
            elif fld not in form.found:
                form.found[fld] = ("", None, i, _right_of(grid, i, j))
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
        if any(t for t in texts[:left]) or any(_TITLE.search(t) for t in texts if t):
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
