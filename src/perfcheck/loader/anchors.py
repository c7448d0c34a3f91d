"""Find where per-project and department forms start on a sheet, and read a label's value."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import ALIAS_TO_FIELD, PROJECT_FIELDS, normalise_header
from .grid import Grid
from .header import field_for, map_row, table_kind

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
TITLE = re.compile(r"(绩效目标表|绩效自评表|自评表|目标申报表)$")


def label(cell: str) -> str | None:
    """The form field a label cell names (None for values and titles)."""
    if not cell or len(cell) > 20:
        return None
    key = normalise_header(cell)
    if TITLE.search(key):
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
        value, _ = value_right(texts, kinds[kind], "project" if kind == "项目名称" else "dept")
        # '项目名称 | 年度目标 | …' or '项目名称 | 三级指标 | 指标值' is a short table header, not a form label
        if (value and field_for(value) is None) or table_kind(map_row(texts)) is None:
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
        return [] if not any(value_right(grid.row_texts(a.index), 0, None)[0] for a in out) else out
    return out


def _indicator_header_between(grid: Grid, i0: int, i1: int) -> bool:
    return any(is_indicator_header(grid.row_texts(i)) for i in range(i0, i1))


def is_indicator_header(texts: list[str]) -> bool:
    f = map_row(texts)
    return "name" in f and "value" in f


def _extend_up(grid: Grid, start: int, floor: int) -> int:
    """Include label rows just above the anchor (e.g. 项目编码), stopping at blanks and titles."""
    i = start
    while i - 1 >= floor:
        texts = [t for t in grid.row_texts(i - 1) if t]
        if not texts or not any(label(t) for t in texts):
            break
        i -= 1
    return i


def right_of(grid: Grid, i: int, j: int) -> int:
    """Column just right of a (possibly merged) label cell: where its missing value belongs."""
    r = grid.first_row - 1 + i
    for (r0, c0), (r1, c1) in grid.merged:
        if r0 <= r <= r1 and c0 <= j <= c1:
            return c1 + 1
    return j + 1


def value_right(texts: list[str], j: int, fld: str | None) -> tuple[str, int | None]:
    """The next non-empty cell right of column j that is not itself a label (a label of another field stops)."""
    for k in range(j + 1, len(texts)):
        t = texts[k]
        if not t:
            continue
        other = label(t)
        if other is None:
            return t, k
        if other != fld:
            return "", None
    return "", None
