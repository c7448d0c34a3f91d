"""PC405: a goal of several tasks whose indicators measure only one or a few of them (seed 000 四(一)).

A task is covered when an indicator measures or names a figure in it (the verdicts PC401–PC403 reach), or shares
its wording; clauses that state no task (a header, the project restated, a basis, an aim, facts, the money) are
not counted.
"""
from __future__ import annotations

import re
from collections import Counter

from ...commitments import fact_spans, goal_tasks
from ...goal_lexicon import (
    BACKGROUND_RE,
    BRACKETED_RE,
    LIGHT_VERBS,
    MAX_GOAL_CHARS,
    THEME_RE,
    VAGUE_AIM_RE,
    VERB_RE,
    means_end,
    prepare,
    strip_scaffold,
)
from ...goal_tasks import GoalTask
from ...models import Project, Workbook
from .. import Hit, Params, check
from .figures import MatchParams, bigrams, containment, judged


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
_REACH_ONLY_RE = re.compile(r"^(?:重点|主要)?(?:覆盖|惠及|面向|服务于|辐射)[^\d，。；]*$")  # 覆盖全区…人员: who, not what
# clauses that carry no task of their own: a focus (围绕重点产业用工需求), an aim (让居民出门见绿), a part of the task
# before (其中取得证书的…), the people a scheme is for (对…的参保企业), the scheme's terms (按…比例返还)
_FOCUS_RE = re.compile(r"^(?:围绕|聚焦|对标|紧扣|立足)")
_AIM_START_RE = re.compile(r"^(?:让|使|为了|以便)")
_PART_RE = re.compile(r"^其中")
_WHOM_RE = re.compile(r"^(?:对|向|针对|面向)")
_TERMS_RE = re.compile(r"^[^，。；按]{0,8}按(?:照)?[^，。；]*(?:比例|标准|倍)")  # (村干部基本报酬)按…的2倍落实
_STATE_END_RE = re.compile(r"(?:到位|有序|有力|顺畅|平稳|正常)$")  # 班子运转有序、服务群众到位: a state to keep
_LIGHT_RE = re.compile("|".join(LIGHT_VERBS))
_PURPOSE_VERB_RE = re.compile(rf"^为(?:了)?(?:进一步|集中|全面|深刻|更好地?)?(?:{VERB_RE.pattern}|展示|提升|提高|推动|促进|加强|满足"
                              r"|保障|确保|吸取)")
_FIGURE_RE = re.compile(r"(?<![（(\d])\d+(?![）)\d])")  # not the numbering of a list item: （1）
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
    clause = BRACKETED_RE.sub("", strip_scaffold(t.clause))
    if _BASIS_TASK_RE.match(clause) or _PURPOSE_RE.match(clause) or _is_aim(clause, t.key) or _is_aim(t.clause, t.key):
        return True  # (确保… is scaffolding to strip_scaffold, an aim here)
    if _STATE_END_RE.search(clause):
        return True
    if _AIM_START_RE.match(clause) or _PART_RE.match(t.clause) or _TERMS_RE.match(clause) or THEME_RE.fullmatch(clause):
        return True
    if _WHOM_RE.match(clause) and not VERB_RE.search(clause) or _FOCUS_RE.match(clause) and not _LIGHT_RE.search(clause):
        return True  # 对…的参保企业; 围绕文明典范城市创建 (a focus, though 创建 is a verb; 围绕…开展… is a task)
    if _PURPOSE_VERB_RE.match(clause):
        return True  # 为集中展示我区建设成效: what the work is for
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
    verdicts, inds = judged(project, book, _TASK_MATCH)
    masked = prepare(project.goal[:MAX_GOAL_CHARS])[1]
    told = fact_spans(project.goal)
    # a satisfaction indicator covers no task (义诊活动群众满意度 does not count 义诊活动)
    names = [(f.grams, f.core_grams, f.name) for f in inds if not f.satisfaction]
    counted, uncovered = 0, list[GoalTask]()
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
        if not inside and (_FIGURE_RE.search(masked, t.start, t.end) or any(a <= t.start < b for a, b in told)):
            continue  # 年门急诊量约52万人次, 老旧小区占比较高: facts, not tasks
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
