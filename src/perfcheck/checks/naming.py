"""PC2 naming and form: names that say what is measured, values that parse, no leftovers."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from ..models import LEVEL2_UNDER, Indicator, Project, Workbook, level1_dimension
from ..values import is_placeholder
from . import Hit, Params, check

_SPACE = re.compile(r"[\s\u3000]+")
_NUMERAL = "0-9０-９一二三四五六七八九十百零〇两"


def squash(text: str | None) -> str:
    """The text without any whitespace (str.split's whitespace is regex \\s, \\u3000 included)."""
    if not text:
        return ""
    return _squashed(text)


@lru_cache(maxsize=65536)
def _squashed(text: str) -> str:
    return "".join(text.split())


@check("goal", placeholders={"count", "rows"})
def duplicate_names(project: Project, book: Workbook, p: Params) -> Iterator[Hit]:
    """The same name twice in one project measures one thing twice and another not at all."""
    names = Counter(squash(i.name) for i in project.indicators if squash(i.name))
    seen: set[str] = set()
    for ind in project.indicators:
        name = squash(ind.name)
        if names.get(name, 0) > 1 and name not in seen:
            seen.add(name)
            rows = "、".join(str(i.row) for i in project.indicators if squash(i.name) == name)
            yield Hit(project=project, indicator=ind, field="name", values={"count": names[name], "rows": rows})


class GenericParams(Params):
    # bare words that name a dimension, not a measure; 二级/一级 names are added from the framework
    words: list[str] = [
        "效果", "成效", "效益", "满意度", "满意率", "满意", "数量", "质量", "时效", "成本", "产出", "其他", "其它",
        "完成情况", "实施效果", "项目效果", "工作效果", "社会效益", "经济效益", "生态效益", "可持续影响",
        "服务对象满意度", "指标", "目标", "任务", "项目", "工作", "情况", "内容", "效率", "进度", "完成",
        "影响", "作用", "结果", "绩效", "指标值", "无",
    ]


def _framework_words() -> set[str]:
    words = {f"{d}指标" for d in LEVEL2_UNDER} | set(LEVEL2_UNDER)
    for children in LEVEL2_UNDER.values():
        for name in children:
            words.add(name)
            words.add(name.removesuffix("指标"))
    return words


_FRAMEWORK = frozenset(_framework_words())
_NUMBERED = re.compile(rf"^(指标|其他|其它|绩效指标|三级指标)?[（(]?[{_NUMERAL}]+[）)]?$")


_WORDS: dict[int, tuple[GenericParams, frozenset[str]]] = {}


def _generic_words(p: GenericParams) -> frozenset[str]:
    """The words of one (frozen) parameter set with the framework's, built once per parameter set."""
    hit = _WORDS.get(id(p))
    if hit is None or hit[0] is not p:
        hit = _WORDS[id(p)] = (p, frozenset(p.words) | _FRAMEWORK)
    return hit[1]


@lru_cache(maxsize=65536)
def _is_generic(name: str, words: frozenset[str]) -> bool:
    name = squash(name)
    return bool(name) and (name in words or bool(_NUMBERED.match(name)))


@check("indicator", GenericParams)
def generic_name(ind: Indicator, project: Project, p: GenericParams) -> Hit | None:
    """A name like 效果 or 指标1 says nothing anyone can measure (seed 000)."""
    if ind.name and _is_generic(ind.name, _generic_words(p)):
        return Hit(project=project, indicator=ind, field="name")
    return None


_AFFIX = re.compile(r"^(20\d\d|19\d\d)年度?|(专项资金|补助资金|工作经费|项目经费|经费|资金|项目|专项|补助)$")


@lru_cache(maxsize=8192)
def _core_name(text: str) -> str:
    previous = None
    while previous != text:
        previous, text = text, _AFFIX.sub("", text)
    return text


@check("indicator")
def named_after_project(ind: Indicator, project: Project, p: Params) -> Hit | None:
    """An indicator named after its project or fund measures nothing in particular (seed 000)."""
    if ind.name and project.name and _names_project(ind.name, project.name):
        return Hit(project=project, indicator=ind, field="name")
    return None


@lru_cache(maxsize=65536)
def _names_project(name: str, project: str) -> bool:
    """Memoised: a project's name meets each of its indicators' names, and names repeat across projects."""
    name, proj = squash(name), squash(project)
    if not name or not proj:
        return False
    return name == proj or (len(_core_name(name)) >= 2 and _core_name(name) == _core_name(proj))


@check("indicator", placeholders={"reason"})
def level2_placement(ind: Indicator, project: Project, p: Params) -> Hit | None:
    """二级指标 must sit under the 一级指标 the national framework puts it under."""
    if not ind.level1 or not ind.level2:
        return None
    found = _misplaced(ind.level1, ind.level2)
    if found is None:
        return None
    field, reason = found
    return Hit(project=project, indicator=ind, field=field, values={"reason": reason})


@lru_cache(maxsize=4096)
def _misplaced(level1: str, level2: str) -> tuple[str, str] | None:
    """(field to blame, reason) for a 一级/二级 pair outside the framework; memoised: pairs repeat."""
    level1, level2 = squash(level1), squash(level2)
    if not level2 or not level1:
        return None
    dim = level1_dimension(level1)
    if dim is None:
        return "level1", f"一级指标“{level1}”不是产出、效益、成本、满意度之一"
    full = level2 if level2.endswith("指标") else level2 + "指标"
    if full in LEVEL2_UNDER[dim]:
        return None
    homes = [d for d, names in LEVEL2_UNDER.items() if full in names]
    if homes:
        return "level2", f"二级指标“{level2}”应归于“{'或'.join(h + '指标' for h in homes)}”，不应在“{level1}”下"
    return "level2", f"二级指标“{level2}”不是“{dim}指标”下的规范名称（应为{'、'.join(LEVEL2_UNDER[dim])}）"


@check("indicator", placeholders={"reason"})
def unparsable_value(ind: Indicator, project: Project, p: Params) -> Hit | None:
    """A target that cannot be read cannot be assessed at year end."""
    t = ind.target
    if t.kind != "invalid" or is_placeholder(ind.value or "") or is_placeholder(t.raw):
        return None
    return Hit(project=project, indicator=ind, field="value", values={"reason": t.error or "无法解析"})


class PlaceholderParams(Params):
    dummy_values: list[str] = ["不涉及", "无", "/", "／", "—", "-", "--", "——", "暂无", "N/A", "n/a"]


@check("indicator", PlaceholderParams, placeholders={"what", "text"})
def placeholder_left(ind: Indicator, project: Project, p: PlaceholderParams) -> Hit | None:
    """Template leftovers (XX, **, 待定) and dummy rows that still carry weight are unfinished work."""
    for field, text in (("name", ind.name), ("value", ind.value)):
        if text and is_placeholder(text):
            what = "指标名称" if field == "name" else "指标值"
            return Hit(project=project, indicator=ind, field=field, values={"what": what, "text": text})
    if not (ind.weight or 0) > 0:
        return None
    dummy = set(p.dummy_values)
    if squash(ind.name) in dummy or squash(ind.value) in dummy:
        return Hit(project=project, indicator=ind, field="weight",
                   values={"what": "占位行", "text": f"{ind.name or ind.value}（权重{ind.weight:g}）"})
    return None


_TARGET_IN_NAME = re.compile(
    rf"(≥|≤|>=|<=|＞|＜|>|<|＝|=|不少于|不低于|不超过|不高于|达到|超过|大于|小于|高于|低于|至少)\s*[{_NUMERAL}.]+"
    rf"|[0-9.]+\s*[%％](以上|以下|以内)?$|[0-9.]+\s*\S{{0,3}}(以上|以内|以下)$"
)


@check("indicator", placeholders={"target"})
def target_in_name(ind: Indicator, project: Project, p: Params) -> Hit | None:
    """A name that carries its own number (合格率≥95%) hides the target from the 指标值 column."""
    found = _target_in(ind.name) if ind.name else None
    if found is None:
        return None
    return Hit(project=project, indicator=ind, field="name", values={"target": found})


@lru_cache(maxsize=65536)
def _target_in(name: str) -> str | None:
    m = _TARGET_IN_NAME.search(squash(name))
    return m.group(0) if m else None


class LengthParams(Params):
    max_length: int = 40


@check("indicator", LengthParams, placeholders={"length", "maximum"})
def long_name(ind: Indicator, project: Project, p: LengthParams) -> Hit | None:
    """Budget systems cut names past 40 characters; a long name is usually a sentence, not a measure."""
    length = len(squash(ind.name))
    if length <= p.max_length:
        return None
    return Hit(project=project, indicator=ind, field="name", values={"length": length, "maximum": p.max_length})
