"""The records every rule sees, and the header-alias table: the written-down contract of columns.

A record that reaches a rule is well-formed: cells are stripped text or numbers,
targets are parsed, amounts are in 万元, and every record knows its sheet, Excel
row and the column letter of each of its fields.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field

from .values import Target

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}

# ---------------------------------------------------------------- header aliases
# field -> header variants (matched after normalise_header()).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "unit": ("单位名称", "预算单位", "预算单位名称", "部门名称", "实施单位", "主管部门"),
    "unit_code": ("单位编码", "预算单位编码", "单位代码"),
    "project_code": ("项目编码", "项目代码", "项目编号", "项目id"),
    "project": ("项目名称",),
    "project_kind": ("项目类型", "项目类别", "是否重点项目"),
    "is_new": ("是否新增项目", "新增项目", "项目性质"),
    "amount": ("项目金额", "项目资金", "年度资金总额", "预算金额", "资金总额", "预算数"),
    "fiscal_amount": ("财政拨款", "其中财政拨款"),
    "ex_ante": ("是否开展事前绩效评估", "事前绩效评估", "事前评估"),
    "goal": ("年度绩效目标", "年度目标", "绩效目标", "年度总体目标", "总体目标"),
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称", "绩效指标"),
    "operator": ("指标性质", "符号", "比较符", "运算符", "指标方向"),
    "value": ("指标值", "目标值", "年度指标值", "年度目标值"),
    "measure": ("计量单位", "度量单位", "指标单位"),
    "core": ("是否核心指标", "核心指标"),
    "weight": ("权重", "分值"),
    "note": ("指标解释", "评分标准", "备注", "指标说明"),
    "actual": ("实际完成值", "全年实际值", "实际值", "完成值"),
    "score": ("得分",),
    "deviation": ("偏差原因分析及改进措施", "偏差原因", "未完成原因", "偏差大或目标未完成原因分析"),
    "budget_full_year": ("全年预算数", "调整后预算数"),
    "executed": ("执行数", "全年执行数", "实际支出"),
    "execution_rate": ("预算执行率", "执行率"),
}
PROJECT_FIELDS = frozenset({
    "unit", "unit_code", "project_code", "project", "project_kind", "is_new", "amount",
    "fiscal_amount", "ex_ante", "goal", "budget_full_year", "executed", "execution_rate",
})
INDICATOR_FIELDS = frozenset(HEADER_ALIASES) - PROJECT_FIELDS

_HEADER_NOISE = re.compile(r"[\s\u3000:：*＊]")
_TRAILING_UNIT = re.compile(r"[（(][^）)]*[）)]$")


def normalise_header(text: object) -> str:
    """Drop spaces, colons, a trailing bracketed unit and the 其中 prefix, so variants compare equal."""
    s = _HEADER_NOISE.sub("", str(text or ""))
    s = _TRAILING_UNIT.sub("", s)
    return s.lower()


def header_unit(text: object) -> str | None:
    """The money unit a header names, e.g. '项目资金（元）' → '元'."""
    m = re.search(r"[（(]\s*(亿元|万元|元)\s*[）)]", str(text or ""))
    return m.group(1) if m else None


ALIAS_TO_FIELD: dict[str, str] = {normalise_header(a): f for f, aliases in HEADER_ALIASES.items() for a in aliases}

# ---------------------------------------------------------------- indicator framework
LEVEL1_NAMES = ("产出", "效益", "成本", "满意度")
LEVEL2_UNDER: dict[str, tuple[str, ...]] = {
    "产出": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "成本": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
    "效益": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度": ("服务对象满意度指标",),
}


@lru_cache(maxsize=4096)
def level1_dimension(text: str | None) -> str | None:
    """Map '产出指标', '产出', ' 效益指标 ' to the bare dimension name, or None if unknown (memoised: a
    column holds a handful of distinct words and every rule asks)."""
    if not text:
        return None
    s = re.sub(r"\s", "", text)
    for name in LEVEL1_NAMES:
        if s in (name, name + "指标"):
            return name
    return None


# ---------------------------------------------------------------- records
class Indicator(BaseModel):
    """One indicator row. ``columns`` maps field → column letter of its cell."""

    sheet: str
    row: int
    level1: str | None = None          # as filed (carried forward when blank under a merged group)
    level2: str | None = None
    name: str | None = None
    value: str | None = None           # 指标值 cell as text
    operator: str | None = None        # 指标性质 cell as text, if the file has that column
    measure: str | None = None         # 计量单位 cell, if any
    target: Target = Field(default_factory=Target)
    core: bool | None = None           # None when the file has no 核心指标 column
    weight: float | None = None
    note: str | None = None
    actual: str | None = None          # self-evaluation
    actual_target: Target | None = None
    score: float | None = None
    deviation: str | None = None
    columns: dict[str, str] = Field(default_factory=dict)

    @property
    def dimension(self) -> str | None:
        return level1_dimension(self.level1)


class Project(BaseModel):
    """A project, or a department-wide goal (``kind='department'``), with its indicators."""

    kind: Literal["project", "department"] = "project"
    sheet: str
    row: int                            # first row (Layout 3: the 项目名称 row)
    unit: str | None = None
    unit_code: str | None = None
    code: str | None = None
    name: str | None = None
    is_key: bool | None = None          # 重点项目
    is_new: bool | None = None
    amount: float | None = None         # 万元
    amount_raw: str | None = None       # as filed, for messages
    fiscal_amount: float | None = None  # 万元
    ex_ante: bool | None = None
    goal: str | None = None
    budget_full_year: float | None = None  # 万元 (self-evaluation)
    executed: float | None = None          # 万元 (self-evaluation)
    execution_rate: float | None = None    # percent, 0–100+ (self-evaluation)
    indicators: list[Indicator] = Field(default_factory=list)
    columns: dict[str, str] = Field(default_factory=dict)
    rows: dict[str, int] = Field(default_factory=dict)  # field → row, where a field is not on `row` (forms)

    @property
    def label(self) -> str:
        """What a message calls this project."""
        return self.name or self.code or (self.unit or "") + ("部门整体" if self.kind == "department" else "")


class LoadNote(BaseModel):
    """Something the loader met that the user should hear about but that is not a rule finding."""

    sheet: str | None = None
    row: int | None = None
    message: str


class Workbook(BaseModel):
    """Everything read from one file."""

    path: str
    layout: str                         # flat | two_sheets | form | dept | csv | self_eval ...
    projects: list[Project] = Field(default_factory=list)
    has_core_column: bool = True
    is_self_eval: bool = False
    notes: list[LoadNote] = Field(default_factory=list)
    # orphan indicators (two-sheet layout: project not found), kept so rules can report them
    orphans: list[Indicator] = Field(default_factory=list)

    @property
    def indicator_count(self) -> int:
        return sum(len(p.indicators) for p in self.projects)


class Finding(BaseModel):
    """One problem, where to fix it, and what to do."""

    rule: str
    severity: Severity
    title: str
    message: str
    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    unit: str | None = None
    project_code: str | None = None
    project: str | None = None
    indicator: str | None = None

    @property
    def cell(self) -> str:
        """'Sheet1!K14', 'Sheet1!14' or ''."""
        if self.row is None:
            return self.sheet or ""
        ref = f"{self.column or ''}{self.row}"
        return f"{self.sheet}!{ref}" if self.sheet else ref
