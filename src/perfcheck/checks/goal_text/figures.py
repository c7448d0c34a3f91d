"""PC401–PC403: each figure the goal text promises, the indicators must measure (seed 000 四(二)(三)).

Matching a goal commitment to an indicator uses two signals:
- the unit family (人/人次/万人, 次/场/期, 家/户/所, 元/万元/亿元, 公里/米, 亩/平方米 …), numbers
  compared after conversion to the family's base unit (units without a family compare when spelled alike);
- what is counted: character bigrams. An indicator *names* a commitment when most bigrams of the
  commitment's object are in the indicator name (`临时救助` in `实施临时救助人次`), or most bigrams of
  the name's core (the name without its measure word: `接待读者观众人次` → `接待读者观众`) are in the
  goal phrase (`全年接待读者和观众不少于45万人次`), or both carry the same content verb
  (`60日内办结` / `信访事项办结时限`). Chinese has no spaces, and goal/indicator wordings differ by
  affixes in both directions, which bigrams absorb without a segmenter's dictionary or its load time.
A figure measured under another wording (same unit family, same number) counts as measured; a
satisfaction indicator names only a satisfaction figure (`义诊活动群众满意度` does not count 义诊活动).

Each commitment is judged once per project (``_verdicts``); PC401–PC403 and PC405 read the same verdicts.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ...commitments import Commitment, extract_commitments
from ...goal_lexicon import (
    BRACKETED_RE,
    CHANGE_DOWN,
    CHANGE_UP,
    COMPARATIVE_RE,
    LIGHT_VERBS,
    VERB_RE,
)
from ...models import Indicator, Project, Workbook
from ...units import MONEY_UNITS, money_to_wan, normalise_unit, split_scale, to_base, unit_family
from .. import Hit, Params, check

_NOISE = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9.]+")
_DIGIT_RE = re.compile(r"[\d.]")
_PLAIN_RE = re.compile(r"[\u4e00-\u9fffA-Za-z]*")
_LONE_DIGITS_RE = re.compile(r"(?<![a-z])[\d.]+(?![a-z\d])")
_UP_RE = re.compile("|".join(sorted((w for w in CHANGE_UP if w not in ("增至", "增到", "升至", "升到")), key=len,
                                    reverse=True)) + "|增速")
_DOWN_RE = re.compile("|".join(sorted(CHANGE_DOWN, key=len, reverse=True)))


@lru_cache(maxsize=65536)
def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of the letters in `text` (single characters when it is one long).

    Digits stay inside words (PM2.5, 5G), but a lone run of digits is no letter.
    """
    if _PLAIN_RE.fullmatch(text):
        s = text.lower()  # letters only: nothing to strip (most names and objects)
    else:
        s = _NOISE.sub("", text or "").lower()
        if _DIGIT_RE.search(s):
            s = _LONE_DIGITS_RE.sub("", s)
    if len(s) < 2:
        return frozenset(s)
    return frozenset(map(str.__add__, s, s[1:]))


def containment(part: str, whole: str) -> float:
    """Share of `part`'s bigrams found in `whole`: 1.0 when the indicator name spells out the object."""
    a = bigrams(part)
    return len(a & bigrams(whole)) / len(a) if a else 0.0


# the measure word at the end of an indicator name: what is counted comes before it
_MEASURE_TAIL_RE = re.compile(
    r"(?:数量|人数|人次|次数|场次|户数|户次|个数|件数|家数|家次|批次|期数|条数|册数|份数|天数|车次|剂次|里程|长度|面积|金额"
    r"|时间|时限|时长|规模|总量|总数|总额|情况|状况|效率|水平|及时率|准确率|合格率|达标率|完成率|增长|下降|减少|增加|提高|降低|率|比例|比重|占比|数|量)$")


@lru_cache(maxsize=65536)
def name_core(name: str) -> str:
    """The indicator name without its measure word: 接待读者观众人次 → 接待读者观众, 视频监控点位数 → 视频监控点位."""
    s = _NOISE.sub("", name or "").lower()
    for _ in range(2):
        m = _MEASURE_TAIL_RE.search(s)
        if m is None or m.start() < 3:
            break
        s = s[:m.start()]
    return s


@lru_cache(maxsize=65536)
def in_order(part: str, whole: str) -> float:
    """Share of `part`'s letters found in `whole` in the same order (longest common subsequence), for a
    name whose words the goal spreads apart: 基层诊疗量占比 in 基层医疗卫生机构诊疗量占比."""
    a, b = _NOISE.sub("", part).lower(), _NOISE.sub("", whole).lower()
    if not a:
        return 0.0
    prev = [0] * (len(b) + 1)
    for ch in a:
        cur = [0]
        for j, bj in enumerate(b):
            cur.append(prev[j] + 1 if ch == bj else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1] / len(a)


def _ind_unit(ind: Indicator) -> str | None:
    """The target's unit; a frequency's period is dropped (2次/月 compares with 每月不少于2次, 4次/年 with 每季度1次)."""
    unit = ind.target.unit or (ind.measure or "").strip() or None
    if unit and ("（" in unit or "(" in unit or "/" in unit):
        unit = _PER_PERIOD_RE.sub("", BRACKETED_RE.sub("", unit)) or None  # 万头（只）→ 万头, 次/月 → 次
    return unit


def _same_number(a: float, b: float, rate: bool = False, span: bool = False) -> bool:
    """Equal up to rounding: 0.5% of a count (约2万 / 19950), 1.5% of a span of time (a month is 30 days, a year 365:
    18个月 is 1.5年), but a rate to the hundredth (99.9% is not 99.5%)."""
    if rate:
        return abs(a - b) <= 0.005
    return abs(a - b) <= max(1e-9, (0.015 if span else 0.005) * max(abs(a), abs(b)))


def _num(x: float) -> str:
    """12 / 2.5 / 13333.33, never 1.2e+04."""
    if abs(x - round(x)) < 1e-9 * max(1.0, abs(x)):
        return str(round(x))
    return f"{x:.2f}".rstrip("0").rstrip(".") if abs(x) >= 0.01 else f"{x:.4g}"


def figure(number: float, unit: str | None) -> str:
    """A figure as goal tables write it: 26万人, 800万人次, 40000人, 0.5小时; money keeps its unit (1.2亿元)."""
    unit = unit or ""
    wan = number / 1e4
    if abs(number) >= 1e5 and unit not in MONEY_UNITS and abs(wan * 100 - round(wan * 100)) < 1e-6:
        return f"{_num(wan)}万{unit}"
    return f"{_num(number)}{unit}"


def _shown(c: Commitment) -> str:
    return figure(c.number, c.unit) if c.number is not None else ""


def _direction_of(name: str) -> str | None:
    down, up = _DOWN_RE.search(name), _UP_RE.search(name)
    if down and not up:
        return "down"
    if up and not down:
        return "up"
    return None


# ---------------------------------------------------------------- matching one commitment

_COUNTS = frozenset({"times", "people", "entities"})
_NOT_COUNTED = frozenset({None, "percent", "points", "money"})  # rates and amounts are paired by name only
_RATE_NAME_RE = re.compile(r"(?:率|比例|比重|占比)$")
_PER_PERIOD_RE = re.compile(r"(?<=次)/(?:年|月|季度|季|周|日|天)$")
_AVERAGE_NAME_RE = re.compile(r"日均|每日|月均|每月|周均|人均|户均|平均")
_WHOLE_RE = re.compile(r"全部|全覆盖|全面覆盖|覆盖全[镇乡县区市]|全面(?:开展|推行|实施|建立)")
_PER_NAME_RE = re.compile(r"人均|户均|每|标准|单价|单位|/")
_WHOLE_PLACE_RE = re.compile(r"全[县区市镇乡]\d")
_CAP_WORD_RE = re.compile(r"至少|不超过|不得超过|最多|上限")  # 同一劳动者每年不超过3次 (每千人口托位数达到4.5个 is a target)
# verbs that say nothing about what is done: an indicator sharing one of them names nothing
_BLAND_VERBS = frozenset({*LIGHT_VERBS, "完成", "提供", "服务", "覆盖", "惠及", "参与", "参加", "带动", "建设", "进行"})
# a count of people reached (惠及老年人2.3万人) measures the clause before it (发放高龄津贴)
_REACH_RE = re.compile(r"惠及|覆盖|受益|服务群众|服务对象|参与|带动|辐射")
# periods a goal counts per (每季度开展一次 = 4次 a year)
_PERIOD_TIMES = {"每季度": 4, "每季": 4, "每半年": 2, "每月": 12, "每周": 52}
_PERIOD_RE = re.compile("|".join(sorted([*_PERIOD_TIMES, "全年", "每年", "年度"], key=len, reverse=True)))
_CLAUSE_END_RE = re.compile(r"[，,；;。：:！!？?\n]")
_PAYS_RE = re.compile(r"补助|补贴|发放|奖励|资助|慰问|救助|奖补|抚恤")
_FUNDING_RE = re.compile(r"资金|经费|预算|拨款|财政|总投资|项目投资|补助款|奖补")
# money the project brings about, not money it spends
_LEVERAGE_RE = re.compile(r"带动|撬动|吸引|拉动|引导|引进|招商|募集|筹集|社会资本|社会投资|签约|销售|交易|消费|营业|产值|收入"
                          r"|增收|融资|授信|订单|出口|进口|成交|节约|节省|挽回|追缴|追回|减负|营收|税收")


def _content_verbs(verb: str | None) -> list[str]:
    return [m.group() for m in VERB_RE.finditer(verb or "") if m.group() not in _BLAND_VERBS and len(m.group()) >= 2]


@dataclass(frozen=True, slots=True)
class _Verdict:
    """How the indicators measure one commitment."""

    status: str                         # measured | named | unmeasured | different | qualitative | opposite | skip
    indicator: Indicator | None = None
    goal_figure: str = ""
    ind_figure: str = ""


class MatchParams(Params):
    similar: float = 0.6          # share of the object's bigrams in an indicator name that names it
    similar_name: float = 0.75    # share of an indicator name's core found in the goal phrase that names it
    weak: float = 0.25            # a rate matched by number alone must share this much wording
    skip_money: bool = True       # money the project spends (its own amount, 资金/经费) is no promise


class _Ind:
    """What matching needs of one indicator: the target's unit and number at once, the wording (bigrams,
    core, direction) only when a commitment is not settled by its number alone."""

    __slots__ = (
        "_core",
        "_core_grams",
        "_grams",
        "_way",
        "base",
        "base_unit",
        "family",
        "ind",
        "name",
        "quantitative",
        "rate",
        "satisfaction",
        "unit",
    )

    def __init__(self, ind: Indicator) -> None:
        self.ind = ind
        self.name = name = ind.name or ""
        self.satisfaction = "满意" in name
        self.family: str | None = None      # unit family of a quantitative target, else None
        self.unit: str | None = None        # normalised unit of a quantitative target
        self.base, self.base_unit, self.quantitative = 0.0, "", False  # target in the family's base unit
        self._grams: frozenset[str] | None = None
        self._core: str | None = None
        self._core_grams: frozenset[str] = frozenset()
        self._way: str | None | bool = False
        t = ind.target
        if t.kind == "quantitative" and t.number is not None:
            unit = _ind_unit(ind)
            if unit is None and 0 <= t.number <= 100 and _RATE_NAME_RE.search(name):
                unit = "%"  # 课后托管学生覆盖率 ≥95 with no unit written: a percentage
            self.quantitative, self.family, self.unit = True, unit_family(unit), normalise_unit(unit)
            self.base, self.base_unit = to_base(t.number, unit)
        self.rate = self.family in ("percent", "points") or (self.family is None and bool(_RATE_NAME_RE.search(name)))

    @property
    def grams(self) -> frozenset[str]:
        if self._grams is None:
            self._grams = bigrams(self.name)
        return self._grams

    @property
    def core(self) -> str:
        """The name without its measure word, '' when that leaves under 3 characters."""
        if self._core is None:
            core = name_core(self.name)
            self._core = core if len(core) >= 3 else ""
            self._core_grams = bigrams(core) if self._core else frozenset()
        return self._core

    @property
    def core_grams(self) -> frozenset[str]:
        return self._core_grams if self.core else frozenset()

    @property
    def way(self) -> str | None:
        """up / down named in the name (增长率, 降幅), else None."""
        if self._way is False:
            self._way = _direction_of(self.name)
        return self._way  # type: ignore[return-value]


class _Judge:
    """Judges the commitments of one project against its indicators."""

    def __init__(self, project: Project, p: MatchParams) -> None:
        self.project, self.p = project, p
        self.goal = project.goal or ""
        self.inds = [_Ind(i) for i in project.indicators if (i.name or "").strip()]
        self.commitments = extract_commitments(self.goal) if self.goal else []
        self.one_satisfaction = sum(f.satisfaction for f in self.inds) == 1
        self._taken: dict[int, set[int]] | None = None
        self._distinct: dict[int, frozenset[str]] = {}

    def context(self, c: Commitment) -> str:
        """The goal phrase, with the clause before it when the figure counts who an activity reaches."""
        if not _REACH_RE.search(c.phrase):
            return c.phrase
        ends = [m.end() for m in _CLAUSE_END_RE.finditer(self.goal, 0, c.start)]
        if not ends:
            return c.phrase
        prev_start = ends[-2] if len(ends) >= 2 else 0
        if any(prev_start <= o.start < ends[-1] for o in self.commitments):
            return c.phrase  # the clause before has a figure of its own
        return self.goal[prev_start:c.end]

    def scorer(self, c: Commitment) -> Callable[[_Ind], tuple[bool, float]]:
        """(its wording names the commitment, how much) of one indicator, computed on demand."""
        p = self.p
        what = c.obj or c.phrase
        sat_ok = "满意" in what
        memo: dict[int, tuple[bool, float]] = {}
        texts: list[tuple[frozenset[str], str, frozenset[str]]] = []

        def score(f: _Ind) -> tuple[bool, float]:
            got = memo.get(id(f))
            if got is not None:
                return got
            if f.satisfaction and not sat_ok:
                got = (False, 0.0)
            elif sat_ok and f.satisfaction and self.one_satisfaction:
                got = (True, p.similar)  # 受众满意率九成 / 活动参与群众满意度: the project's one satisfaction measure
            else:
                if not texts:
                    context = self.context(c)
                    texts.append((bigrams(what), context, bigrams(context)))
                what_grams, context, ctx_grams = texts[0]
                fwd = len(what_grams & f.grams) / len(what_grams) if what_grams else 0.0
                if fwd >= p.similar:
                    got = (True, fwd)
                else:
                    core_grams = f.core_grams
                    rev = len(core_grams & ctx_grams) / len(core_grams) if core_grams else 0.0
                    if rev >= p.similar_name or rev >= 0.5 and in_order(f.core, context) >= 0.9:
                        got = (True, max(rev, p.similar_name))
                    else:
                        got = (False, max(fwd, rev))
            memo[id(f)] = got
            return got

        return score

    def scores(self, c: Commitment) -> list[tuple[_Ind, bool, float]]:
        """(indicator, its wording names the commitment, how much) for every indicator."""
        score = self.scorer(c)
        return [(f, *score(f)) for f in self.inds]

    def taken(self, c: Commitment) -> set[int]:
        """Indicators (by id) whose wording names some other commitment of the goal (储备折叠床数量 is not
        for 储备救灾帐篷500顶, though both are 储备)."""
        if self._taken is None:
            self._taken = {i: {id(f.ind) for f, ok, _ in self.scores(other) if ok and _fits(other, f)}
                           for i, other in enumerate(self.commitments)}
        out: set[int] = set()
        for i, other in enumerate(self.commitments):
            if other is not c:
                out |= self._taken[i]
        return out

    def same_verb(self, c: Commitment, f: _Ind) -> bool:
        """60日内办结 / 信访事项办结时限: the indicator carries the commitment's own (not bland) verb."""
        verbs = _content_verbs(c.verb)
        return bool(verbs) and any(v in f.name for v in verbs) and id(f.ind) not in self.taken(c)

    def _only_one(self, c: Commitment, goal_u: str,
                  score: Callable[[_Ind], tuple[bool, float]]) -> tuple[float, _Ind] | None:
        """The one indicator counted in the figure's own unit, named by no other figure and carrying the last
        word of what the figure counts (监控点位2,460个 / 运维视频点位数量): a reviewer pairs them, so a different
        number is PC402 (提交活动简报4次 is not paired with 主题活动场次: 简报 is not in it)."""
        head = name_core(c.obj or "")[-2:]
        if len(head) < 2 or c.is_change or unit_family(c.unit) in _NOT_COUNTED:
            return None
        taken = self.taken(c)
        found = [f for f in self.inds if f.quantitative and f.base_unit == goal_u and id(f.ind) not in taken
                 and not f.satisfaction]
        if len(found) != 1 or head not in found[0].name and not self.distinct(c) & found[0].grams:
            return None  # (乳腺癌筛查6000人 / 乳腺癌检查人数: 乳腺 tells it from its sibling 宫颈癌筛查)
        s = score(found[0])[1]
        return (s, found[0]) if s >= self.p.weak else None

    def rival(self, c: Commitment, f: _Ind) -> _Ind | None:
        """Another indicator in ``f``'s unit that carries what tells ``c`` from its siblings, where ``f`` does not."""
        distinct = self.distinct(c)
        if not distinct or distinct & f.grams:
            return None
        return next((g for g in self.inds if g is not f and g.quantitative and g.family == f.family
                     and distinct & g.grams), None)

    def distinct(self, c: Commitment) -> frozenset[str]:
        """The bigrams of what ``c`` counts that no other figure of the goal shares: 乳腺, 腺癌 of 乳腺癌筛查 beside
        宫颈癌筛查. An indicator with none of them measures a sibling, whatever its number."""
        key = id(c)
        if key not in self._distinct:
            others = frozenset().union(*(bigrams(o.obj) for o in self.commitments if o is not c and o.obj))
            self._distinct[key] = bigrams(c.obj or "") - others if others else frozenset()
        return self._distinct[key]

    def period(self, c: Commitment) -> int:
        """How many times a year a figure counts (每月开展1次 = 12), from the last period word of its sentence
        up to the figure (每月对13个街道开展1次考核; 全年共12次 after it is annual); 0 when none."""
        start = max(self.goal.rfind(s, 0, c.start) for s in "。；;！!？?，,") + 1
        found = [(m.start(), _PERIOD_TIMES.get(m.group(), 0)) for m in _PERIOD_RE.finditer(self.goal, start, c.end)]
        return max(found)[1] if found else 0

    def is_budget(self, c: Commitment) -> bool:
        """The project's own money (项目资金370万元, 兑付补贴资金1265万元), not a result it promises."""
        wan = money_to_wan(c.number, c.unit)
        amount = self.project.amount
        if wan is not None and amount and amount > 0:
            if abs(wan - amount) <= 0.01 * amount:
                return True
            if wan > amount * 1.05:
                return False  # more than the project has: money it brings about (止付冻结涉诈资金2000万元)
        return bool(_FUNDING_RE.search(c.phrase)) and not _LEVERAGE_RE.search(c.phrase)

    def verdict(self, c: Commitment) -> _Verdict:
        p = self.p
        if c.number is None and not c.is_change:
            return _Verdict("skip")
        if c.is_money and p.skip_money and self.is_budget(c) or self.sum_of_parts(c):
            return _Verdict("skip")  # the project's money; 公厕25座，其中新建8座、改造17座: the parts are the promises
        score = self.scorer(c)
        if c.number is not None:
            found = self._by_number(c, score)
            if found is not None:
                return found
        named = sorted(((s, f) for f in self.inds for ok, s in (score(f),) if ok), key=lambda x: -x[0])
        if c.is_change:
            if not named:
                return _Verdict("skip" if c.number is None else "unmeasured")
            f = named[0][1]
            if f.ind.target.kind == "qualitative":
                if c.number is None and not COMPARATIVE_RE.search(c.phrase):
                    return _Verdict("named", f.ind)  # 知名度进一步提升 / 进一步提升: the goal asks no measurable change
                return _Verdict("qualitative", f.ind)
            if f.way is not None and c.direction is not None and f.way != c.direction:
                return _Verdict("opposite", f.ind)
            if f.way is None and _bound_against(c.direction, f.ind.target.operator):
                return _Verdict("opposite", f.ind)  # 投诉量同比下降20% against 投诉量≥1500件: a floor on what should fall
            return _Verdict("named", f.ind)
        if c.is_money:  # an amount is measured by an amount, not by a count of what it pays for
            named = [(s, f) for s, f in named if f.family == "money"]
        elif c.number is not None and unit_family(c.unit) in _COUNTS:  # 巡查每月2次: not by 安全事故发生率
            named = [(s, f) for s, f in named if not f.rate]
        if named:
            return _Verdict("named", named[0][1].ind)
        # 按每人每月1650元标准发放: a rate the project pays at, not a result it promises; a differing
        # indicator of it is still reported (PC402)
        if self.is_rate_paid(c) or c.number == 1 and "至少" in c.phrase or c.per_unit and _CAP_WORD_RE.search(c.phrase):
            return _Verdict("skip")  # 家庭至少1人稳定就业, 同一劳动者每年不超过3次: a standard for each, not a total
        whole = self.whole_measured(c)
        if whole is not None:
            return _Verdict("measured", whole.ind)  # 覆盖全部42个行政村 / 收运处置覆盖率=100%
        return _Verdict("unmeasured")

    def whole_measured(self, c: Commitment) -> _Ind | None:
        """全部42个行政村, 全镇18个行政村…全覆盖, 在全县386个行政村放映: every one of them, which a rate of 100%
        measures (for a place's whole count, a coverage rate)."""
        if unit_family(c.unit) not in _COUNTS:
            return None
        every = _WHOLE_RE.search(c.phrase) is not None
        if not every and not _WHOLE_PLACE_RE.search(c.phrase):
            return None
        return next((f for f in self.inds if f.rate and f.quantitative and f.base == 100 and not f.satisfaction
                     and (every or "覆盖" in f.name)), None)

    def sum_of_parts(self, c: Commitment) -> bool:
        """A total broken down after it (其中新建8座、改造17座) in the same unit: the parts carry the promise."""
        if "其中" not in self.goal[c.end:]:
            return False
        parts = [o for o in self.commitments if o.start > c.start and o.unit == c.unit and o.number is not None
                 and "其中" in self.goal[c.end:o.end]]
        return len(parts) >= 2 and abs(sum(o.number or 0.0 for o in parts) - (c.number or 0.0)) < 1e-6

    def is_rate_paid(self, c: Commitment) -> bool:
        """每人每月1650元, 每人救助1000-5000元, 按最低工资标准的80%发放: paid per person at a set rate
        (户均增收2000元 is a result)."""
        if not c.per_unit or (unit_family(c.unit) != "money" and "标准" not in c.phrase):
            return False
        return "标准" in c.phrase or bool(_PAYS_RE.search(c.phrase)) or not _LEVERAGE_RE.search(c.phrase)

    def _not_its_measure(self, c: Commitment, f: _Ind, s: float, rate: bool, goal_n: float) -> bool:
        """An indicator with the figure's number that measures something else: a sibling's (乳腺癌筛查6000人 /
        宫颈癌筛查人数≥6000 beside 乳腺癌检查人数), a rate with too little wording in common, or one thing another
        figure names (建成直播电商基地1个 / 县级电商公共服务中心=1个)."""
        p = self.p
        if s < p.similar and self.rival(c, f) is not None:
            return True
        return rate and s < p.weak or goal_n == 1 and s < p.similar and id(f.ind) in self.taken(c)

    def _by_number(self, c: Commitment, score: Callable[[_Ind], tuple[bool, float]]) -> _Verdict | None:
        """Measured (same number), different (a named indicator with another number), or None."""
        p = self.p
        goal_n, goal_u = to_base(c.number or 0.0, c.unit)
        family = unit_family(c.unit)
        unit = normalise_unit(c.unit)
        goal_vals = [goal_n]
        if family == "times" and (per := self.period(c)):
            goal_vals.append(goal_n * per)
        rate = family in ("percent", "points")
        best: tuple[float, _Ind] | None = None
        weak: tuple[float, _Ind] | None = None  # the same number under less shared wording: measured unless another names it
        for f in self.inds:
            if not f.quantitative or (f.family != family if family is not None else f.unit != unit):
                continue
            if c.per_unit and family == "money" and not _PER_NAME_RE.search(f.name):
                continue  # 每人每月200元 is no measure of 补贴资金总额
            if c.is_change and c.direction is not None and f.way not in (None, c.direction):
                continue  # 下降8% against 增长率≥8%: the opposite measure (PC403)
            if any(_same_number(f.base, g, rate, family == "duration") for g in goal_vals):
                s = score(f)[1]
                if self._not_its_measure(c, f, s, rate, goal_n):
                    continue
                if c.is_change and f.way == c.direction and f.ind.target.operator in ("<=", "<") \
                        and c.operator not in ("<=", "<"):
                    return _Verdict("opposite", f.ind)  # 能耗下降2% / 能耗下降率≤2%: a cap on the change asked
                if s >= p.similar:
                    return _Verdict("measured", f.ind)
                if weak is None or s > weak[0]:
                    weak = (s, f)  # 乳腺癌筛查1.6万人 is not measured by 宫颈癌筛查人数≥16000 when 乳腺癌筛查人数 names it
                continue
            if c.is_change and f.way is None:
                continue  # 下降10% against a level (发案率≤3%): not the same measure
            ok, s = score(f)
            if not ok and self.same_verb(c, f):
                ok, s = True, p.similar
            if ok and f.base_unit == goal_u and (best is None or s > best[0]):
                best = (s, f)
        if weak is not None and (best is None or best[0] < p.similar or best[0] <= weak[0]
                                 or _AVERAGE_NAME_RE.search(best[1].name)):  # 全年清运40万吨 / 日均清运量: not it
            return _Verdict("measured", weak[1].ind)  # 拆除率100% is not measured by 入住率=100% when 拆除率≥85% names it
        if best is None:
            best = self._only_one(c, goal_u, score)
        if best is None:
            return None
        f = best[1]
        if _stricter(c, goal_vals[-1], f.ind.target.operator, f.base):
            return _Verdict("named", f.ind)
        if c.number_max is not None and f.ind.target.operator in ("<=", "<") and _same_number(
                f.base, to_base(c.number_max, c.unit)[0], rate):
            return _Verdict("measured", f.ind)  # 每人400—1500元 against 人均培训补贴标准≤1500元: the range's cap
        return _Verdict("different", f.ind, *_figures(c, goal_vals, f.ind))


def _fits(c: Commitment, f: _Ind) -> bool:
    """A level given as a share is no claim on a count indicator (取证的比例80% leaves 职业技能培训人数 to 培训1200人)."""
    return c.is_change or not (c.unit in ("%", "‰") and f.quantitative and not f.rate)


def _figures(c: Commitment, goal_vals: list[float], ind: Indicator) -> tuple[str, str]:
    """The two figures a PC402 message compares: in their own unit when goal and indicator use the same one
    (26万人 / 4万人), else both in the family's base unit (25公里 / 2500米 → 25000米 / 2500米)."""
    scale, ind_u = split_scale(normalise_unit(_ind_unit(ind)) or "")
    annual = len(goal_vals) > 1
    goal_base = goal_vals[-1] if annual else to_base(c.number or 0.0, c.unit)[0]
    per_unit = to_base(1.0, ind_u)[0] or 1.0
    goal_in_ind_unit = (c.number or 0.0) if ind_u == c.unit and not annual else goal_base / per_unit
    return (("全年" if annual else "") + figure(goal_in_ind_unit, ind_u),
            figure((ind.target.number or 0.0) * scale, ind_u))


def _bound_against(direction: str | None, ind_op: str | None) -> bool:
    """A level bounded the wrong way for the change the goal asks: a floor (≥) on what should fall, a ceiling
    (≤) on what should rise."""
    return (direction == "down" and ind_op in (">=", ">")) or (direction == "up" and ind_op in ("<=", "<"))


def _stricter(c: Commitment, goal: float, ind_op: str | None, ind: float) -> bool:
    """The indicator asks at least what the goal promises (goal ≥4次, indicator ≥6次)."""
    if c.operator in (">=", ">", "=") and ind_op in (">=", ">", "=") and ind > goal:
        return True
    return c.operator in ("<=", "<") and ind_op in ("<=", "<") and ind < goal


_Judged = tuple[tuple[tuple[Commitment, _Verdict], ...], list[_Ind]]
_LAST: list[tuple[Project, str | None, int, MatchParams, _Judged]] = []  # the one project last judged


def judged(project: Project, book: Workbook | None, p: MatchParams) -> _Judged:
    """Verdicts of one project's commitments and its indicators' features: PC401–PC403 and PC405 each ask in
    turn for the same project (the engine goes project by project), so only the last answer is kept."""
    if _LAST:
        last, goal, count, params, out = _LAST[0]
        if last is project and goal == project.goal and count == len(project.indicators) and \
                (params is p or params.__dict__ == p.__dict__):  # equal MatchParams (pydantic's == is slower)
            return out
    judge = _Judge(project, p)
    out = (tuple((c, judge.verdict(c)) for c in judge.commitments), judge.inds)
    _LAST[:] = [(project, project.goal, len(project.indicators), p, out)]
    return out


def _verdicts(project: Project, book: Workbook | None, p: MatchParams) -> tuple[tuple[Commitment, _Verdict], ...]:
    return judged(project, book, p)[0]


def _hits(project: Project, book: Workbook, p: MatchParams, kind: str) -> Iterator[Hit]:
    if not project.goal:
        return
    for c, v in _verdicts(project, book, p):
        if v.status != kind:
            continue
        values = {"phrase": c.phrase, "figure": _shown(c), "direction": "下降" if c.direction == "down" else "提高",
                  "goal_figure": v.goal_figure, "ind_figure": v.ind_figure}
        if v.indicator is None:
            yield Hit(project=project, field="goal", values=values)
        else:
            yield Hit(project=project, indicator=v.indicator, field="value", values=values)


_PLACES = {"phrase", "figure", "goal_figure", "ind_figure", "direction"}


@check("goal", MatchParams, placeholders=_PLACES)
def goal_figure_unmeasured(project: Project, book: Workbook, p: MatchParams) -> Iterator[Hit]:
    """A figure the goal promises that no indicator measures cannot be assessed (PC401)."""
    yield from _hits(project, book, p, "unmeasured")


@check("goal", MatchParams, placeholders=_PLACES)
def goal_figure_differs(project: Project, book: Workbook, p: MatchParams) -> Iterator[Hit]:
    """The indicator measures the goal's figure but asks for a different number (PC402)."""
    yield from _hits(project, book, p, "different")


@check("goal", MatchParams, placeholders=_PLACES | {"how"})
def goal_change_unmeasured(project: Project, book: Workbook, p: MatchParams) -> Iterator[Hit]:
    """The goal asks for a change and the indicator is qualitative or points the other way (PC403)."""
    for kind, how in (("qualitative", "定性"), ("opposite", "方向相反")):
        for hit in _hits(project, book, p, kind):
            hit.values["how"] = how
            yield hit
