"""Split a multi-part goal into its tasks, each with a short key phrase to match indicator names (PC405).

A goal such as `每年除对全局干警脱产轮训15天外，还需对新进干警进行岗前培训、对在职民警进行对口专业培训和晋职晋衔等培训`
lists four tasks; an indicator table with one 培训人次 indicator measures one of them.
Tasks are split at ，；。 and at 还需/同时/并/以及; at 、/和/及 only when the next part
starts a new action (对…进行, a verb) or both parts end in the same head word
(专业培训和晋职晋衔等培训), so that noun lists (中央、市委; 素养和能力) stay whole.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .goal_lexicon import (
    CHANGE_END_RE,
    LIGHT_VERBS,
    MAX_GOAL_CHARS,
    VAGUE_VERBS,
    VERB_RE,
    prepare,
    strip_scaffold,
)
from .target_text import _SUFFIX_RE, KNOWN_UNIT_RE, find_numbers

__all__ = ["GoalTask", "goal_tasks", "split_tasks"]


@dataclass(frozen=True, slots=True)
class GoalTask:
    """One task of a goal: the clause as written and a short key for matching indicator names."""

    clause: str   # as it stands in the goal
    key: str      # e.g. 岗前培训, 脱产轮训, 召开监测工作推进会
    start: int    # offsets of ``clause`` in the goal
    end: int


_CLAUSE_RE = re.compile(r"[，,；;。！!？?\n\r：:]")
_CANDIDATE_RE = re.compile(r"还需|还要|同时|并且|以及|另外|此外|并|、|和|及|与")
_ALWAYS = frozenset({"还需", "还要", "同时", "并且", "以及", "另外", "此外"})
_NO_SPLIT_AFTER = {"并": "不列", "及": "时早", "与": ""}
_ACTION_START_RE = re.compile(rf"(?:对|为|向|在|{VERB_RE.pattern})")
_TARGET_RE = re.compile(
    r"^(?:对|为|向|针对|面向)(?:[^，。；进开实组做抓]{0,12}?)(?:进行|开展|实施|组织|做好|抓好)")
_PEOPLE_RE = re.compile(
    r"^(?:对|向|针对|面向)[^，。；]{0,10}?(?:干警|民警|警察|辅警|教师|老师|学生|幼儿|儿童|青少年|群众|居民|村民|农户|"
    r"农民|企业|单位|人员|干部|职工|员工|老年人|老人|患者|家庭|残疾人|社区|学校|医院|机构|商户|对象)")
_MODIFIERS = ("对口", "相关", "有关", "各类", "各项", "各种", "必要的", "定期", "常态化", "广泛", "全部", "完成", "为",
              "全区", "全市", "全县", *LIGHT_VERBS, *VAGUE_VERBS)
_TRAILING = ("的要求", "要求", "以外", "以内", "以上", "以下", "外", "等", "的", "/", "-", "~")
_MODIFIER_RE = re.compile("|".join(sorted(map(re.escape, _MODIFIERS), key=len, reverse=True)))
_TRAILING_RE = re.compile("(?:" + "|".join(sorted(map(re.escape, _TRAILING), key=len, reverse=True)) + ")$")
_QUOTES_RE = re.compile(r"[“”\"「」‘’'《》]")
_OPS_BEFORE_RE = re.compile(
    r"(?:不少于|不低于|不超过|不高于|至少|达到|保持在|稳定在|维持在|控制在|保持|稳定|维持|低于|高于|小于|大于|超过|少于|多于"
    r"|累计|共计|共|约|达|为|≥|≤|>=|<=|>|<|=)$")
_BASIS_RE = re.compile(r"[\s\x00]*(?:根据|按照|依据|依照|遵照|贯彻落实|经)")
# keys that name no task of their own (a money clause, a bare deadline, 加强管理)
GENERIC_KEYS = frozenset({"完成", "运行", "管理", "规划", "工作", "实施", "建设", "落实", "保障", "服务", "发展",
                          "要求", "资金", "项目资金", "经费", "专项资金", "预算", "资金保障", "项目", "任务", "目标"})
_MAX_TASK_CHARS = 120
_ANY_NUMERAL_RE = re.compile(r"[\d零〇一二两三四五六七八九十百千万亿]")
_MORE_DIGITS_RE = re.compile(r"[\d.]+[万亿]?")
_DENG_RE = re.compile(r"(?<=[\u4e00-\u9fff])等(?=[\u4e00-\u9fff])(?![级于待同])")


def _head(text: str) -> str:
    return text.replace("等", "").rstrip("的")[-2:]


_LIST_END_RE = re.compile(r"和|及|与")
_LIST_VERB_RE = re.compile("|".join((*LIGHT_VERBS, VERB_RE.pattern)))  # 做好A、B和C
_KIND_END_RE = re.compile(r"[类型级种等]$")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_UMBRELLA_RE = re.compile(r"(?:专项整治|集中整治|综合整治|专项治理|专项行动|整治|治理|排查|检查|清理)$")
_LIST_ITEM_CHARS = 4  # items this long are activities (理论宣讲、移风易俗、文明家庭评选), shorter ones kinds (助餐、助浴)


def _activity_list(text: str, a: int, b: int, cands: list[re.Match[str]]) -> set[int]:
    """Where a verb's 、 list of three or more activities splits (开展理论宣讲、移风易俗、文明家庭评选和志愿服务):
    each activity is a task of its own; a list of kinds (艺术、体育、科技类社团) or places (学校、医院) is not."""
    marks = [m for m in cands if m.group() == "、"]
    if not marks:
        return set()
    verb = _LIST_VERB_RE.search(text, a, marks[0].start())
    if verb is None:
        return set()
    cuts = [m.start() for m in marks]
    last = _LIST_END_RE.search(text, marks[-1].end(), b)
    if last is not None:
        cuts.append(last.start())
    if len(cuts) < 2:
        return set()  # two items (学校、医院): too few to call a list of tasks
    starts = [verb.end(), *(c + 1 for c in cuts)]
    ends = [*cuts, b]
    if "等" in text[starts[-1]:b]:
        return set()  # 基本医疗、健康咨询、慢病随访等服务: examples of one service
    umbrella = _UMBRELLA_RE.search(text, starts[-1], b)
    if umbrella is not None and umbrella.start() - starts[-1] <= max(e - s for s, e in zip(starts, ends[:-1])):
        return set()  # 开展占道经营、店外经营、乱堆乱放专项整治: kinds of one campaign
    for s, e in zip(starts, ends):
        item = text[s:e]
        if len(_CJK_RE.findall(item)) < _LIST_ITEM_CHARS or _KIND_END_RE.search(item) or any(ch.isdigit() for ch in item):
            return set()
    return set(cuts)


def _split_clause(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split one clause text[a:b] into task pieces."""
    cands = list(_CANDIDATE_RE.finditer(text, a, b))
    listed = _activity_list(text, a, b, cands)
    cuts: list[tuple[int, int]] = []  # (cut start, cut end) separators to drop
    for i, m in enumerate(cands):
        w, pos, nxt = m.group(), m.start(), m.end()
        if pos == a:
            continue
        if pos in listed:
            cuts.append((pos, nxt))
            continue
        follow = text[nxt:nxt + 1]
        if w in _ALWAYS:
            cuts.append((pos, nxt))
            continue
        if w in _NO_SPLIT_AFTER and follow and follow in _NO_SPLIT_AFTER[w]:
            continue
        starts_action = bool(_ACTION_START_RE.match(text, nxt))
        if w == "并":
            if starts_action and text[pos - 1] not in "合兼吞归":
                cuts.append((pos, nxt))
            continue
        right_end = cands[i + 1].start() if i + 1 < len(cands) else b
        left_start = cuts[-1][1] if cuts else a
        same_head = _head(text[left_start:pos]) == _head(text[nxt:right_end]) != ""
        if starts_action or (w != "、" and same_head and len(_head(text[nxt:right_end])) == 2):
            cuts.append((pos, nxt))
    pieces, pos = [], a
    for s, e in cuts:
        if s > pos:
            pieces.append((pos, s))
        pos = e
    if pos < b:
        pieces.append((pos, b))
    return pieces


def _strip_numbers(s: str, masked: str) -> str:
    """Drop figures with their units and operators: 脱产轮训15天外 → 脱产轮训外 (codes like PM2.5 stay)."""
    if not _ANY_NUMERAL_RE.search(masked):
        return s
    pieces, pos = [], 0
    for n in find_numbers(masked):
        if n.start < pos or masked.startswith(("岁", "周岁"), n.end):
            continue  # inside the previous figure, or an age (65岁以上老年人 names who the task is for)
        end = n.end
        while end < len(s) and s[end] in "/-~—":
            end += 1
        if end > n.end and (nm := _MORE_DIGITS_RE.match(s, end)):
            end = nm.end()  # 3-5次, 10/10万
        if um := KNOWN_UNIT_RE.match(s, end):
            end = um.end()
            if sm := _SUFFIX_RE.match(s, end):
                end = sm.end()
        start = n.start
        if om := _OPS_BEFORE_RE.search(s, max(pos, start - 6), start):
            start = om.start()
        pieces.append(s[pos:start])
        pos = end
    pieces.append(s[pos:])
    return "".join(pieces)


@lru_cache(maxsize=32768)  # templated goals repeat their clauses
def task_key(text: str, masked: str | None = None) -> str:
    """A short key for one task: scaffolding, addressees, figures and modifiers removed.

    ``masked`` is ``text`` with dates and codes hidden (same length), so PM2.5 keeps its 2.5.
    """
    text = text[:_MAX_TASK_CHARS]  # a longer 'task' is prose; its key would match nothing anyway
    masked = masked[:_MAX_TASK_CHARS] if masked is not None else None
    s = _strip_numbers(text, masked if masked is not None and len(masked) == len(text) else text)
    s = strip_scaffold(s.replace("\x00", ""))
    m = _TARGET_RE.match(s) or _PEOPLE_RE.match(s)
    if m and m.end() < len(s):
        s = s[m.end():]
    s = _QUOTES_RE.sub("", _DENG_RE.sub("", s))
    changed = True
    while changed:
        changed = False
        s = strip_scaffold(s)
        while s.startswith(_MODIFIERS) and (m := _MODIFIER_RE.match(s)) and len(s) > m.end() + 1:
            s, changed = s[m.end():], True
        while s.endswith(_TRAILING) and (m := _TRAILING_RE.search(s)) and m.start() > 1:
            s, changed = s[:m.start()], True
        for rx in (_OPS_BEFORE_RE, CHANGE_END_RE):  # 森林覆盖率保持在 / 发病率较上年下降
            m = rx.search(s)
            if m and 1 < m.start() < len(s):
                s, changed = s[:m.start()], True
    return s.strip()


@lru_cache(maxsize=2048)
def _tasks(goal: str) -> tuple[GoalTask, ...]:
    _, masked, view = prepare(goal)
    out: list[GoalTask] = []
    seen: set[str] = set()
    pos = 0
    bounds = [(m.start(), m.end()) for m in _CLAUSE_RE.finditer(masked)] + [(len(masked), len(masked))]
    for sep_start, sep_end in bounds:
        if sep_start > pos:
            for a, b in _split_clause(masked, pos, sep_start):
                if _BASIS_RE.match(view, a):
                    continue  # 根据…文件: where the task comes from, not a task
                key = task_key(view[a:b], masked[a:b])
                if len(key) < 2 or key in seen or key in GENERIC_KEYS:
                    continue
                seen.add(key)
                while a < b and masked[a] in " \t\u3000\x00":
                    a += 1
                out.append(GoalTask(clause=goal[a:b].strip(), key=key, start=a, end=b))
        pos = sep_end
    return tuple(out)


def goal_tasks(goal: str) -> list[GoalTask]:
    """The distinct tasks of a goal, in order; never raises."""
    if not isinstance(goal, str) or not goal.strip():
        return []
    try:
        return list(_tasks(goal[:MAX_GOAL_CHARS]))
    except Exception:  # noqa: BLE001 - a goal text must never crash a run
        return []


def split_tasks(goal: str) -> list[str]:
    """Key phrases of the goal's tasks: 脱产轮训 / 岗前培训 / 专业培训 / 晋职晋衔培训."""
    return [t.key for t in goal_tasks(goal)]
