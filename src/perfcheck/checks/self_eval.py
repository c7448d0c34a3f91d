"""PC6 self-evaluation: actual values given, misses explained, scores within weights and grade bands."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import Indicator, Project, Workbook
from ..values import Target, money_to_wan
from . import Hit, Params, check

_MISSED_WORDS = re.compile(r"未完成|未达成|未达到|部分完成|部分达成|未实现|滞后|未开展|推迟")


def _comparable(target: Target, actual: Target) -> tuple[float, float] | None:
    """(target, actual) as numbers in one unit, or None when they cannot be compared."""
    if target.number is None or actual.number is None:
        return None
    if target.unit == actual.unit or not actual.unit or not target.unit:
        return target.number, actual.number
    t, a = money_to_wan(target.number, target.unit), money_to_wan(actual.number, actual.unit)
    return (t, a) if t is not None and a is not None else None


def missed(ind: Indicator) -> bool:
    """Whether the actual value falls short of the target as the target's operator reads it."""
    target, actual = ind.target, ind.actual_target
    if actual is None:
        return False
    if target.kind == "quantitative" and actual.kind == "quantitative":
        pair = _comparable(target, actual)
        if pair is None:
            return False
        t, a = pair
        return {">=": a < t, ">": a <= t, "<=": a > t, "<": a >= t, "=": abs(a - t) > 1e-9}.get(
            target.operator or "=", False)
    return bool(_MISSED_WORDS.search(ind.actual or ""))


def _blank(text: str | None) -> bool:
    return not (text or "").strip() or (text or "").strip() in ("无", "/", "-", "—")


@check("goal")
def actual_missing(project: Project, book: Workbook, p: Params) -> Iterator[Hit]:
    """Every indicator of a self-evaluation needs its actual value (003)."""
    if not book.is_self_eval:
        return
    for ind in project.indicators:
        if (ind.name or "").strip() and _blank(ind.actual):
            yield Hit(project=project, indicator=ind, field="actual")


@check("goal", placeholders={"actual"})
def miss_unexplained(project: Project, book: Workbook, p: Params) -> Iterator[Hit]:
    """A missed target must be explained (000: 对自评未完成年度绩效目标的，要求单位作出说明)."""
    if not book.is_self_eval:
        return
    for ind in project.indicators:
        if not _blank(ind.actual) and missed(ind) and _blank(ind.deviation):
            yield Hit(project=project, indicator=ind, field="deviation", values={"actual": ind.actual})


class AbstractParams(Params):
    pattern: str = r"^(已完成|完成|基本完成|已达成|达成|较好|良好|好|优|按计划推进|按计划完成|顺利推进|有效提升|明显改善|正常|已落实|全部完成|圆满完成)$"


@check("goal", AbstractParams, placeholders={"actual"})
def abstract_actual(project: Project, book: Workbook, p: AbstractParams) -> Iterator[Hit]:
    """'已完成' where the target was a number says nothing about how much (000: 描述抽象)."""
    if not book.is_self_eval:
        return
    pattern = re.compile(p.pattern)
    for ind in project.indicators:
        actual = re.sub(r"\s", "", ind.actual or "")
        if ind.target.kind == "quantitative" and actual and ind.actual_target is not None \
                and ind.actual_target.kind != "quantitative" and (pattern.search(actual) or not re.search(r"\d", actual)):
            yield Hit(project=project, indicator=ind, field="actual", values={"actual": ind.actual})


class ScoreParams(Params):
    total: float = 100.0


@check("goal", ScoreParams, placeholders={"score", "weight", "reason"})
def score_over_weight(project: Project, book: Workbook, p: ScoreParams) -> Iterator[Hit]:
    """A score cannot exceed its weight, nor the scores of a project their total."""
    total = 0.0
    for ind in project.indicators:
        if ind.score is None:
            continue
        total += ind.score
        if ind.weight is not None and ind.score > ind.weight + 1e-9:
            yield Hit(project=project, indicator=ind, field="score", values={
                "score": ind.score, "weight": ind.weight, "reason": f"得分{ind.score:g}超过分值{ind.weight:g}"})
    if total > p.total + 1e-9:
        yield Hit(project=project, field="project", values={
            "score": total, "weight": p.total, "reason": f"各指标得分合计{total:g}超过{p.total:g}分"})


class ExecutionParams(Params):
    threshold: float = 85.0   # percent


@check("goal", ExecutionParams, placeholders={"rate", "threshold"})
def low_execution(project: Project, book: Workbook, p: ExecutionParams) -> Hit | None:
    """Money left unspent means the plan was wrong or the work not done (002: 低于85%)."""
    rate = project.execution_rate
    budget = project.budget_full_year or project.amount
    if rate is None and project.executed is not None and budget:
        rate = project.executed / budget * 100
    if rate is None or rate >= p.threshold:
        return None
    return Hit(project=project, field="execution_rate" if "execution_rate" in project.columns else "executed",
               values={"rate": f"{rate:.1f}%", "threshold": f"{p.threshold:g}%"})


class OverParams(Params):
    ratio: float = 1.3
    # ratios of shares (%) and of very small targets (2 → 3) are noise, not a sign of a low target
    skip_percent: bool = True
    min_target: float = 5.0


@check("goal", OverParams, placeholders={"actual", "ratio"})
def over_achieved(project: Project, book: Workbook, p: OverParams) -> Iterator[Hit]:
    """Far above a floor target, unexplained: the target was set too low."""
    if not book.is_self_eval:
        return
    for ind in project.indicators:
        t, a = ind.target, ind.actual_target
        if t.kind != "quantitative" or a is None or a.kind != "quantitative" or t.operator not in (">=", ">", "="):
            continue
        if p.skip_percent and "%" in (t.unit, a.unit):
            continue
        pair = _comparable(t, a)
        if pair is None or pair[0] < p.min_target or not _blank(ind.deviation):
            continue
        if pair[1] >= pair[0] * p.ratio:
            yield Hit(project=project, indicator=ind, field="actual",
                      values={"actual": ind.actual, "ratio": f"{pair[1] / pair[0] * 100:.0f}%"})


class BandParams(Params):
    achieved: tuple[float, float] = (80.0, 100.0)
    partly: tuple[float, float] = (60.0, 80.0)
    missed: tuple[float, float] = (0.0, 60.0)


_GRADES = (("partly", re.compile(r"部分达成|部分完成|基本达成|基本完成|较好|良")),
           ("missed", re.compile(r"未达成|未完成|未达到|差|未实现")),
           ("achieved", re.compile(r"达成|完成|好|优|达到|实现")))
_GRADE_ZH = {"achieved": "达成", "partly": "部分达成", "missed": "未达成"}


@check("goal", BandParams, placeholders={"grade", "band", "score", "weight"})
def grade_band(project: Project, book: Workbook, p: BandParams) -> Iterator[Hit]:
    """A qualitative indicator's score must fall in the band of the grade its actual value claims."""
    if not book.is_self_eval:
        return
    for ind in project.indicators:
        if ind.target.kind != "qualitative" or ind.score is None or not ind.weight:
            continue
        grade = next((g for g, rx in _GRADES if rx.search(ind.actual or "")), None)
        if grade is None:
            continue
        low, high = getattr(p, grade)
        share = ind.score / ind.weight * 100
        if not (low - 1e-9 <= share <= high + 1e-9):
            yield Hit(project=project, indicator=ind, field="score", values={
                "grade": _GRADE_ZH[grade], "band": f"{low:g}%–{high:g}%", "score": ind.score, "weight": ind.weight})
