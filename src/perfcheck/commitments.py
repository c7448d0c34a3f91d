"""Find the measurable promises in a goal text (年度绩效目标), so PC401–PC403 can ask whether an indicator measures them.

Bureaus report goals that promise `提交活动简报4次以上` or `调研走访50家限上重点企业` with no
indicator for it, or `新增app注册用户数26万人` against an indicator of 40000人, or
`重复信访量同比下降` against a qualitative indicator. ``extract_commitments`` turns each
such clause into a ``Commitment`` (what is counted, how many, in which unit, which way).

Not commitments: years, months and dates, document numbers (〔2022〕12号), titles in
《》, slogans (十四五, 一件事一次办), ordinals (第一, 一是), codes (5G, PM2.5), ages,
and numbers with no unit. Money amounts (`资金370万元`) are returned with
``is_money=True`` so a rule can tell the project's own amount from a promise.
Per-capita standards (`500元/人`) are ordinary commitments.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from .goal_lexicon import (
    BACKGROUND_RE,
    BARE_MEASURE_RE,
    CHANGE_ANY_RE,
    CHANGE_DOWN,
    CHANGE_END_RE,
    EXTRA_UNIT_RE,
    LIGHT_VERBS,
    MAX_GOAL_CHARS,
    METRIC_SUFFIX_RE,
    OBJ_BOUNDARY_RE,
    PER_CAPITA_RE,
    PREPOSITIONS,
    SCOPE_WORDS,
    SOFT_OPS,
    TRAILING_ADVERB_RE,
    TRAILING_ADVERBS,
    VERB_RE,
    means_end,
    prepare,
    strip_scaffold,
)
from .goal_tasks import GoalTask, goal_tasks, split_tasks
from .target_text import (
    _SUFFIX_MAP,
    _SUFFIX_RE,
    KNOWN_UNIT_RE,
    PERCENT_WORD,
    SYMBOL_OPS,
    WORD_OPS,
    find_numbers,
    range_upper,
    tenths_at,
)
from .units import MONEY_UNITS, normalise_unit, split_scale, unit_family

__all__ = ["Commitment", "GoalTask", "extract_commitments", "fact_spans", "goal_tasks", "split_tasks"]

Direction = Literal["up", "down"]

_CLAUSE_RE = re.compile(r"[，,；;。！!？?\n\r：:()（）【】\[\]]")
_ENUM_RE = re.compile(r"、")
_CONNECTOR_RE = re.compile(r"并且|以及|同时|还需|还要|另外|此外|并|和|及|与")
_LEAD_JUNK_RE = re.compile(r"[\s\x00、，,；;]*(?:[一二三四五六七八九十]是|[(（][一二三四五六七八九十\d]{1,2}[)）]"
                           r"|[一二三四五六七八九十\d]{1,2}[、.．](?!\d))?[\s\x00]*(?:并且|以及|同时|还需|还要|并|和|及|与)?")
# 完成 before a figure is the verb of the clause (完成3个村改造), not an operator
_OP_WORDS = sorted([*SYMBOL_OPS, *(w for w in WORD_OPS if w != "完成"), *SOFT_OPS], key=len, reverse=True)
_OP_END_RE = re.compile(f"(?:{'|'.join(re.escape(w) for w in _OP_WORDS)})$")
_TRAILING_PARTICLES = "的等了共约达各为中在是和及与并,，、"
_LEADING_PARTICLES = "的了和及与并,，、"
_RATE_UNITS = frozenset({"%", "‰", "百分点"})
_NOT_UNITS = frozenset({"类", "度", "集"})
_NOT_AFTER_BU = frozenset("门分署位队委长属件")  # 13部门, 一部分: 部 is a unit only as a count (宣传片1部)
_ADDRESSING_CHARS = frozenset("对为向给把将")  # not 在: 在现有46个行政村 says where
_REJECT_BEFORE = set("第+×*#~/") | set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_REJECT_AFTER_RE = re.compile(r"^(?:岁|周岁|级|星|之|[A-Za-z+×*])")
_DURATION_GUARD = frozenset({"年"})
_KIND_UNITS = frozenset({"项", "类", "种"})
_AGE_RE = re.compile(r"\d+周?岁(?:及)?(?:以上|以下)?")
_NOT_A_LIMIT = frozenset("未不没的")
_FIRST_TIME_RATE_RE = re.compile(r"[\u4e00-\u9fff]{0,5}率|性?(?:验收)?(?:合格|通过|成功|达标|到位|办结)")
_PAUSES = frozenset("，,（(")  # a bracket goes on with its sentence: 全县列养农村公路2860公里（其中县道412公里…）
_SCOPE_START_RE = re.compile(r"(?:全|本|我)[县镇区市乡]|辖区|全街道|本街道")
_DONE_RE = re.compile(r"已(?:建成|完成|实施|改造|治理|创建|建设|投用|覆盖)")
# a policy's terms, not results: a cap per recipient (额度最高30万元, 单家最高不超过100万元), a rate the scheme pays at
# (按研发费用增量的10%给予后补助, 按…60%的比例返还), the part of a sum below a line (150个基点以下部分)
_CAP_BEFORE_RE = re.compile(r"(?:最高|最低|上限|额度)(?:不超过|不高于|为|可达)?$")
_SCHEME_BEFORE_RE = re.compile(r"按[^，,。；;]{0,20}$")
_SCHEME_AFTER_RE = re.compile(r"(?:的比例)?(?:给予|返还|补助|补贴|贴息|奖励|资助|发放|予以|分担|承担)")
_SCHEME_CLAUSE_RE = re.compile(r"按[^，,。；;]{0,30}?(?:的?比例(?:给予|返还|补助|补贴|贴息|奖励|资助|发放|予以|分担)"
                               r"|、[^，,。；;]{0,30}?标准(?:安排|执行|发放|拨付|补助|补贴|给予|兑付|落实|核定|结算))")  # 乡道7000元、…标准安排
# a clause of a fact sentence that names the year's work has one of these (dates are masked: \x00 stands for 2025年)
_YEAR_WORK_RE = re.compile(r"\x00|全年|本年|年内|今年|年度|计划|拟|将|力争|确保|新增|新建")
_TELLING_VERBS = frozenset({"安置", "服务", "覆盖", "惠及", "承担", "编制", "配备"})  # what the unit does already: 安置群众4216户
_NORM_BEFORE_RE = re.compile(r"(?:一般|\x01\x01|通常|原则上)(?:为|不超过|不少于)?$")  # 一般 is masked as a slogan word
_RATIO_TERM_RE = re.compile(r"(?:权重|分担比例|承担比例|负担比例|出资比例|配套比例|补助比例|补贴比例|奖补比例|资助比例|贴息比例"
                            r"|返还比例|因素占比|分配比例)"
                            r"[^，,。；;]{0,12}$")
_SHARE_OF_RE = re.compile(r"(?:保费|投入|费用|售价|价格|工资|报酬|薪酬|增量|成本|总额|投资额|营业收入)的?$")
_EACH_BEFORE_RE = re.compile(r"每(?:期|次|批|轮|场|班)[\u4e00-\u9fff]{0,4}$")  # 每期5天, 每期60人左右
_PEOPLE_BEFORE_RE = re.compile(r"\d+(?:\.\d+)?[名人][^，,。；;\d]{0,16}(?:进修|驻点|挂职|跟班|学习|培训|轮训|实习)"
                               r"(?:\d+(?:\.\d+)?[—\-~～至到])?$")  # 18人到省级医院进修学习3—|6个月
_RANGE_JOINS = frozenset({"至", "到", "—", "-", "~", "～", "–"})
_SENTENCE_END_RE = re.compile(r"[。；;！!？?\n]")
_YEAR_WORK_START_RE = re.compile(r"[\s\x00]*(?:(?:19|20)\d{2}年|全年|本年度|今年|年内|计划|本项目)")
_NAMED_AFTER_RE = re.compile(r"[\u4e00-\u9fff]")
_RATE_PAIR = frozenset({"和", "及", "、", "与", "或"})
_YEAR_RE = re.compile(r"[\s\x00]*((?:19|20)\d{2})年")
_PER_BEFORE_RE = re.compile(r"每(?![年月季周天日期批次])[\u4e00-\u9fff]{0,3}$")  # not a period: 每季度1次
_TERMS_OF_RE = re.compile(r"^(?:按照|按|依照)")
_PORTION_RE = re.compile(r"[\u4e00-\u9fff]{0,3}?(?:以下|以上|以内)?部分")
_PHASE_RE = re.compile(r"(?:项目|工程|建设|改造|地块)")  # 一期项目: a phase, not a count
_SCOPE_AFTER_RE = re.compile(r"(?:以内)?(?:范围|半径)")  # 站点周边500米范围: where, not what
_AMONG_BEFORE_RE = re.compile(r"在(?:全[区市县镇乡]|辖区|本[区市县镇乡])?[\x00]*$")
_AMONG_AFTER_RE = re.compile(r"[\u4e00-\u9fff\x00]{0,8}?(?:之中|中)")
# what an institution is and has (本中心下设急救分站9个、配备救护车31辆): stative verbs that continue a fact
_STATIVE_RE = re.compile(r"配备|配有|设有|开设|下设|建有|承担|列管|管辖|拥有")
_MEASURE_CHARS = frozenset("率量数面")
_NOT_ACTING = _MEASURE_CHARS | frozenset("站点所室队")  # 覆盖率, 救助人数, 养老服务站: a verb inside a name
# in a sentence of facts, the promise words that turn it to the year's work (达: 老龄化率达24.7% still tells a fact)
_FACT_BREAK_RE = re.compile(r"达到|保持|稳定在|控制在|不低于|不少于|不超过|以上|以内|力争|确保|提高|提升|增长|增加|下降|降低|减少"
                            r"|突破|新增|累计|全年|年度|年内|计划|目标|≥|≤|>|<")
# words that make a clause a promise even without a verb (覆盖率达到95%, 较上年提高)
_PROMISE_WORD_RE = re.compile(r"达到|达|保持|稳定在|控制在|不低于|不少于|不超过|以上|以内|力争|确保|提高|提升|增长|增加|下降|降低|减少|突破"
                              r"|新增|累计|全年|年度|年内|计划|目标|≥|≤|>|<")


@dataclass(frozen=True, slots=True)
class Commitment:
    """One measurable promise in a goal text."""

    phrase: str                     # the clause as it stands in the goal, for quoting
    obj: str | None                 # what is counted: 活动简报, 限上重点企业, 新增app注册用户数
    verb: str | None                # 提交, 调研走访, 召开 (None when the clause has none)
    number: float | None            # after scale: 26万人 → 260000; None for a bare change (同比下降)
    unit: str | None                # normalised: 次, 家, 人, %, 万元 ...
    operator: str | None            # '>=', '<=', '=', '>', '<'; None when there is no number
    direction: Direction | None     # 'up' (提高/增长/增加) or 'down' (下降/减少/降低/压减), else None
    is_change: bool                 # the goal asks for a change (同比下降, 提高10%), not a level
    start: int                      # offsets of ``phrase`` in the goal as given
    end: int
    is_money: bool = False          # a money amount (元/万元/亿元): often the project's own budget
    number_max: float | None = None  # upper bound of a range (3-5次)
    per_unit: bool = False          # a standard per person or thing (每人每月90元, 500元/人), not a total


@dataclass
class _Reading:
    start: int
    value: float
    unit: str
    unit_end: int          # end of unit and suffix operator (以上/以内)
    suffix_op: str | None
    number_max: float | None


def _spans(text: str, sep: re.Pattern[str], a: int, b: int) -> list[tuple[int, int]]:
    """Pieces of text[a:b] between separators."""
    out, pos = [], a
    for m in sep.finditer(text, a, b):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < b:
        out.append((pos, b))
    return out


def _read_number(piece: str, start: int, end: int, value: float) -> _Reading | None:
    """Unit, range and suffix after a number; None when the number counts nothing."""
    if start and piece[start - 1] in _REJECT_BEFORE:
        return None
    if piece.endswith(PERCENT_WORD, 0, start):  # 完好率达到百分之九十八
        return _share(piece, start - len(PERCENT_WORD), value, end)
    if value <= 10 and tenths_at(piece, end):  # 满意率九成以上
        return _share(piece, start, value * 10, end + 1)
    tail = piece[end:]
    number_max, rm = range_upper(tail)
    if rm is not None:
        end += rm.end() - len(rm.group(1) or "")
        tail = piece[end:]
    if _REJECT_AFTER_RE.match(tail):
        return None
    um = KNOWN_UNIT_RE.match(tail)
    if um is not None and (um.group() in _NOT_UNITS or um.group() == "部" and tail[1:2] in _NOT_AFTER_BU):
        return None
    if um is None:
        um = EXTRA_UNIT_RE.match(tail) if piece[start].isdigit() else None
        if um is None:
            return None
    unit_end = end + um.end()
    rest = piece[unit_end:]
    if _REJECT_AFTER_RE.match(rest):
        return None
    sop = None
    sm = _SUFFIX_RE.match(rest)
    if sm:
        sop = _SUFFIX_MAP[sm.group()]
        unit_end += sm.end()
    around = _Around(piece, start, end + um.end(), unit_end, value, um.group(), sop, piece[:start].rstrip("\x00"))
    if any(rule(around) for rule in _NO_PROMISE):
        return None
    return _Reading(start, value, um.group(), unit_end, sop, number_max)


@dataclass(frozen=True, slots=True)
class _Around:
    """A figure read with its unit, and the text around it, for the rules that say it promises nothing."""

    piece: str
    start: int           # where the number begins
    unit_stop: int       # where its unit ends
    unit_end: int        # where its unit and suffix operator (以上/以内) end
    value: float
    unit: str
    sop: str | None      # the suffix operator, if any
    before: str          # the piece before the number


def _plan_span(a: _Around) -> bool:
    """三年行动计划, 5年规划: a plan's span."""
    return a.unit in _DURATION_GUARD and a.sop is None and not _OP_END_RE.search(a.piece[:a.start])


def _computed_sum(a: _Around) -> bool:
    """全年按200天计: how a sum is computed."""
    return a.piece.startswith("计", a.unit_end) and "按" in a.piece[max(0, a.start - 8):a.start]


def _group_threshold(a: _Around) -> bool:
    """收入10万元以上的村占比达到70%, 按照年人均纯收入7800元的监测范围: a line that names a group."""
    if not a.piece.startswith("的", a.unit_end):
        return False
    return _TERMS_OF_RE.search(a.before) is not None or a.sop is not None and not VERB_RE.search(a.before) \
        and not _OP_END_RE.search(a.before)


def _eligible_cap(a: _Around) -> bool:
    """对脱贫户发放的5万元以下、3年期以内的小额信贷: a cap on what qualifies."""
    return a.sop == "<=" and a.before.endswith("的") and not _OP_END_RE.search(a.before[:-1])


def _whom_for(a: _Around) -> bool:
    """对年营收2000万元以上且研发投入强度不低于3%的企业, 对新建面积5000平方米以上的海外仓: whom a scheme is for."""
    if not a.before.startswith(_ADDRESSING):
        return False
    if a.sop is not None and a.piece.startswith("的", a.unit_end):
        return True
    verb = VERB_RE.search(a.piece, a.unit_end)
    named = a.piece.find("的", a.unit_end, verb.start() if verb else len(a.piece)) >= 0  # …以上的科技型中小企业
    return (a.sop is not None or named or a.piece.startswith("的", a.unit_end)) and not VERB_RE.search(a.before)


def _policy_terms(a: _Around) -> bool:
    """额度最高30万元, 按增量的10%给予后补助, 60%的比例返还, 标准的3倍, 每吸纳1名, 补助比例不超过保费的50%, 权重70%,
    实施期一般为3年: the terms of a scheme."""
    if _CAP_BEFORE_RE.search(a.before):
        return True
    if a.value == 1 and unit_family(a.unit) in ("people", "entities") and _PER_BEFORE_RE.search(a.before):
        return True  # 每吸纳1名: what a rate is per (每公里1万元 is the rate itself)
    if _NORM_BEFORE_RE.search(a.before):
        return True
    if a.unit in _RATE_UNITS and (_RATIO_TERM_RE.search(a.before) or _SHARE_OF_RE.search(a.before)):
        return True
    if a.unit == "倍" and a.before.endswith("的") and not CHANGE_ANY_RE.search(a.before):
        return True  # 标准的3倍, 人均可支配收入的2倍 (增长到上年的2倍 is a promise)
    if a.piece.startswith("不变", a.unit_end):
        return True  # 票价维持2元不变: a price held, not a result
    pays_after = _SCHEME_AFTER_RE.match(a.piece, a.unit_end) is not None
    return pays_after and (_SCHEME_BEFORE_RE.search(a.before) is not None or a.piece.startswith("的比例", a.unit_end))


def _where(a: _Around) -> bool:
    """在全区8个镇（街道）中择优, 站点周边500米范围, 150个基点以下部分: where or which part, not what is done."""
    if _AMONG_BEFORE_RE.search(a.before) and _AMONG_AFTER_RE.match(a.piece, a.unit_end):
        return True
    if _SCOPE_AFTER_RE.match(a.piece, a.unit_end) and unit_family(a.unit) == "length":
        return True
    return _PORTION_RE.match(a.piece, a.unit_end) is not None


def _each_lasts(a: _Around) -> bool:
    """每期5天, 每期60人左右, 选派30名医生进修3个月: the size of each session or stay, not a total."""
    if _EACH_BEFORE_RE.search(a.before):
        return True
    return unit_family(a.unit) == "duration" and _PEOPLE_BEFORE_RE.search(a.before) is not None


def _named_phase(a: _Around) -> bool:
    """城市更新一期项目: a phase's name."""
    return a.unit == "期" and not a.piece[a.start].isdigit() and _PHASE_RE.match(a.piece, a.unit_end) is not None


def _eligibility(a: _Around) -> bool:
    """离校2年内未就业, 毕业3年内的: who is eligible, not a time limit."""
    return a.sop is not None and a.piece[a.unit_end:a.unit_end + 1] in _NOT_A_LIMIT and unit_family(a.unit) == "duration"


def _first_try(a: _Around) -> bool:
    """一次成功率, 一次验收合格率: the name of a rate; 验收一次合格: at the first try."""
    return a.value == 1 and a.unit == "次" and _FIRST_TIME_RATE_RE.match(a.piece, a.unit_stop) is not None


# figures that count nothing promised; each rule names its case
_NO_PROMISE = (_plan_span, _computed_sum, _group_threshold, _eligible_cap, _whom_for, _policy_terms, _where, _each_lasts,
               _named_phase, _eligibility, _first_try)
_ADDRESSING = ("对", "向", "为", "给", "针对", "面向")


def _share(piece: str, start: int, percent: float, end: int) -> _Reading:
    """A share written out in words (百分之…, …成), read as a percentage with its suffix (以上/以内)."""
    sm = _SUFFIX_RE.match(piece, end)
    return _Reading(start, percent, "%", sm.end() if sm else end, _SUFFIX_MAP[sm.group()] if sm else None, None)


_POPULATION_WORDS = frozenset({"常住人口", "户籍人口", "总人口", "人口总数"})
_SERVES_RE = re.compile(r"^[^，,。；;]{0,4}?(?:服务|面向)")  # (中心)服务辖区常住人口8.6万人


def _states_scope(before: str) -> bool:
    """全县农村公路总里程|2,147公里, 全镇尚有旱厕农户约|1,100户: a place's size told with no verb and no promise."""
    if not _SCOPE_START_RE.search(before[:4]):
        return False
    text = _DONE_RE.sub("", before.replace("\x00", ""))  # 已建成…412处: what exists
    return _SCOPE_START_RE.match(text) is not None and not _acts(text) \
        and not _PROMISE_WORD_RE.search(_AGE_RE.sub("", text)) and not set(text) & _ADDRESSING_CHARS


def _is_background(before: str) -> bool:
    """我区现有特困供养人员|420人: a count that states a fact; 完成现有管网改造|3公里 is still a promise."""
    if _states_scope(before):
        return True
    m = None
    for m in BACKGROUND_RE.finditer(before):
        pass
    if m is None:
        return False
    if _PROMISE_WORD_RE.search(_AGE_RE.sub("", before[m.end():])):
        return False  # 年均增长10%: a promise about the average, not a fact (60岁以上 is an age)
    lead = before[:m.start()].replace("\x00", "")
    if m.group() in _POPULATION_WORDS:  # 服务辖区常住人口约85万人: who the service is for, a fact
        lead = _SERVES_RE.sub("", lead)
    return not VERB_RE.search(lead) and not (set(lead) & _ADDRESSING_CHARS)  # 在现有46个村 is where, 对现有… is what


def _per_unit_tail(obj: str) -> str:
    """减免标准每具遗体 → 减免标准: what a per-unit standard is per is not what is counted."""
    if obj.startswith("每"):
        return obj  # 每人每年补助: the standard's own name
    cut = obj.find("每", 2)
    return obj[:cut] if cut >= 2 else obj


def _names_a_set(shown: str, lo: int, r: _Reading) -> bool:
    """残疾人两项补贴, 三项制度: a small Chinese numeral with no verb or operator before it names a set."""
    if shown[r.start].isdigit() or r.value > 10 or r.suffix_op is not None:
        return False
    before = shown[lo:r.start].replace("\x00", "")
    if before.endswith(("”", "」", "\"")):
        return True  # “粤菜师傅”“广东技工”“南粤家政”三项工程: the count of the names just given
    return not VERB_RE.search(before) and not _OP_END_RE.search(before) and not CHANGE_END_RE.search(before)


def _classifies(piece: str, r: _Reading, nxt: _Reading | None) -> bool:
    """发放两项补贴|7.2万人次: a small Chinese numeral of kinds (项/类/种) right before what the next figure
    counts is part of that object's name, not a promise of its own (三次培训|200人次 keeps both)."""
    if nxt is None or r.unit not in _KIND_UNITS or piece[r.start].isdigit() or r.value > 10 or r.suffix_op:
        return False
    between = piece[r.unit_end:nxt.start]
    return 0 < len(between) <= 8 and not _CONNECTOR_RE.search(between) and not _OP_END_RE.search(between) \
        and not CHANGE_END_RE.search(between)


def _qualifies(piece: str, r: _Reading, nxt: _Reading | None) -> bool:
    """引进总投资10亿元以上|重大项目5个: a threshold in another unit that names what the next figure counts."""
    if nxt is None or r.suffix_op not in (">=", "<=") or unit_family(r.unit) == unit_family(nxt.unit):
        return False
    between = piece[r.unit_end:nxt.start]
    return 0 < len(between) <= 12 and not _CONNECTOR_RE.search(between) and not VERB_RE.search(between) \
        and not CHANGE_END_RE.search(between)


def _clean_obj(text: str) -> str:
    """Strip scaffolding, prepositions and particles; keep what follows the last boundary word."""
    s = text.replace("\x00", "")
    s = strip_scaffold(s)
    if s.startswith(PREPOSITIONS):
        for p in PREPOSITIONS:
            if s.startswith(p) and len(s) > len(p) + 1:
                s = s[len(p):]
                break
    s = s.lstrip(_LEADING_PARTICLES + " ").rstrip(_TRAILING_PARTICLES + " ")
    if s.endswith(TRAILING_ADVERBS):
        s = TRAILING_ADVERB_RE.sub("", s)
    cut = None
    for m in OBJ_BOUNDARY_RE.finditer(s):
        if len(s) - m.end() >= 2 and not (m.group() == "的" and BARE_MEASURE_RE.match(s[m.end():])):
            cut = m.end()  # (取得证书的比例 keeps what the share is of)
    if cut is not None:
        s = s[cut:]
    return s.lstrip(_LEADING_PARTICLES + " ").rstrip(_TRAILING_PARTICLES + " ")


# 对辖区桥梁开展|一次定期检测: a light verb closing an addressee phrase; the object follows the count
# (but 对全局干警脱产轮训|15天: a content verb there is what is counted)
_ADDRESSEE_VERB_RE = re.compile(
    rf"^(?:对|为|向|给|面向|针对)[^，,；;]{{1,16}}?(?P<verb>{'|'.join((*LIGHT_VERBS, '提供', '举办', '召开'))})$")


def _split_verb(text: str) -> tuple[str | None, str]:
    """(leading verb, rest) of a before-number text."""
    s = strip_scaffold(text.replace("\x00", ""))
    verb, pos = "", 0
    while (m := VERB_RE.match(s, pos)) and m.end() < len(s) and (not verb or m.group() in LIGHT_VERBS):
        verb, pos = verb + m.group(), m.end()  # 组织开展 | 宣传活动, but 举办 | 培训班
    if not verb and (m := VERB_RE.fullmatch(s)):
        verb, pos = m.group(), m.end()
    if not verb and (m := _ADDRESSEE_VERB_RE.match(s)):
        return m.group("verb"), ""  # 对辖区桥梁开展|一次定期检测: the verb closes an addressee phrase
    return (verb or None), s[pos:]


def _cut_after_object(after: str, duration: bool = False) -> tuple[str, str | None]:
    """The object after a count (50家|限上重点企业) ends where a verb with its own object begins.

    After a time limit the verb comes first (3个工作日内|办结): it is the verb, not the object.
    """
    s = after
    m = VERB_RE.match(s)
    if m and duration:
        return "", m.group()
    for m in VERB_RE.finditer(s):
        if m.start() >= 2 and m.end() < len(s):
            return s[:m.start()], m.group()
    return s, None


def _operator(before: str) -> tuple[str | None, Direction | None, bool, str]:
    """(operator, direction, is_change, before without them) from the text before a number."""
    b = before.rstrip()[-40:]  # operator and change words sit right before the figure
    op = None
    m = _OP_END_RE.search(b)
    if m:
        w = m.group()
        op = SYMBOL_OPS.get(w) or WORD_OPS.get(w) or "="
        b = b[:m.start()]
    direction: Direction | None = None
    is_change = False
    cm = CHANGE_END_RE.search(b)
    if cm:
        direction = "down" if any(cm.group().find(w) >= 0 for w in CHANGE_DOWN) else "up"
        if cm.group("to") or cm.group()[-1] in "至到":  # 下降到5%, 降至1%: a level to reach
            op = op or (">=" if direction == "up" else "<=")
        else:
            is_change = True
        b = b[:cm.start()]
        m = _OP_END_RE.search(b)
        if m and op is None:
            op = SYMBOL_OPS.get(m.group()) or WORD_OPS.get(m.group()) or "="
            b = b[:m.start()]
    return op, direction, is_change, b


def _phrase(goal: str, work: str, a: int, b: int) -> tuple[str, int, int]:
    """The goal slice [a, b) without leading separators or connectors, and its offsets (``work`` is the
    goal normalised, same length)."""
    lead = _LEAD_JUNK_RE.match(work, a, b)
    start = lead.end() if lead else a
    end = b
    while end > start and goal[end - 1] in " \t\u3000":
        end -= 1
    return goal[start:end], start, end


def _split_points(piece: str, readings: list[_Reading]) -> list[int]:
    """Where the region of one number ends and the next begins."""
    points = []
    for cur, nxt in zip(readings, readings[1:]):
        between = piece[cur.unit_end:nxt.start]
        cm = _CONNECTOR_RE.search(between)
        vm = VERB_RE.search(between)
        if cm and (not vm or cm.start() <= vm.start()):
            points.append(cur.unit_end + cm.start())
        elif vm:
            points.append(cur.unit_end + vm.start())
        else:
            points.append(cur.unit_end)
    return points


def _from_piece(goal: str, work: str, masked: str, view: str, a: int, b: int) -> list[Commitment]:
    piece, shown = masked[a:b], view[a:b]
    readings: list[_Reading] = []
    for n in find_numbers(piece):
        if readings and n.start < readings[-1].unit_end:
            continue  # the 5 of 3-5次 belongs to the range just read
        r = _read_number(piece, n.start, n.end, n.value)
        if r is not None and readings and r.unit == readings[-1].unit and readings[-1].number_max is None \
                and piece[readings[-1].unit_end:r.start] in _RANGE_JOINS:
            readings[-1].number_max, readings[-1].unit_end = r.value, r.unit_end  # 500元至1000元: one range
            continue
        if r is not None and not _names_a_set(shown, readings[-1].unit_end if readings else 0, r):
            readings.append(r)
    readings = [r for r, nxt in zip(readings, [*readings[1:], None])
                if not _classifies(piece, r, nxt) and not _qualifies(piece, r, nxt)]
    if not readings:
        change = _change_only(goal, work, shown, a)
        return [change] if change else []
    points = _split_points(piece, readings)
    bounds = [0, *points, len(piece)]
    out: list[Commitment] = []
    for i, r in enumerate(readings):
        lo, hi = bounds[i], bounds[i + 1]
        if _is_background(shown[lo:r.start]):
            continue
        op, direction, is_change, before = _operator(shown[lo:r.start])
        if r.suffix_op == "~":
            op = op or "="
        elif r.suffix_op and op in (None, "="):
            op = r.suffix_op
        if r.number_max is not None and op in (None, "="):
            op = ">="
        unit = normalise_unit(r.unit) or r.unit
        scale, unit = split_scale(unit)
        if unit in _RATE_UNITS:  # 资助覆盖率100%: the verb is part of the rate's name
            verb, before_rest = None, strip_scaffold(before.replace("\x00", ""))
        else:
            verb, before_rest = _split_verb(before)
            if verb and BARE_MEASURE_RE.match(_clean_obj(before_rest)):  # 培训人数不少于…
                before_rest, verb = verb + before_rest, None
        duration = unit_family(unit) == "duration"
        after, after_verb = _cut_after_object(shown[r.unit_end:hi], duration)
        obj_after, obj_before = _clean_obj(after), _clean_obj(before_rest)
        if obj_before in SCOPE_WORDS:  # 覆盖全区|12个街道: 全区 is a scope, not the object
            obj_before = ""
        # per-capita money (每人每年补助2000元, 500元/人) is a standard, not the project's amount
        per_unit = PER_CAPITA_RE.search(shown[lo:hi]) is not None or bool(
            out and out[-1].per_unit and out[-1].unit == unit and piece[readings[i - 1].unit_end:r.start] in _RATE_PAIR)
        # (每人每月1450元和1150元: the second is a rate too)
        is_money = unit in MONEY_UNITS and not per_unit
        counting = unit not in _RATE_UNITS and unit not in MONEY_UNITS
        # 调研走访50家|限上重点企业: the object follows a count; 提交活动简报|4次: it precedes it
        prefer_after = counting and len(obj_after) >= 2 and (verb is not None or after_verb is not None or duration)
        obj = (obj_after if obj_after and (not obj_before or prefer_after) else obj_before or obj_after) or None
        if obj and verb is None and VERB_RE.fullmatch(obj):  # 1-8月完成80%: a verb, nothing counted
            obj, verb = None, obj
        if obj:
            obj = _per_unit_tail(obj)
        phrase, ps, pe = _phrase(goal, work, a + lo, a + hi)
        out.append(Commitment(
            phrase=phrase, obj=obj or None, verb=verb or after_verb, number=r.value * scale,
            unit=unit, operator=op or "=", direction=direction, is_change=is_change, start=ps, end=pe,
            is_money=is_money, number_max=None if r.number_max is None else r.number_max * scale,
            per_unit=per_unit))
    return out


def _change_only(goal: str, work: str, piece: str, a: int) -> Commitment | None:
    """A numberless change of a measurable thing: 重复信访量同比下降, 降低企业成本."""
    cm = CHANGE_ANY_RE.search(piece)
    if not cm or cm.group("to") or cm.group()[-1] in "至到":
        return None
    obj = _clean_obj(_split_verb(piece[:cm.start()])[1])
    if not obj:
        obj = _clean_obj(_cut_after_object(piece[cm.end():])[0])
    if not obj or not (cm.group("cmp") or METRIC_SUFFIX_RE.search(obj)):
        return None
    direction: Direction = "down" if cm.group("word") in CHANGE_DOWN else "up"
    phrase, ps, pe = _phrase(goal, work, a, a + len(piece))
    return Commitment(phrase=phrase, obj=obj, verb=None, number=None, unit=None, operator=None,
                      direction=direction, is_change=True, start=ps, end=pe)


_Read = tuple[tuple[Commitment, ...], tuple[tuple[int, int], ...]]


@lru_cache(maxsize=4096)
def _extract(goal: str) -> _Read:
    """The goal's commitments, and the spans of its clauses that state facts (read once, asked by both)."""
    work, masked, view = prepare(goal)
    out: list[Commitment] = []
    told: list[tuple[int, int]] = []  # clauses of facts: 本街道辖区面积4.2平方公里，…，老旧小区占比较高
    years = [int(y) for y in _YEAR_RE.findall(goal)]
    latest = max(years, default=0)
    sentence_start = True
    facts = False  # the sentence so far states facts (现有林地56.3万亩，森林覆盖率46.2%。)
    last_obj = None  # what the sentence's last figure counted: 规范管理率较上年提高5个百分点，达到70%以上
    for a, b in _spans(masked, _CLAUSE_RE, 0, len(masked)):
        clause = view[a:b]
        if sentence_start and (m := _YEAR_RE.match(goal, a)) and int(m.group(1)) < latest:
            past = True  # 2024年全市城镇新增就业6823人，…。2025年力争…: last year's results, told
        elif sentence_start:
            past = _sets_the_scene(goal, view, a)
        sentence_start = False
        if past:
            told.append((a, b))
            if masked[b:b + 1] not in _PAUSES:
                sentence_start, facts, last_obj = True, False, None
            continue
        if facts and (_acts_now(clause) or _FACT_BREAK_RE.search(_AGE_RE.sub("", clause))):
            facts = False
        if not facts:
            found_before = len(out)
            last_obj = _read_clause(goal, work, masked, view, a, b, out, last_obj)
            # a clause whose figures were all background (全区现有服务中心9个) opens a sentence of facts
            facts = len(out) == found_before and _is_background(clause)
        if facts:
            told.append((a, b))
        if masked[b:b + 1] not in _PAUSES:
            facts, last_obj = False, None  # a sentence ends: what follows is read on its own
            sentence_start = True
    return tuple(out), tuple(told)


def _sets_the_scene(goal: str, view: str, a: int) -> bool:
    """区级机关办公大楼建筑面积约4.3万平方米，入驻单位38家。2025年…: a first sentence with no verb and no promise,
    before a sentence of the year's work, describes the place or the unit."""
    stop = _SENTENCE_END_RE.search(view, a) if a == 0 else None
    if stop is None or not _YEAR_WORK_START_RE.match(goal, stop.end()):
        return False
    sentence = view[a:stop.start()]
    return not _acts(sentence) and not _FACT_BREAK_RE.search(_AGE_RE.sub("", sentence))


def _read_clause(goal: str, work: str, masked: str, view: str, a: int, b: int, out: list[Commitment],
                 last_obj: str | None) -> str | None:
    """Append the commitments of clause [a, b) to ``out``, item by item of its 、 list; returns what the clause's last
    figure counted (an item with no object of its own counts it too: 收入1.5亿元、较上年增长10%)."""
    scheme = _SCHEME_CLAUSE_RE.search(view, a, b)  # 按大型企业30%、中小微企业60%的比例返还: the scheme's terms
    # 依托全县15个乡镇调委会…: resources named before the task, not promises; read from the task on
    for c, d in _spans(masked, _ENUM_RE, means_end(view, a, b), b):
        if scheme and scheme.start() <= c < scheme.end():
            continue
        if c > a and _lists_facts(view[a:c], view[c:d]):
            continue  # 本校现有在校学生2150人、教学班48个: the list of facts goes on
        for f in _piece(goal[c:d], work[c:d], masked[c:d], view[c:d]):
            f = _shifted(f, c)
            prev = out[-1] if out else None
            if prev is not None and prev.per_unit and unit_family(prev.unit) == unit_family(f.unit) and c > a \
                    and not f.per_unit and prev.end >= c - 1:
                f = replace(f, per_unit=True, is_money=False)  # 每人每月90元、100元、400元三档: all rates
            if f.obj is None and f.verb is None and out and last_obj and not _NAMED_AFTER_RE.match(view, f.end, d):
                f = replace(f, obj=last_obj)  # (16个设区市、120个县: 县 is its own)
            last_obj = f.obj or last_obj
            out.append(f)
    return last_obj


def _lists_facts(before: str, item: str) -> bool:
    """An item of a 、 list that goes on with the facts the list began (…下设急救分站9个、配备救护车31辆)."""
    if _PROMISE_WORD_RE.search(item) or not _is_background(before):
        return False
    verb = VERB_RE.match(strip_scaffold(item.replace("\x00", "")))
    return verb is None or _STATIVE_RE.match(verb.group()) is not None  # 配备救护车31辆 goes on, 新建分馆2个 not


def _acts_now(clause: str) -> bool:
    """A clause of a fact sentence that turns to the year's work: a verb with a time of its own (2025年完成…, 全年
    开展…) or a verb opening the clause (新建…); 安置搬迁群众4216户 after 全县共有安置点11个 still tells the facts."""
    text = clause.replace("\x00", "")
    if _YEAR_WORK_RE.search(clause):
        return _acts(text)
    text = strip_scaffold(text)
    m = VERB_RE.match(text)
    return m is not None and m.group() not in _TELLING_VERBS and not text.startswith("于", m.end())  # 建成于…: when


def _acts(clause: str) -> bool:
    """The clause has a verb of its own, not one inside a measure's name (覆盖率, 救助人数)."""
    return any(clause[m.end():m.end() + 1] not in _NOT_ACTING for m in VERB_RE.finditer(clause))


def _shifted(f: Commitment, by: int) -> Commitment:
    """``f`` with its offsets moved ``by`` characters (faster than dataclasses.replace)."""
    return Commitment(f.phrase, f.obj, f.verb, f.number, f.unit, f.operator, f.direction, f.is_change,
                      f.start + by, f.end + by, f.is_money, f.number_max, f.per_unit)


@lru_cache(maxsize=32768)
def _piece(goal: str, work: str, masked: str, view: str) -> tuple[Commitment, ...]:
    """The commitments of one clause piece, offsets within it: templated goals repeat their clauses
    (满意度达到90%以上, 资金拨付及时率100%), so a district's pieces are read once each."""
    return tuple(_from_piece(goal, work, masked, view, 0, len(goal)))


def extract_commitments(goal: str) -> list[Commitment]:
    """Every measurable promise in ``goal``, in order; never raises (bad input gives [])."""
    if not isinstance(goal, str) or not goal.strip():
        return []
    try:
        return list(_extract(goal[:MAX_GOAL_CHARS])[0])
    except Exception:  # noqa: BLE001 - a goal text must never crash a run
        return []


def fact_spans(goal: str) -> tuple[tuple[int, int], ...]:
    """Offsets of the clauses that state facts about the unit or place (全县共有安置点11个，安置搬迁群众4216户),
    not the year's work: no promise is read in them, and PC405 counts no task there. Never raises."""
    if not isinstance(goal, str) or not goal.strip():
        return ()
    try:
        return _extract(goal[:MAX_GOAL_CHARS])[1]
    except Exception:  # noqa: BLE001 - a goal text must never crash a run
        return ()
