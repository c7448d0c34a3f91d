"""PC3 quantified targets: numbers where numbers are due, in sensible ranges and directions."""
from __future__ import annotations

import re
from functools import lru_cache

from ..models import Indicator, Project, level1_dimension
from . import Hit, Params, check


def _is_cost(ind: Indicator) -> bool:
    return _dimension(ind.level1, ind.level2) == "成本"


def _is_output(ind: Indicator) -> bool:
    return _dimension(ind.level1, ind.level2) == "产出"


@lru_cache(maxsize=4096)
def _dimension(level1: str | None, level2: str | None) -> str | None:
    """The 一级 dimension, with a 成本 二级 under 产出 counted as 成本 (memoised: pairs repeat)."""
    if level1_dimension(level1) == "成本" or (level2 or "").replace(" ", "").startswith("成本"):
        return "成本"
    return level1_dimension(level1)


@check("indicator", placeholders={"dimension"})
def qualitative_output(ind: Indicator, project: Project, p: Params) -> Hit | None:
    """Outputs and costs can always be counted; a qualitative target there is not a target (seed 000)."""
    if ind.target.kind != "qualitative" or not (_is_cost(ind) or _is_output(ind)):
        return None
    return Hit(project=project, indicator=ind, field="value", values={"dimension": "成本" if _is_cost(ind) else "产出"})


class VagueParams(Params):
    # adverbs of degree or manner that, before a verb of change, promise a direction but no amount
    adverbs: list[str] = ["有效", "明显", "显著", "稳步", "持续", "不断", "有所", "进一步", "逐步", "大幅", "大幅度",
                          "较大", "较大幅度", "全面", "切实", "积极", "努力", "充分", "极大", "大力", "稳定", "基本"]
    verbs: list[str] = ["提升", "提高", "改善", "优化", "增强", "加强", "完善", "增加", "增长", "降低", "减少",
                        "下降", "扩大", "推进", "规范", "改进", "强化", "好转", "缓解", "满足"]
    # degree words that are vague standing alone
    words: list[str] = ["较好", "良好", "较高", "较大", "较多", "大幅", "明显", "显著", "有效", "基本完成", "逐步完善",
                        "进一步提高", "得到提升", "得到改善", "有所提升", "有所改善", "稳中有升", "大幅提升"]


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    """A parameter's regex, compiled once (re.search would look it up in re's cache on every call)."""
    return re.compile(pattern)


@lru_cache(maxsize=16)
def _vague_pattern(adverbs: tuple[str, ...], verbs: tuple[str, ...], words: tuple[str, ...]) -> re.Pattern[str]:
    adv = "|".join(sorted(map(re.escape, adverbs), key=len, reverse=True))
    verb = "|".join(sorted(map(re.escape, verbs), key=len, reverse=True))
    alone = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"(?:{adv})(?:地|的)?(?:得到)?(?:{verb})|(?:得到|有所)(?:{verb})|^(?:{alone})$")


@check("indicator", VagueParams, placeholders={"phrase"})
def vague_target(ind: Indicator, project: Project, p: VagueParams) -> Hit | None:
    """'有效提升' promises a direction with no amount: nobody can say at year end whether it was met."""
    if ind.target.kind != "qualitative":
        return None
    phrase = _vague_phrase(ind.target.text or ind.value or "", _vague_of(p))
    if phrase is None:
        return None
    return Hit(project=project, indicator=ind, field="value", values={"phrase": phrase})


_VAGUE: dict[int, tuple[VagueParams, re.Pattern[str]]] = {}


def _vague_of(p: VagueParams) -> re.Pattern[str]:
    """The pattern of one (frozen) parameter set, built once per parameter set."""
    hit = _VAGUE.get(id(p))
    if hit is None or hit[0] is not p:
        hit = _VAGUE[id(p)] = (p, _vague_pattern(tuple(p.adverbs), tuple(p.verbs), tuple(p.words)))
    return hit[1]


@lru_cache(maxsize=65536)
def _vague_phrase(text: str, pattern: re.Pattern[str]) -> str | None:
    m = pattern.search("".join(text.split()))
    return m.group(0) if m else None


@check("indicator")
def missing_unit(ind: Indicator, project: Project, p: Params) -> Hit | None:
    """'≥500' of what? Without a unit the target means nothing at year end."""
    t = ind.target
    if t.kind != "quantitative" or t.unit or (ind.measure or "").strip():
        return None
    return Hit(project=project, indicator=ind, field="measure" if "measure" in ind.columns else "value")


class PercentParams(Params):
    # rates that may legitimately exceed 100% (growth against a base)
    exempt_names: str = r"增长|增幅|增速|同比|环比|比上年|提高率"


@check("indicator", PercentParams, placeholders={"number"})
def percent_range(ind: Indicator, project: Project, p: PercentParams) -> Hit | None:
    """A share cannot exceed 100% or fall below 0."""
    t = ind.target
    if t.kind != "quantitative" or t.unit != "%" or t.number is None or 0 <= t.number <= 100:
        return None
    if t.number > 100 and p.exempt_names and _compiled(p.exempt_names).search(ind.name or ""):
        return None
    return Hit(project=project, indicator=ind, field="value", values={"number": t.number})


class SatisfactionParams(Params):
    floor: float = 80.0


def _is_satisfaction(ind: Indicator) -> bool:
    return level1_dimension(ind.level1) == "满意度" or "满意" in (ind.name or "")


@check("indicator", SatisfactionParams, placeholders={"floor", "reason"})
def satisfaction_floor(ind: Indicator, project: Project, p: SatisfactionParams) -> Hit | None:
    """Satisfaction below the floor, or capped with ≤, asks too little of the service."""
    t = ind.target
    if t.kind != "quantitative" or t.number is None or not _is_satisfaction(ind):
        return None
    if t.operator in ("<=", "<"):
        reason = "使用了“≤/＜”，满意度应设下限（≥）"
    elif t.unit == "%" and t.number < p.floor:
        reason = f"目标{t.number:g}%低于{p.floor:g}%"
    else:
        return None
    return Hit(project=project, indicator=ind, field="operator" if "operator" in ind.columns else "value",
               values={"floor": p.floor, "reason": reason})


@check("indicator", placeholders={"reason"})
def direction(ind: Indicator, project: Project, p: Params) -> Hit | None:
    """Costs are ceilings (≤) and output quantities are floors (≥): the other sign asks the wrong thing."""
    t = ind.target
    if t.kind != "quantitative":
        return None
    if _is_cost(ind) and t.operator in (">=", ">"):
        reason = "成本指标应设上限（≤），而不是下限（≥）"
    elif _is_output(ind) and (ind.level2 or "").startswith("数量") and t.operator in ("<=", "<"):
        reason = "产出数量指标应设下限（≥），而不是上限（≤）"
    else:
        return None
    return Hit(project=project, indicator=ind, field="operator" if "operator" in ind.columns else "value",
               values={"reason": reason})


@check("indicator")
def implicit_operator(ind: Indicator, project: Project, p: Params) -> Hit | None:
    """A bare number is read as '=', but the filer should say whether it is a floor, a ceiling or exact."""
    t = ind.target
    if t.kind == "quantitative" and not t.operator_explicit:
        return Hit(project=project, indicator=ind, field="value")
    return None


@check("indicator")
def empty_target(ind: Indicator, project: Project, p: Params) -> Hit | None:
    """'≥0' is met by doing nothing at all."""
    t = ind.target
    if t.kind == "quantitative" and t.number == 0 and t.operator in (">=", ">"):
        return Hit(project=project, indicator=ind, field="value")
    return None


class InputMeasureParams(Params):
    pattern: str = r"(资金|预算|经费|财政资金)(到位|执行|使用|支出|拨付)率|预算完成率|支出进度"


@check("indicator", InputMeasureParams)
def input_as_result(ind: Indicator, project: Project, p: InputMeasureParams) -> Hit | None:
    """Money spent is an input, not an output or an effect."""
    if _dimension(ind.level1, ind.level2) not in ("产出", "效益"):
        return None
    if ind.name and _matches(p.pattern, ind.name):
        return Hit(project=project, indicator=ind, field="name")
    return None


@lru_cache(maxsize=65536)
def _matches(pattern: str, text: str) -> bool:
    return _compiled(pattern).search(text) is not None
