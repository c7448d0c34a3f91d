"""Units of measure: normalise spellings, group them into families, convert to a base unit.

Goal-text matching compares a figure in the goal (26万人) with an indicator's
target (≥40000人); budget rules compare 元/万元/亿元 amounts. Both need one base
unit per family. Choices (documented because they are judgement calls):

- people: 人, 名, 位 → 人; 人次 stays 人次 (visits are not persons; same family, so a
  caller can tell they are related but must compare numbers only when base units agree).
- times: 次, 场, 场次, 期, 批, 批次, 轮, 届, 回 → 次 (an event held once is a time).
- entities: 家, 户, 所, 个, 座, 处, 项, 件, 台, 套, 辆, 村, 校, 间 ... → 个.
- money: 元, 千元, 万元, 亿元 → 万元.    length: 米, 公里, 千米, km, m → 米.
- area: 平方米, 亩, 公顷, 平方公里 → 平方米.   weight: 克, 千克, 公斤, 吨 → 吨.
- duration: 分钟, 小时, 天, 日, 周, 月, 个月, 年 → 天 (month = 30, year = 365);
  工作日 stays 工作日 (not convertible to calendar days).
- percent: %, 百分比 → %; ‰ → % (/10). 百分点 is its own family.
- a leading 万/亿/千 on a non-money unit is a scale: 2.6 万人 → 26000 人.
Anything else keeps its own spelling and has no family.
"""
from __future__ import annotations

import re
from functools import lru_cache

# spelling variants → canonical unit
_ALIASES: dict[str, str] = {
    "％": "%", "百分比": "%", "百分率": "%", "个百分点": "百分点", "人/次": "人次", "人·次": "人次",
    "公里数": "公里", "km": "公里", "KM": "公里", "Km": "公里", "m": "米", "M": "米",
    "m2": "平方米", "㎡": "平方米", "平米": "平方米", "平方": "平方米", "km2": "平方公里",
    "kg": "千克", "t": "吨", "h": "小时", "min": "分钟", "天数": "天", "日历天": "天",
    "个工作日": "工作日", "人数": "人", "次数": "次", "户数": "户", "家数": "家", "个数": "个",
    "元人民币": "元", "万元人民币": "万元", "场次数": "场次",
}

# unit → (family, base unit, factor to base)
_TABLE: dict[str, tuple[str, str, float]] = {}


def _add(family: str, base: str, units: dict[str, float]) -> None:
    for unit, factor in units.items():
        _TABLE[unit] = (family, base, factor)


_add("people", "人", {"人": 1, "名": 1, "位": 1, "人员": 1})
_add("people", "人次", {"人次": 1})
_add("times", "次", {u: 1 for u in ("次", "场", "场次", "期", "批", "批次", "轮", "届", "回", "趟", "班次", "家次",
                                    "户次", "件次", "车次", "期次")})
_add("entities", "个", {u: 1 for u in (
    "个", "家", "户", "所", "座", "处", "项", "件", "台", "套", "辆", "艘", "架", "村", "校", "间", "栋",
    "幢", "条", "本", "册", "份", "篇", "部", "支", "队", "张", "块", "片", "株", "棵", "头", "只", "例",
    "床", "宗", "门", "种", "类")})
_add("money", "万元", {"元": 1e-4, "千元": 0.1, "万元": 1, "亿元": 1e4})
_add("length", "米", {"米": 1, "公里": 1000, "千米": 1000, "延米": 1})
_add("area", "平方米", {"平方米": 1, "亩": 10000 / 15, "公顷": 10000, "平方公里": 1e6, "平方千米": 1e6})
_add("weight", "吨", {"吨": 1, "千克": 1e-3, "公斤": 1e-3, "克": 1e-6})
_add("duration", "天", {"天": 1, "日": 1, "周": 7, "星期": 7, "月": 30, "个月": 30, "年": 365,
                        "小时": 1 / 24, "分钟": 1 / 1440, "秒": 1 / 86400, "个小时": 1 / 24})
_add("duration", "工作日", {"工作日": 1})
_add("percent", "%", {"%": 1, "‰": 0.1})
_add("points", "百分点", {"百分点": 1})

MONEY_UNITS = frozenset({"元", "千元", "万元", "亿元"})
_SCALES = {"万": 1e4, "亿": 1e8, "千": 1e3}


def normalise_unit(unit: object) -> str | None:
    """Canonical spelling of a unit cell ('％' → '%', '人/次' → '人次'); ``None`` when blank."""
    if unit is None or isinstance(unit, bool):
        return None
    if unit.__class__ is str:
        return _normalise_unit_text(unit)  # type: ignore[arg-type]
    return _normalise_unit_text(str(unit))


_ALTERNATIVE_RE = re.compile(r"(.+?)[（(][^（）()]{1,3}[）)]")


@lru_cache(maxsize=4096)
def _normalise_unit_text(unit: str) -> str | None:
    s = unit.strip().replace(" ", "").replace("\u3000", "")
    if s.startswith("(") and s.endswith(")") or s.startswith("（") and s.endswith("）"):
        s = s[1:-1]
    if not s or s in ("/", "-", "—", "无", "nan", "None"):
        return None
    if (m := _ALTERNATIVE_RE.fullmatch(s)) and _ALIASES.get(m.group(1), m.group(1)) in _TABLE:
        s = m.group(1)  # 件（套）, 台(套): the unit with an alternative after it
    return _ALIASES.get(s, s)


@lru_cache(maxsize=2048)
def split_scale(unit: str) -> tuple[float, str]:
    """'万人' → (10000, '人'); money units and plain units → (1, unit)."""
    if unit in _TABLE or unit in MONEY_UNITS or len(unit) < 2 or unit[0] not in _SCALES:
        return 1.0, unit
    rest = _ALIASES.get(unit[1:], unit[1:])
    if rest in _TABLE and rest not in MONEY_UNITS:
        return _SCALES[unit[0]], rest
    if unit[0] in "万亿" and rest not in MONEY_UNITS and all("\u4e00" <= ch <= "\u9fff" for ch in rest):
        return _SCALES[unit[0]], rest  # 万页, 万字: a scale before a unit of no family
    return 1.0, unit


@lru_cache(maxsize=4096)
def _base_of(unit: str) -> tuple[float, str, str | None] | None:
    """(factor to the base unit, base unit, family) of a unit's spelling; None when it is blank. A unit with
    no family is its own base (factor: its scale only). Matching asks this for every indicator and figure."""
    u = _normalise_unit_text(unit)
    if u is None:
        return None
    scale, u = split_scale(u)
    entry = _TABLE.get(u)
    if entry is None:
        return scale, u, None
    return scale * entry[2], entry[1], entry[0]


def unit_family(unit: str | None) -> str | None:
    """Family of a unit ('people', 'times', 'entities', 'money', 'length', 'area', 'weight',
    'duration', 'percent', 'points'), or ``None`` when unknown."""
    info = _base_of(unit if unit.__class__ is str else str(unit)) if unit else None
    return info[2] if info else None


def to_base(number: float, unit: str | None) -> tuple[float, str]:
    """Number in its family's base unit: (26, '万人') → (260000, '人'); (1.2, '亿元') → (12000, '万元').

    Unknown units come back unchanged; a missing unit comes back as ''.
    """
    info = None if unit is None or isinstance(unit, bool) else _base_of(unit if unit.__class__ is str else str(unit))
    return (number * info[0], info[1]) if info else (number, "")


def money_to_wan(number: float | None, unit: str | None) -> float | None:
    """Amount in 万元 from 元/千元/万元/亿元; ``None`` for other units or no number."""
    if number is None or isinstance(number, bool):
        return None
    u = normalise_unit(unit)
    if u not in MONEY_UNITS:
        return None
    try:
        return float(number) * _TABLE[u][2]
    except (TypeError, ValueError):
        return None
