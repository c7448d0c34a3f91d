"""PC4 relevance: what the goal text promises, the indicators must measure (seed 000 四(一)(二)(三)).

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
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from .. import forked
from ..commitments import MAX_GOAL_CHARS, Commitment, extract_commitments, goal_tasks
from ..goal_lexicon import (
    BACKGROUND_RE,
    CHANGE_DOWN,
    CHANGE_UP,
    COMPARATIVE_RE,
    LIGHT_VERBS,
    THEME_RE,
    VAGUE_AIM_RE,
    VERB_RE,
    means_end,
    prepare,
    strip_scaffold,
)
from ..goal_tasks import GoalTask
from ..models import Indicator, Project, Workbook
from ..similarity import alike_pairs, jaccard
from ..units import MONEY_UNITS, money_to_wan, normalise_unit, split_scale, to_base, unit_family
from . import Hit, Params, check

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
    return ind.target.unit or (ind.measure or "").strip() or None


def _same_number(a: float, b: float, rate: bool = False) -> bool:
    """Equal up to rounding: 0.5% of a count (约2万 / 19950), but a rate to the hundredth (99.9% is not 99.5%)."""
    return abs(a - b) <= (0.005 if rate else max(1e-9, 0.005 * max(abs(a), abs(b))))


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
            self._taken = {i: {id(f.ind) for f, ok, _ in self.scores(other) if ok}
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
        if len(found) != 1 or head not in found[0].name:
            return None
        s = score(found[0])[1]
        return (s, found[0]) if s >= self.p.weak else None

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
        if c.is_money and p.skip_money and self.is_budget(c):
            return _Verdict("skip")
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
        if self.is_rate_paid(c) or c.number == 1 and "至少" in c.phrase:
            return _Verdict("skip")  # 家庭至少1人稳定就业, 每个卫生室至少有1名: a floor for each, measured by a share if at all
        return _Verdict("unmeasured")

    def is_rate_paid(self, c: Commitment) -> bool:
        """每人每月1650元, 每人救助1000-5000元, 按最低工资标准的80%发放: paid per person at a set rate
        (户均增收2000元 is a result)."""
        if not c.per_unit or (unit_family(c.unit) != "money" and "标准" not in c.phrase):
            return False
        return "标准" in c.phrase or bool(_PAYS_RE.search(c.phrase)) or not _LEVERAGE_RE.search(c.phrase)

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
        weak: _Ind | None = None  # the same number under little shared wording: measured unless another names it
        for f in self.inds:
            if not f.quantitative or (f.family != family if family is not None else f.unit != unit):
                continue
            if c.is_change and c.direction is not None and f.way not in (None, c.direction):
                continue  # 下降8% against 增长率≥8%: the opposite measure (PC403)
            if any(_same_number(f.base, g, rate) for g in goal_vals):
                s = score(f)[1]
                if rate and s < p.weak or goal_n == 1 and s < p.similar and id(f.ind) in self.taken(c):
                    continue  # 建成直播电商基地1个 is not measured by 县级电商公共服务中心=1个, which another figure names
                if c.is_change and f.way == c.direction and f.ind.target.operator in ("<=", "<"):
                    return _Verdict("opposite", f.ind)  # 能耗下降2% / 能耗下降率≤2%: a cap on the change asked
                if s >= p.similar or not rate:
                    return _Verdict("measured", f.ind)
                weak = weak or f
                continue
            if c.is_change and f.way is None:
                continue  # 下降10% against a level (发案率≤3%): not the same measure
            ok, s = score(f)
            if not ok and self.same_verb(c, f):
                ok, s = True, p.similar
            if ok and f.base_unit == goal_u and (best is None or s > best[0]):
                best = (s, f)
        if weak is not None and (best is None or best[0] < p.similar):
            return _Verdict("measured", weak.ind)  # 搬迁户旧房拆除率100% is not measured by 入住率=100% when 拆除率≥90% names it
        if best is None:
            best = self._only_one(c, goal_u, score)
        if best is None:
            return None
        f = best[1]
        if _stricter(c, goal_vals[-1], f.ind.target.operator, f.base):
            return _Verdict("named", f.ind)
        return _Verdict("different", f.ind, *_figures(c, goal_vals, f.ind))


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


def _judged(project: Project, book: Workbook | None, p: MatchParams) -> _Judged:
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
    return _judged(project, book, p)[0]


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


# ---------------------------------------------------------------- PC404


class InternalParams(Params):
    internal: str = (r"领导|负责人|管理层|党组|党委|班子|干部职工|机关干部|本单位|本局|本院|本校|本委|本部门|本中心|本所|本站"
                     r"|单位内部|内部职工|单位职工|上级|主管部门|分管|局长|主任|书记|院长|校长"
                     r"|[区市县]委|[区市县]政府|党委政府|考核组|考评组|督查组|检查组|评审组|各科室|各处室|内设科室|内设机构"
                     r"|主席会议|主任会议|班子成员|委托方|委托单位|采购人|[办局委部府]考核|指挥部")
    # an institution's own workforce: internal when the institution asks them (中心职工, 学校教职工), served when the
    # project is for them (the goal names them: 组织教职工参加培训)
    staff: str = r"教职工|职工|员工|医务人员|医护人员|工作人员"
    # a government body judging the project (区卫生健康局对项目实施满意度): the supervisor, not the people served
    supervisor: str = r"(?:局|委|办|政府|厅|部)$"
    own: str = r"本?(?:学校|医院|中心|单位|机关|院|校|站|所|馆|园|局)"
    # the public asked about a unit (区政府服务中心办事群众满意度): served, whatever else the name says
    public: str = (r"群众|居民|市民|村民|农户|企业|商户|经营户|学生|家长|患者|游客|观众|读者|老人|老年人|儿童|消费者|乘客|用户"
                   r"|办事|来访|服务对象")
    # people a project serves, even when their title sounds internal (参训校长, 参赛干部职工, 受助对象)
    served: str = r"参训|参赛|参会|参保|参检|参演|参展|参评|受训|受助|受检|受益|受援|受慰问|受表彰|服务对象|学员|培训对象|入驻|使用|就餐"


def _names_unit(subject: str, unit: str) -> bool:
    """The rater is the filing unit itself: 街道办事处 rating for 长乐街道办事处, 镇政府 for 金山镇人民政府 (an
    abbreviated name such as 区文旅局 for 区文化和旅游局 is not recognised)."""
    subject, unit = subject.replace("人民", ""), unit.replace("人民", "")
    return len(subject) >= 3 and (subject in unit or unit in subject)


_ORG_END_RE = re.compile(r"(?:政府|办事处|办|局|委|中心|院|站|所|馆|部|处|队|组)$")  # 镇政府, not 残疾人 of 残联


def _own_staff(subject: str, project: Project, p: InternalParams) -> re.Match[str] | None:
    """中心职工满意度 filed by 社区卫生服务中心, 学校教职工满意度 by a primary school's pupil service: the institution's
    own workforce, unless the goal is about them."""
    m = re.search(p.staff, subject)
    if m is None or m.group() in (project.goal or "") or m.group() in (project.name or ""):
        return None
    owner = subject[:m.start()]
    unit = project.unit or ""
    if not owner or re.fullmatch(p.own, owner) or (len(owner) >= 2 and unit.endswith(owner)):
        return m
    return None


_STAFF_WORDS = frozenset({"干部职工", "机关干部", "单位职工", "内部职工"})
_SCOPE_LEAD_RE = re.compile(r"^(?:全[市区县省镇]|[市区县]直|各级|各)")


def _staff_served(owner: str, staff: str, project: Project) -> bool:
    """公共机构干部职工 for a project whose goal serves 公共机构: the staff of the bodies the project serves,
    not the filing unit's own (本单位干部职工, 局机关干部, 政协机关干部 in 区政协办公室, 机关干部 of a campaign for citizens)."""
    owner = _SCOPE_LEAD_RE.sub("", owner)
    if staff not in _STAFF_WORDS or len(owner) < 2 or owner.startswith("本") or owner in (project.unit or ""):
        return False
    return owner in (project.goal or "") or owner in (project.name or "")


# 对 that introduces what is judged (领导对拍摄效果满意度), not 对象/针对/对口/对接
_JUDGES_RE = re.compile(r"(?<![针面绝相应核比])对(?![象比接标照口应于])")


@check("indicator", InternalParams, placeholders={"who"})
def internal_satisfaction(ind: Indicator, project: Project, p: InternalParams) -> Hit | None:
    """Satisfaction of leaders or the unit itself does not measure the service (seed 000 四(三)).

    Only who is asked counts: in `救助对象对本单位经办服务满意度` the 救助对象 judge the unit's service.
    """
    name = ind.name or ""
    if "满意" not in name:
        return None
    j = _JUDGES_RE.search(name)
    subject = name[:j.start()] if j and j.start() > 0 else name
    if j is not None and project.unit and _names_unit(subject, project.unit):
        return Hit(project=project, indicator=ind, field="name", values={"who": subject})  # 街道办事处对运营机构…
    if j is not None and re.search(p.supervisor, subject) and not re.search(p.public, subject):
        return Hit(project=project, indicator=ind, field="name", values={"who": subject})  # 区卫生健康局对项目实施…
    who = re.sub(r"(?:的)?(?:满意度|满意率|满意)$", "", subject)
    if project.unit and _ORG_END_RE.search(who) and not re.search(p.public, who) and _names_unit(who, project.unit):
        return Hit(project=project, indicator=ind, field="name", values={"who": who})  # 镇政府满意度 by 镇人民政府
    m = re.search(p.internal, subject) or _own_staff(subject, project, p)
    if m is None or re.search(p.served, subject[:m.start()] + subject[m.end():m.end() + 2]) or re.search(p.public, subject):
        return None
    if _staff_served(subject[:m.start()], m.group(), project):
        return None
    return Hit(project=project, indicator=ind, field="name", values={"who": who if 0 < len(who) <= 16 else m.group(0)})


# ---------------------------------------------------------------- PC405


class TaskParams(Params):
    min_tasks: int = 3
    max_covered_share: float = 0.5
    similar: float = 0.5          # share of a task key's bigrams in an indicator name that covers the task
    similar_name: float = 0.7     # share of an indicator name's core found in the task's clause that covers it
    restates: float = 0.6         # share of a task key's bigrams in the project name: the task is the project itself


_BASIS_TASK_RE = re.compile(
    r"^(?:认真|全面|深入)?(?:贯彻落实|贯彻|落实|按照|根据|依据|执行|对照|符合)[^，。；]*?"
    r"(?:计划|规划|方案|意见|要求|精神|部署|政策|文件|通知|办法|决定|条例|纲要|标准)(?:的要求|要求|精神)?$")
_PURPOSE_RE = re.compile(r"^(?:本?项目)?(?:资金)?(?:主要)?用于")
# how the work is done (通过政府购买服务方式) and what it serves (为…提供技术支撑): no task of their own
_METHOD_RE = re.compile(r"^(?:通过|采取|采用|依托|利用)[^，。；]*(?:方式|形式|途径|模式|手段|机制)$")
_SUPPORT_AIM_RE = re.compile(r"^为[^，。；]*提供[^，。；]{0,6}(?:支撑|保障|依据|参考|支持)$")
_DEADLINE_RE = re.compile(r"前[^，。；]{0,12}?(?:完成|完工|竣工|完毕|交付使用|投入使用|建成|交付|投用|到位)$|^利用[^，。；]{0,12}(?:施工|实施)$")
_REACH_ONLY_RE = re.compile(r"^(?:重点|主要)?(?:覆盖|惠及|面向|服务于|辐射)[^\d，。；]*$")
# clauses that carry no task of their own: a focus (围绕重点产业用工需求), an aim (让居民出门见绿), a part of the task
# before (其中取得证书的…), the people a scheme is for (对…的参保企业), the scheme's terms (按…比例返还)
_FOCUS_RE = re.compile(r"^(?:围绕|聚焦|对标|紧扣|立足)")
_AIM_START_RE = re.compile(r"^(?:让|使|为了|以便)")
_PART_RE = re.compile(r"^其中")
_WHOM_RE = re.compile(r"^(?:对|向|针对|面向)")
_TERMS_RE = re.compile(r"^按(?:照)?[^，。；]*(?:比例|标准)")
_ASIDE_TEXT_RE = re.compile(r"[（(][^（）()]*[）)]")
_FIGURE_RE = re.compile(r"(?<![（(\d])\d+(?![）)\d])")  # not the numbering of a list item: （1）  # 覆盖全区预算单位财务人员: who, not what
# a task's last word found in an indicator name covers it (修补破损路面 / 路面坑槽修复面积), unless the word is
# one that many unrelated tasks and indicators share
_GENERIC_HEADS = frozenset({
    "培训", "服务", "管理", "建设", "工作", "活动", "宣传", "检查", "设施", "项目", "体系", "机制", "能力", "水平",
    "质量", "安全", "环境", "任务", "资金", "保障", "发展", "运行", "维护", "改造", "治理", "整治", "提升", "工程",
    "制度", "规范", "效率", "效益", "指导", "支持", "监管", "监督", "考核", "评估", "情况", "问题", "需求", "要求",
    "企业", "群众", "居民", "人员", "对象", "单位", "部门", "机构", "平台", "系统", "数据", "信息", "标准", "作用"})


# 推动/促进/优化/加强/强化 open a task when what follows is a concrete thing (推动电子证照共享应用), an aim when it
# is an outcome (推动高质量发展, 优化营商环境); the other aim verbs (提升, 改善, 满足 …) always open an aim
_TASK_CAPABLE_AIMS = frozenset({"推动", "促进", "优化", "加强", "强化"})
_OUTCOME_HEADS = _GENERIC_HEADS | frozenset({
    "水平", "效能", "意识", "氛围", "名度", "响力", "得感", "福感", "全感", "意度", "素养", "素质", "形象", "活力",
    "动力", "极性", "体验", "品质", "品牌", "结构", "格局", "生态", "秩序", "面貌", "合作", "融合", "交流", "共享",
    "转型", "升级", "振兴", "增收", "就业", "创新", "创业", "稳定", "和谐", "文明", "健康", "公平", "均衡", "协调",
    "增效", "提效", "提质", "增长", "乡风", "民风", "家风", "风尚", "新风"})


def _is_aim(clause: str, key: str) -> bool:
    """提升江北知名度, 推动高质量发展: an aim that states no task of its own (推动电子证照共享应用 is a task)."""
    m = VAGUE_AIM_RE.match(clause)
    if m is None:
        return False
    verb = m.group()[-2:]
    return verb not in _TASK_CAPABLE_AIMS or key[-2:] in _OUTCOME_HEADS


def _not_a_task(t: GoalTask, goal: str, project: Project, p: TaskParams) -> bool:
    """A clause that names no task of its own: a header before a colon, the project restated, a basis,
    an aim (提升…知名度), a background count or what the money is for."""
    if goal[t.end:t.end + 1] in ("：", ":"):
        return True
    name = project.name or ""
    if name and (containment(t.key, name) >= p.restates or containment(name, t.key) >= 0.75):
        return True
    clause = _ASIDE_TEXT_RE.sub("", strip_scaffold(t.clause))
    if _BASIS_TASK_RE.match(clause) or _PURPOSE_RE.match(clause) or _is_aim(clause, t.key):
        return True
    if _AIM_START_RE.match(clause) or _PART_RE.match(t.clause) or _TERMS_RE.match(clause) or THEME_RE.fullmatch(clause):
        return True
    if (_FOCUS_RE.match(clause) or _WHOM_RE.match(clause)) and not VERB_RE.search(clause):
        return True
    if _METHOD_RE.match(t.clause) or _SUPPORT_AIM_RE.match(t.clause) or _REACH_ONLY_RE.match(t.clause) \
            or means_end(t.clause) == len(t.clause):  # 依托院内治未病中心: the means, no task
        return True
    whole = goal[max(goal.rfind(sep, 0, t.start) for sep in "，,；;。：:") + 1:t.end]  # with its date: 10月底前|全部完工
    if _DEADLINE_RE.search(whole) or (clause.startswith("负责") and name and containment(name, t.key) >= 0.5):
        return True  # 确保开学前交付使用, 利用暑期施工; 负责…(the project itself)
    m = BACKGROUND_RE.search(clause)
    return m is not None and not VERB_RE.search(clause, 0, m.start())


def _covered_by_words(t: GoalTask, names: list[tuple[frozenset[str], frozenset[str], str]], p: TaskParams,
                      shared_heads: frozenset[str] = frozenset()) -> bool:
    """An indicator name holds most of the task's key, or its last word (its last two words when the last is
    one that many tasks share: 提供签约服务 / 重点人群签约服务覆盖率), or the task's clause most of the name's core."""
    key, clause = bigrams(t.key), bigrams(t.clause)
    need_key = p.similar * len(key)
    head, tail = t.key[-2:], ""
    if len(t.key) < 4 or head in _GENERIC_HEADS or head in shared_heads:
        tail = t.key[-4:] if len(t.key) >= 6 and head in _GENERIC_HEADS and t.key[-4:-2] not in _GENERIC_HEADS else ""
        head = ""
    for grams, core_grams, name in names:
        if key and len(key & grams) >= need_key or head in grams or tail and tail in name:
            return True
        if core_grams and len(core_grams & clause) >= p.similar_name * len(core_grams):
            return True
    return False


_MEASURING = frozenset({"measured", "named", "different", "qualitative", "opposite"})
_TASK_MATCH = MatchParams()  # PC405 reads the verdicts PC401–PC403 reach with default parameters


@check("goal", TaskParams, placeholders={"tasks", "uncovered", "count", "covered"})
def tasks_uncovered(project: Project, book: Workbook, p: TaskParams) -> Hit | None:
    """A goal of several tasks needs indicators for more than one of them (seed 000 四(一)).

    A task is covered when an indicator measures or names a figure in it, or its wording; clauses that
    are no task (header, the project restated, basis, aim, background, the money) are not counted.
    """
    if not project.goal or not project.indicators:
        return None
    tasks = goal_tasks(project.goal)
    if len(tasks) < p.min_tasks:
        return None
    verdicts, inds = _judged(project, book, _TASK_MATCH)
    masked = prepare(project.goal[:MAX_GOAL_CHARS])[1]
    # a satisfaction indicator covers no task (义诊活动群众满意度 does not count 义诊活动)
    names = [(f.grams, f.core_grams, f.name) for f in inds if not f.satisfaction]
    counted, uncovered = 0, []
    heads = Counter(t.key[-2:] for t in tasks)
    shared = frozenset(h for h, n in heads.items() if n > 1)
    enough = p.max_covered_share * len(tasks)  # more covered than this: the share can only stay above it
    for t in tasks:
        inside = [(c, v) for c, v in verdicts if c.start < t.end and c.end > t.start]  # 2025年对其中60条开展…
        if any(v.status in _MEASURING for _, v in inside) or _covered_by_words(t, names, p, shared):
            counted += 1
            if counted - len(uncovered) > enough:
                return None
            continue
        if any(c.is_money and v.status == "skip" for c, v in inside):
            continue  # the project's money: not a task
        if inside and all(c.per_unit for c, _ in inside):
            continue  # 每人救助1000-5000元: the standard of another task, not a task of its own
        if not inside and _FIGURE_RE.search(masked, t.start, t.end):
            continue  # 年门急诊量约52万人次: its figures were read as facts, not promises
        if not any(v.status == "unmeasured" for _, v in inside) and _not_a_task(t, project.goal, project, p):
            continue
        counted += 1
        uncovered.append(t)
    covered = counted - len(uncovered)
    if counted < p.min_tasks or not uncovered or covered / counted > p.max_covered_share:
        return None
    return Hit(project=project, field="goal", values={
        "tasks": counted, "count": len(uncovered), "covered": covered,
        "uncovered": "、".join(f"“{t.key}”" for t in uncovered)})



# a named street or area: 六角亭街道, 民意片区 (not 各街道, 全区街道; 社区 and 镇 are too often plain words)
_PLACE_SUFFIX_RE = re.compile(r"街道|片区")
_NAME_RUN_RE = re.compile(r"[\u4e00-\u9fff]{2,5}$")
# what stands before a name, not in it: particles, and the verbs and scopes goals put before a place
_NAME_STOP_RE = re.compile(r".*(?:[在对为向和及与或等的至到了是个]|加强|提升|推进|开展|实施|完成|建设|打造|覆盖|面向|聚焦|"
                           r"围绕|组织|推动|做好|落实|深化|优化|改善|提高|服务|新建|改造|整治|涉及|包括|重点|核心|中心)")
_GENERIC_PLACE_RE = re.compile(r"[各全本辖该每所其多个]|城乡|农村|城市|城镇|试点|示范|老旧|相关|周边|基层|乡村|村")


@lru_cache(maxsize=65536)
def places(text: str) -> frozenset[str]:
    """Named streets and areas in a project's name or goal: 六角亭街道, 民意片区."""
    found = set()
    for m in _PLACE_SUFFIX_RE.finditer(text):
        run = _NAME_RUN_RE.search(text, max(0, m.start() - 5), m.start())
        if run is None:
            continue
        name = run.group()
        if (stop := _NAME_STOP_RE.match(name)) is not None:
            name = name[stop.end():]
        if len(name) >= 2 and not _GENERIC_PLACE_RE.search(name) and not VERB_RE.search(name):
            found.add(name + m.group())
    return frozenset(found)


class OverlapParams(Params):
    threshold: float = 0.8        # bigram Jaccard of goal texts
    name_threshold: float = 0.9   # bigram Jaccard of names (with goals at least half alike)
    min_chars: int = 12


@check("run", OverlapParams, placeholders={"other", "other_unit", "other_file", "similarity", "basis"})
def near_duplicate_projects(books: list[Workbook], p: OverlapParams) -> Iterator[Hit]:
    """Two projects with near-identical goals may fund the same work twice (seed 000 三).

    Each project alike to an earlier one is reported once, naming the first such project: a template
    copied into a thousand projects gives a thousand findings, not half a million pairs. Identical texts are
    grouped first (each copy against the first few); distinct texts are paired by ``alike_pairs``.
    Candidates from goals come before candidates from names, so a shared goal is the basis when both are.
    Two projects that each name streets or areas (六角亭街道, 民意片区) and share none are one template
    used twice over, not one piece of work funded twice.
    """
    projects = [(b.path, pr) for b in books for pr in b.projects if pr.kind == "project"]
    goals = [bigrams(pr.goal or "") if len(pr.goal or "") >= p.min_chars else frozenset() for _, pr in projects]
    names = [bigrams(pr.name or "") for _, pr in projects]
    named_places: dict[int, frozenset[str]] = {}

    def places_of(i: int) -> frozenset[str]:
        got = named_places.get(i)
        if got is None:
            pr = projects[i][1]
            got = named_places[i] = places(f"{pr.name or ''}，{pr.goal or ''}")
        return got

    def judge(i: int, j: int) -> Hit | None:
        (fi, a), (fj, b) = projects[i], projects[j]
        if (a.code and a.code == b.code) or (a.name == b.name and a.unit == b.unit):
            return None
        here, there = places_of(i), places_of(j)
        if here and there and not here & there:
            return None  # one template, two named places (六角亭街道 / 花楼街道): the same kind of work, twice over
        goal_sim = jaccard(goals[i], goals[j])
        if goal_sim >= p.threshold:
            basis, sim = "年度绩效目标", goal_sim
        else:
            name_sim = jaccard(names[i], names[j])
            if name_sim < p.name_threshold or goal_sim < 0.5:
                return None
            basis, sim = "项目名称", name_sim
        return Hit(project=b, field="project", file=fj, values={
            "other": a.label, "other_unit": a.unit or "", "other_file": fi.rsplit("/", 1)[-1],
            "similarity": f"{sim:.0%}", "basis": basis})

    passes = [_earlier_alike(goals, p.threshold), _earlier_alike(names, p.name_threshold)]
    for j in sorted(set().union(*passes)):
        for earlier in passes:
            hit = next(filter(None, (judge(i, j) for i in sorted(earlier.get(j, ())))), None)
            if hit is not None:
                yield hit
                break


def _earlier_alike(sets: list[frozenset[str]], threshold: float, heads: int = 20) -> dict[int, set[int]]:
    """For each index, the earlier indexes whose sets are alike to its own (candidates, judged by the caller)."""
    groups: dict[frozenset[str], list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        if s:
            groups[s].append(i)
    members = list(groups.values())
    earlier: dict[int, set[int]] = defaultdict(set)
    for group in members:  # identical sets: each copy against the first few
        for k, j in enumerate(group[1:], start=1):
            earlier[j].update(group[: min(k, heads)])
    distinct = [frozenset(k) for k in groups]
    for u, v in alike_pairs(distinct, threshold, workers=forked.workers()):  # distinct sets that are alike
        first = members[u][0]
        for j in members[v]:
            earlier[max(first, j)].add(min(first, j))
    return earlier

