"""PC1 completeness: enough indicators, core indicators, dimensions and a goal that says something."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from ..models import Indicator, Project, Workbook, level1_dimension
from . import Hit, Params, check

Requirement = Literal["required", "public", "off"]
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
# Words that show a project serves the public (used when a dimension is required "when it serves the public").
_PUBLIC = re.compile(r"群众|居民|市民|村民|学生|患者|游客|老年人|残疾人|儿童|妇女|农户|企业|服务对象|公众|社会|乘客|考生|家庭")


class CountParams(Params):
    general_min: int = 3
    key_min: int = 5


@check("project", CountParams, placeholders={"count", "kind", "minimum"})
def indicator_count(project: Project, book: Workbook, p: CountParams) -> Hit | None:
    """Too few indicators cannot describe what the money buys (seed 000: 3 and 5)."""
    minimum = p.key_min if project.is_key else p.general_min
    count = len(project.indicators)
    if count >= minimum:
        return None
    kind = "重点项目" if project.is_key else "一般项目"
    return Hit(project=project, field="project", values={"count": count, "kind": kind, "minimum": minimum})


class CoreParams(Params):
    general_min: int = 1
    key_min: int = 3


@check("project", CoreParams, placeholders={"count", "kind", "minimum"})
def core_count(project: Project, book: Workbook, p: CoreParams) -> Hit | None:
    """Core indicators carry the assessment; without a 核心指标 column PC108 speaks instead."""
    if not book.has_core_column or not project.indicators:
        return None
    minimum = p.key_min if project.is_key else p.general_min
    count = sum(1 for i in project.indicators if i.core)
    if count >= minimum:
        return None
    kind = "重点项目" if project.is_key else "一般项目"
    return Hit(project=project, field="project", values={"count": count, "kind": kind, "minimum": minimum})


class DimensionParams(Params):
    required: list[str] = ["产出", "效益"]
    cost: Requirement = "off"
    satisfaction: Requirement = "off"


def project_dimensions(indicators: list[Indicator]) -> set[str]:
    """一级 dimensions present; 成本指标 filed as a 二级 under 产出 counts as 成本 (pre-2021 framework)."""
    found: set[str] = set()
    for ind in indicators:
        dim = level1_dimension(ind.level1)
        if dim:
            found.add(dim)
        if ind.level2 and ind.level2.replace(" ", "").startswith("成本"):
            found.add("成本")
    return found


@check("goal", DimensionParams, placeholders={"missing", "present"})
def required_dimensions(project: Project, book: Workbook, p: DimensionParams) -> Hit | None:
    """Goals must be described from several sides: output and effect at least."""
    if not project.indicators:
        return None
    required = list(p.required)
    serves_public = bool(_PUBLIC.search((project.goal or "") + (project.name or "")))
    for dim, rule in (("成本", p.cost), ("满意度", p.satisfaction)):
        if rule == "required" or (rule == "public" and serves_public):
            required.append(dim)
    present = project_dimensions(project.indicators)
    missing = [d for d in dict.fromkeys(required) if d not in present]
    if not missing:
        return None
    return Hit(project=project, field="project", values={
        "missing": "、".join(f"{d}指标" for d in missing),
        "present": "、".join(f"{d}指标" for d in sorted(present)) or "无"})


class Level2Params(Params):
    required: list[str] = ["数量指标", "时效指标"]


@check("goal", Level2Params, placeholders={"missing"})
def output_level2(project: Project, book: Workbook, p: Level2Params) -> Hit | None:
    """Output indicators should say how much and by when."""
    outputs = [i for i in project.indicators if level1_dimension(i.level1) == "产出"]
    if not outputs:
        return None
    have = {"".join((i.level2 or "").split()).removesuffix("指标") for i in outputs}
    missing = [r for r in p.required if r.removesuffix("指标") not in have]
    if not missing:
        return None
    return Hit(project=project, field="level2", values={"missing": "、".join(missing)})


class GoalParams(Params):
    min_length: int = 10


@check("goal", GoalParams, placeholders={"length", "minimum", "goal"})
def goal_text(project: Project, book: Workbook, p: GoalParams) -> Hit | None:
    """A goal too short to say anything cannot be assessed (seed 003: 无具体内容…不予安排)."""
    text = project.goal or ""
    length = len(_PUNCT.sub("", text))
    if length >= p.min_length:
        return None
    return Hit(project=project, field="goal", values={"length": length, "minimum": p.min_length,
                                                      "goal": text.strip() or "（空）"})


class DeptCountParams(Params):
    minimum: int = 5


@check("department", DeptCountParams, placeholders={"count", "minimum"})
def department_count(project: Project, book: Workbook, p: DeptCountParams) -> Hit | None:
    """A whole department's goal needs at least five indicators (seed 000)."""
    count = len(project.indicators)
    if count >= p.minimum:
        return None
    return Hit(project=project, field="project", values={"count": count, "minimum": p.minimum})


@check("goal", placeholders={"what", "subject", "what_en", "subject_en"})
def required_cells(project: Project, book: Workbook, p: Params) -> Iterator[Hit]:
    """A project without a name, an indicator without a name or target cannot be reviewed."""
    if project.kind == "project" and not (project.name or "").strip():
        label = f"项目编码“{project.code}”" if project.code else f"“{project.unit or ''}”的一个项目"
        yield Hit(project=project, field="project", values={
            "subject": label, "what": "项目名称", "subject_en": f"project {project.code or ''}",
            "what_en": "the project name"})
    for ind in project.indicators:
        if not (ind.name or "").strip():
            yield Hit(project=project, indicator=ind, field="name", values={
                "subject": f"项目“{project.label}”第{ind.row}行指标", "what": "指标名称",
                "subject_en": f"'{project.label}' row {ind.row}", "what_en": "the indicator name"})
        elif ind.target.kind == "empty":
            yield Hit(project=project, indicator=ind, field="value", values={
                "subject": f"项目“{project.label}”指标“{ind.name}”", "what": "指标值",
                "subject_en": f"'{project.label}' indicator '{ind.name}'", "what_en": "the target"})


@check("workbook")
def core_column(book: Workbook, p: Params) -> Hit | None:
    """Without a 核心指标 column PC102 cannot be checked: say so once per file."""
    if book.has_core_column or not book.projects:
        return None
    return Hit()
