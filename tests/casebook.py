"""Build workbooks in code from small dicts: the rule cases and other tests share one clean project."""
from __future__ import annotations

import copy
from typing import Any

from perfcheck.models import Indicator, Project, Workbook
from perfcheck.values import parse_target

CLEAN_PROJECT: dict[str, Any] = {
    "unit": "区卫生健康委员会",
    "code": "500105-24-0001",
    "name": "社区老年人健康服务",
    "is_key": False,
    "is_new": False,
    "amount": 120.0,
    "ex_ante": False,
    "goal": "全年为辖区老年人提供健康体检3000人次，老年人健康管理率达到70%以上，服务对象满意度达到90%以上。",
    "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "老年人健康体检人次", "value": "≥3000人次", "core": True},
        {"level1": "产出指标", "level2": "质量指标", "name": "老年人健康管理率", "value": "≥70%"},
        {"level1": "产出指标", "level2": "时效指标", "name": "体检任务按期完成率", "value": "=100%"},
        {"level1": "成本指标", "level2": "经济成本指标", "name": "项目总成本", "value": "≤120万元"},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "老年人健康知识知晓率", "value": "≥85%"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "体检老年人满意度", "value": "≥90%"},
    ],
}
INDICATOR_COLUMNS = {"level1": "I", "level2": "J", "name": "K", "operator": "L", "value": "M", "measure": "N",
                     "core": "O", "weight": "P", "actual": "Q", "score": "R", "deviation": "S"}
PROJECT_COLUMNS = {"unit": "A", "code": "B", "project": "C", "project_kind": "D", "is_new": "E", "amount": "F",
                   "ex_ante": "G", "goal": "H"}


def make_indicator(spec: dict[str, Any], row: int, sheet: str = "Sheet1") -> Indicator:
    spec = dict(spec)
    target = parse_target(spec.get("value"), spec.get("operator"), spec.get("measure"))
    actual = spec.get("actual")
    actual_target = parse_target(actual, None, spec.get("measure")) if actual is not None else None
    return Indicator(sheet=sheet, row=row, target=target, actual_target=actual_target,
                     columns=dict(INDICATOR_COLUMNS), **spec)


def make_project(spec: dict[str, Any] | None = None, row: int = 3, sheet: str = "Sheet1", **overrides: Any) -> Project:
    """A project from CLEAN_PROJECT with `spec`/overrides applied; indicators take consecutive rows."""
    data = copy.deepcopy(CLEAN_PROJECT)
    data.update(copy.deepcopy(spec or {}))
    data.update(overrides)
    indicators = data.pop("indicators")
    extra_indicators = data.pop("extra_indicators", [])
    project = Project(sheet=sheet, row=row, columns=dict(PROJECT_COLUMNS), **data)
    project.indicators = [make_indicator(s, row + i, sheet) for i, s in enumerate(indicators + extra_indicators)]
    return project


def make_book(projects: list[dict[str, Any]] | None = None, path: str = "case.xlsx", **book: Any) -> Workbook:
    """A workbook of projects laid out one after another, as a flat sheet would hold them."""
    out: list[Project] = []
    row = 3
    for spec in projects if projects is not None else [{}]:
        p = make_project(spec, row=row)
        out.append(p)
        row += max(1, len(p.indicators))
    return Workbook(path=path, layout=book.pop("layout", "flat"), projects=out, **book)
