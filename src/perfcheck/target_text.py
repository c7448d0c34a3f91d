"""The grammar of a written target (`≥95%`, `不少于3次`, `达到90%以上`, `两次`, `按时完成`).

Kept apart from ``values`` (which deals with cells, caching and the ``Target`` model)
so goal-text extraction can reuse the number finder, the operator words and the
unit patterns. Nothing here raises on text; ``values.parse_target`` adds a last guard.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .numerals import ARABIC, CN_NUMERAL_CHARS, CN_START_CHARS, _arabic, cn_to_number, nfkc, parse_number

# ---------------------------------------------------------------- operators
SYMBOL_OPS: dict[str, str] = {
    ">=": ">=", "=>": ">=", "≥": ">=", "≧": ">=", "⩾": ">=", "<=": "<=", "=<": "<=", "≤": "<=",
    "≦": "<=", "⩽": "<=", ">": ">", "<": "<", "=": "=",
}
_SYM_CHARS = "><=≥≤≧≦⩾⩽"
# explicit comparison words (also accepted in an operator column)
WORD_OPS: dict[str, str] = {
    "大于或等于": ">=", "大于等于": ">=", "不少于": ">=", "不低于": ">=", "不小于": ">=", "至少": ">=",
    "最少": ">=", "最低": ">=", "不得少于": ">=", "不得低于": ">=", "不应低于": ">=", "不应少于": ">=",
    "高于或等于": ">=", "多于或等于": ">=",
    "小于或等于": "<=", "小于等于": "<=", "不超过": "<=", "不高于": "<=", "不大于": "<=", "不多于": "<=",
    "不得超过": "<=", "不得高于": "<=", "不应超过": "<=", "最多": "<=", "最高": "<=", "控制在": "<=",
    "低于或等于": "<=", "少于或等于": "<=",
    "大于": ">", "高于": ">", "超过": ">", "多于": ">", "超出": ">",
    "小于": "<", "低于": "<", "少于": "<",
    "达到": "=", "等于": "=", "完成": "=", "达": "=",
}
# words that state a figure without comparing: read as '=' but not explicit (PC307)
_SOFT_WORDS = ("共计", "合计", "累计", "约", "为", "共", "计")
_PREFIX_WORDS = sorted([*WORD_OPS, *_SOFT_WORDS], key=len, reverse=True)
_PREFIX_WORD_END_RE = re.compile(f"(?:{'|'.join(_PREFIX_WORDS)})$")
_WORD_OP_START_RE = re.compile(f"(?:{'|'.join(w for w in _PREFIX_WORDS if w in WORD_OPS)})")
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("及以上", ">="), ("或以上", ">="), ("以上", ">="), ("及以下", "<="), ("或以下", "<="), ("以下", "<="),
    ("以内", "<="), ("之内", "<="), ("内", "<="), ("左右", "~"), ("上下", "~"),
)
_SUFFIX_RE = re.compile("|".join(w for w, _ in _SUFFIXES))
_SUFFIX_MAP = dict(_SUFFIXES)

# ---------------------------------------------------------------- units
KNOWN_UNITS = sorted("""人次 万人次 万人 人 次 个 家 户 场 场次 期 批 批次 轮 届 回 趟 所 座 处 项 件 台 套 辆 艘 架
村 校 间 栋 幢 条 本 册 份 篇 部 支 队 张 块 片 株 棵 头 只 例 床 宗 门 种 类 名 位 天 日 周 个月 月 年
小时 个小时 分钟 秒 工作日 个工作日 课时 学时 元 千元 万元 亿元 米 公里 千米 延米 平方米 平方公里 亩 公顷 吨
千克 公斤 克 % ‰ 百分点 个百分点 分 倍 期次 人天 人日 千瓦 千瓦时 度 立方米 万立方米 GB TB Mbps km m
户次 件次 辆次 架次 册次 课次 节 首 幅 集 部 微克/立方米 毫克/升 分贝 标准亩 公顷次 亩次 剂次 剂 人份 家次 车次
班次 艘次 页 美元""".split(),
                     key=len, reverse=True)
_UNIT_ALT = "|".join(re.escape(u) for u in KNOWN_UNITS)
KNOWN_UNIT_RE = re.compile(rf"(?:{_UNIT_ALT})(?:/(?:{_UNIT_ALT}|[\u4e00-\u9fff]{{1,3}}))?")
_GENERIC_UNIT_RE = re.compile(r"[A-Za-z\u4e00-\u9fff%‰°℃·/²³]+")
# measure words that make a Chinese numeral a count (一次, 两场); 月/级/部/成 are left out
# (一月 is January, 一级指标 a level, 一部分 a share)
_TENTHS_AFTER_RE = re.compile(r"以上|以下|左右|以内|$|[，。；,;、]")
PERCENT_WORD = "百分之"  # 百分之九十八: the unit written before the number


def tenths_at(s: str, pos: int) -> bool:
    """九成以上, 9成: a share in tenths (成) at ``pos``, not 成为/成本/成立."""
    return s.startswith("成", pos) and _TENTHS_AFTER_RE.match(s, pos + 1) is not None
_CN_MEASURE_RE = re.compile(
    r"(?:人次|万元|亿元|千元|个工作日|个小时|个月|工作日|小时|分钟|课时|学时|场次|批次|平方米|平方公里|公里|千米|公顷"
    r"|[人次个家户场期所项件名位座台套本册篇条份批轮天日周年元米亩吨辆处张间栋例门节届类支队村镇校班倍趟回首幅株棵头只床种%])"
    r"(?![性化龙事样半批])")
_CN_BLOCK_PREV = set("第统唯专初逐周某之单同划合归不整任万星“‘「《\"'")

# ---------------------------------------------------------------- numbers
_ARABIC_SCALED_RE = re.compile(rf"({ARABIC})((?:万(?!元)|亿(?!元)|千(?![米克瓦卡焦帕伏赫字元]))*)")
_CN_RUN_RE = re.compile(f"[{CN_START_CHARS}][{CN_NUMERAL_CHARS}]*")
_CN_ANY_RE = re.compile(f"[{CN_START_CHARS}]")
_SCALE = {"万": 1e4, "亿": 1e8, "千": 1e3}


@dataclass
class NumberMatch:
    """A number found in text: where it is and its value after scale words."""

    start: int
    end: int
    value: float
    chinese: bool = False


def _scaled(m: re.Match[str]) -> NumberMatch | None:
    base = _arabic(m.group(1))
    if base is None:
        return None
    for ch in m.group(2):
        base *= _SCALE[ch]
    return NumberMatch(m.start(), m.end(), base)


def _cn_match(s: str, m: re.Match[str], after_op: bool) -> NumberMatch | None:
    """A Chinese numeral run counts only before a measure word (一次, 两场) or right after an operator."""
    start, run = m.start(), m.group()
    if start and s[start - 1] in _CN_BLOCK_PREV:
        return None
    nxt = s[m.end():]
    if len(run) > 1 and run[-1] in "万亿" and nxt.startswith("元"):
        run = run[:-1]
    elif len(run) > 1 and run[-1] == "千" and nxt[:1] in ("米", "克", "瓦", "元"):
        run = run[:-1]
    end = start + len(run)
    rest = s[end:]
    mm = _CN_MEASURE_RE.match(rest)
    if mm:
        if rest[mm.end():mm.end() + 1] == "一":  # 一村一品, 一户一档: slogans, not counts
            return None
    elif not (after_op and (not rest or not ("\u4e00" <= rest[0] <= "\u9fff"))):
        return None
    value = cn_to_number(run)
    return None if value is None else NumberMatch(start, end, value, True)


def range_upper(tail: str) -> tuple[float | None, re.Match[str] | None]:
    """The upper bound of a range that opens ``tail`` (``-5万次`` after 3 → 50000) and its match; (None, None)
    when there is none."""
    rm = _RANGE_RE.match(tail)
    hi = _arabic(rm.group(2)) if rm is not None else None
    if rm is None or hi is None:
        return None, None
    for ch in rm.group(3):
        hi *= _SCALE[ch]
    return hi, rm


def find_numbers(s: str, start: int = 0) -> list[NumberMatch]:
    """Every Arabic (with 万/亿 scale) and counted Chinese number in ``s``, in order."""
    found: list[NumberMatch] = []
    for m in _ARABIC_SCALED_RE.finditer(s, start):
        nm = _scaled(m)
        if nm:
            found.append(nm)
    if not _CN_ANY_RE.search(s, start):
        return found
    for m in _CN_RUN_RE.finditer(s, start):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        before = s[max(0, m.start() - 5):m.start()]
        if before.endswith(PERCENT_WORD) or tenths_at(s, m.end()):
            value = cn_to_number(m.group())  # 百分之九十八, 九成以上: a share written out
            if value is not None:
                found.append(NumberMatch(m.start(), m.end(), value, True))
            continue
        after_op = bool(before) and (before[-1] in _SYM_CHARS or any(before.endswith(w) for w in WORD_OPS))
        nm = _cn_match(s, m, after_op)
        if nm:
            found.append(nm)
    found.sort(key=lambda n: n.start)
    return found


# ---------------------------------------------------------------- placeholders, dates
_PLACEHOLDER_RE = re.compile(
    r"[xX×]{2,}|[*＊]{2,}|待定|待填|待补充|待确定|待核定|待明确|某某|[?？]+|_{2,}|请填写|请输入"
    rf"|^[{_SYM_CHARS}]*\s*[*＊]\s*\S{{0,4}}$|^[{_SYM_CHARS}]+\s*[xX×]\s*\S{{0,4}}$|^[xX×]\s*%$")
_DUMMIES = frozenset({"/", "／", "-", "—", "——", "--", "无", "不涉及", "不适用", "暂无", "N/A", "n/a", "NA", "null"})


def is_placeholder(text: object) -> bool:
    """True for template text left unfilled: XX, **, ≥**%, ≥X%, 待定, ？ (PC206)."""
    if text.__class__ is not str:
        if not isinstance(text, str):
            return False
        text = str(text)
    return _is_placeholder(text)  # type: ignore[arg-type]


@lru_cache(maxsize=65536)
def _is_placeholder(text: str) -> bool:
    """Memoised: PC205/PC206 ask about every name and value, and values repeat."""
    text = text.strip()
    return bool(text) and _PLACEHOLDER_RE.search(nfkc(text)) is not None


def is_dummy(text: object) -> bool:
    """True for a dummy cell that says 'nothing here' (/, 无, 不涉及): PC206 flags it when weighted."""
    return isinstance(text, str) and nfkc(text.strip()) in _DUMMIES


DATE_RE = re.compile(
    r"(?:19|20)\d{2}[-/.]\d{1,2}(?:[-/.]\d{1,2})?(?!\d)"
    r"|(?:(?:19|20)\d{2}|[二][〇零○][一二三四五六七八九〇零○]{2})年度?(?:\d{1,2}月份?(?:\d{1,2}[日号])?)?"
    r"|\d{1,2}[-~至到]\d{1,2}月份?"
    r"|(?<![\d.个])\d{1,2}月份?(?:\d{1,2}[日号])?(?![\d])"
    r"|(?<=每月|次月|当月|本月|下月)\d{1,2}[日号]"
    r"|(?<!个)(?:十[一二]|[一二三四五六七八九十])月份?(?:[底末初]|中旬|上旬|下旬)?")
_DATE_HINT_RE = re.compile(r"[年月]|\d[-/.]\d")
_DEADLINE_ONLY_RE = re.compile(r"(?:截至|截止|之前|以前|前|底|末|初|中旬|上旬|下旬|完成|完工|办结|止|以内|年内|内|当年"
                               r"|全年|按时|按期|的|及|[,.。、;]|日|号)*")
_PAREN_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】")
_QUAL_PREFIX_RE = re.compile(r"^定性(?:指标|描述)?[:：]?")
_QUANT_PREFIX_RE = re.compile(r"^定量(?:指标)?[:：]?")
_PCT_WORD_RE = re.compile(f"百分之([{CN_NUMERAL_CHARS}点]+|{ARABIC})")
_RANGE_RE = re.compile(rf"^(%|‰)?(?:-|~|—|－|–|至|到)+({ARABIC})((?:万(?!元)|亿(?!元))*)")
_SPACE_RE = re.compile(r"[\s\u3000]+")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def has_cjk(text: str) -> bool:
    return _CJK_RE.search(text) is not None


def is_symbol_op(text: str) -> bool:
    return nfkc(text) in SYMBOL_OPS


@dataclass
class Parsed:
    """What one value text says; ``values`` turns it into a ``Target``."""

    kind: str = "invalid"
    number: float | None = None
    number_max: float | None = None
    operator: str | None = None   # None: the text states no comparison (caller decides)
    explicit: bool = False
    unit: str | None = None
    text: str | None = None
    error: str | None = None
    placeholder: bool = False
    is_date: bool = False


def _invalid(reason: str, text: str, **kw: object) -> Parsed:
    return Parsed(kind="invalid", error=reason, text=text, **kw)  # type: ignore[arg-type]


def _prefix_op(prefix: str) -> tuple[str | None, bool, bool]:
    """(operator, explicit, malformed) from the text before the number."""
    p = prefix.rstrip(":")
    for length in (2, 1):
        tail = p[-length:] if len(p) >= length else ""
        if tail in SYMBOL_OPS and (length == 2 or not p[:-1].endswith(tuple(_SYM_CHARS))):
            rest = p[:-length]
            return SYMBOL_OPS[tail], True, any(c in _SYM_CHARS for c in rest)
    if any(c in _SYM_CHARS for c in p):
        return None, False, True
    wm = _PREFIX_WORD_END_RE.search(p)
    if wm:
        w = wm.group()
        return (WORD_OPS[w], True, False) if w in WORD_OPS else ("=", False, False)
    return None, False, False


def _unit_and_suffix(tail: str) -> tuple[str | None, str | None, str]:
    """(unit, suffix operator, leftover) from the text after the number."""
    unit: str | None = None
    rest = tail
    m = KNOWN_UNIT_RE.match(tail)
    if m:
        unit, rest = m.group(), tail[m.end():]
    else:
        g = _GENERIC_UNIT_RE.match(tail)
        if g:
            word = g.group()
            cut = len(word)
            for sm in _SUFFIX_RE.finditer(word):
                if sm.group() != "内" or sm.end() == len(word):
                    cut = sm.start()
                    break
            unit, rest = word[:cut] or None, tail[cut:]
    sop = None
    sm = _SUFFIX_RE.match(rest)
    if sm and (sm.group() != "内" or not rest[1:2] or rest[1:2] in "办完到处答,。"):
        sop, rest = _SUFFIX_MAP[sm.group()], rest[sm.end():]
    return unit, sop, rest


def _no_number(s: str, shown: str) -> Parsed:
    """Text without a number: qualitative, unless an operator or a bare unit shows a number is missing."""
    if s[0] in _SYM_CHARS:
        return _invalid("比较符后缺少数值", shown)
    wm = _WORD_OP_START_RE.match(s)
    rest = s[wm.end():] if wm else s
    if not rest or KNOWN_UNIT_RE.fullmatch(rest):
        return _invalid("缺少数值", shown)
    return Parsed(kind="qualitative", text=shown)


def compact(text: str) -> str:
    """NFKC and no whitespace: the form every pattern here expects."""
    return _SPACE_RE.sub("", nfkc(text))


_FAST_RE = re.compile(
    r"(?P<w>大于等于|小于等于|不少于|不低于|不超过|不高于|至少|达到|等于)?(?P<s>>=|<=|≥|≤|>|<|=)?(?P<n>\d+(?:\.\d+)?)"
    r"(?P<u>%|人次|人|次|个|家|户|场|天|小时|分钟|元|万元|亿元|项|件|名|所|分|期|座|台|套|辆|本|册|篇|条|份|批"
    r"|个工作日|工作日|个月)?(?P<x>及以上|以上|以下|以内)?")


def parse_text(text: str) -> Parsed:
    """Read an all-in-one 指标值 text into operator, number, unit (or qualitative text)."""
    shown = text.strip()
    fm = _FAST_RE.fullmatch(shown)
    if fm:  # the common shapes (≥95%, 2次, 不少于3次, 90%以上) need none of the slow steps below
        sym, word, suffix = fm.group("s"), fm.group("w"), fm.group("x")
        op = SYMBOL_OPS[sym] if sym else WORD_OPS.get(word) if word else None
        if suffix and op in (None, "="):
            op = _SUFFIX_MAP[suffix]
        return Parsed(kind="quantitative", number=float(fm.group("n")), operator=op, explicit=op is not None,
                      unit=fm.group("u"))
    s = compact(text)
    if not s:
        return Parsed(kind="empty")
    if is_placeholder(s):
        return _invalid("指标值为未填写的占位符", shown, placeholder=True)
    m = _QUAL_PREFIX_RE.match(s)
    if m:
        return Parsed(kind="qualitative", text=s[m.end():] or shown)
    s = _QUANT_PREFIX_RE.sub("", s)
    if "百分之" in s:
        s = _PCT_WORD_RE.sub(lambda pm: f"{parse_number(pm.group(1))}%" if parse_number(pm.group(1)) is not None
                             else pm.group(), s)
    stripped = _PAREN_RE.sub("", s)
    s = stripped or s
    if not s:
        return Parsed(kind="empty")
    if _DATE_HINT_RE.search(s) and DATE_RE.search(s):
        rest = DATE_RE.sub("", s)
        if not find_numbers(rest):
            if _DEADLINE_ONLY_RE.fullmatch(rest):
                return _invalid("指标值为日期，应填写数值", shown, is_date=True)
            return Parsed(kind="qualitative", text=shown)
        s = rest
    nums = find_numbers(s)
    if not nums:
        return _no_number(s, shown)
    num = nums[0]
    prefix, tail = s[:num.start], s[num.end:]
    value = num.value
    if prefix.endswith(("-", "−")) and (len(prefix) == 1 or prefix[-2] in _SYM_CHARS):
        prefix, value = prefix[:-1], -value
    op, explicit, bad = _prefix_op(prefix)
    if bad:
        return _invalid("比较符有误", shown)
    upper, rm = range_upper(tail)
    if rm is not None:
        tail = (rm.group(1) or "") + tail[rm.end():]
    unit, sop, leftover = _unit_and_suffix(tail)
    if any(c.isdigit() for c in leftover) or any(c in _SYM_CHARS for c in leftover):
        return _invalid("指标值无法解析", shown)
    if unit and any(c.isdigit() for c in unit):
        return _invalid("指标值无法解析", shown)
    if sop == "~":
        op, explicit = (op, explicit) if op else ("=", False)
    elif sop:
        if op is None or op == "=":
            op, explicit = sop, True
    if upper is not None and (op is None or op == "="):
        if upper < value:
            value, upper = upper, value
        op, explicit = ">=", True
    return Parsed(kind="quantitative", number=value, number_max=upper, operator=op, explicit=explicit,
                  unit=unit)
