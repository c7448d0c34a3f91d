"""PC4 relevance: what the goal text promises, the indicators must measure (seed 000 四(二)(三)).

Matching a goal commitment to an indicator uses two signals:
- the unit family (人/人次/万人, 次/场/期, 家/户/所, 元/万元/亿元, 公里/米, 亩/平方米 …), numbers
  compared after conversion to the family's base unit;
- what is counted: character-bigram containment of the commitment's object in the indicator
  name. Chinese has no spaces, and goal/indicator wordings differ by affixes (`临时救助` vs
  `实施临时救助人次`), which bigrams absorb without a segmenter's dictionary or its load time.
A figure measured under another wording (same unit family, same number) counts as measured.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache

from ..commitments import Commitment, extract_commitments, goal_tasks
from ..goal_lexicon import CHANGE_DOWN, CHANGE_UP
from ..models import Indicator, Project, Workbook
from ..units import to_base, unit_family
from . import Hit, Params, check

_NOISE = re.compile(r"[^\u4e00-\u9fffA-Za-z]+")
_UP_RE = re.compile("|".join(sorted((w for w in CHANGE_UP if w not in ("增至", "增到", "升至", "升到")), key=len,
                                    reverse=True)))
_DOWN_RE = re.compile("|".join(sorted(CHANGE_DOWN, key=len, reverse=True)))


@lru_cache(maxsize=65536)
def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of the letters in `text` (single characters when it is one long)."""
    s = _NOISE.sub("", text or "").lower()
    if len(s) < 2:
        return frozenset(s)
    return frozenset(s[i:i + 2] for i in range(len(s) - 1))


def containment(part: str, whole: str) -> float:
    """Share of `part`'s bigrams found in `whole`: 1.0 when the indicator name spells out the object."""
    a = bigrams(part)
    return len(a & bigrams(whole)) / len(a) if a else 0.0


def _ind_unit(ind: Indicator) -> str | None:
    return ind.target.unit or (ind.measure or "").strip() or None


def _base(number: float, unit: str | None) -> tuple[float, str]:
    return to_base(number, unit)


def _same_number(a: float, b: float) -> bool:
    return abs(a - b) <= max(1e-9, 0.005 * max(abs(a), abs(b)))


def _shown(c: Commitment) -> str:
    return f"{c.number:g}{c.unit or ''}" if c.number is not None else ""


class MatchParams(Params):
    similar: float = 0.6          # bigram containment at which an indicator name "names" the commitment
    skip_money: bool = True       # money figures in goals are mostly the project's own budget


def _direction_of(name: str) -> str | None:
    down, up = _DOWN_RE.search(name), _UP_RE.search(name)
    if down and not up:
        return "down"
    if up and not down:
        return "up"
    return None


def _best(c: Commitment, indicators: list[Indicator]) -> tuple[Indicator | None, float]:
    best, score = None, 0.0
    for ind in indicators:
        s = containment(c.obj or c.phrase, ind.name or "")
        if s > score:
            best, score = ind, s
    return best, score


def _stricter(c: Commitment, goal: float, ind_op: str | None, ind: float) -> bool:
    """The indicator asks at least what the goal promises (goal ≥4次, indicator ≥6次)."""
    if c.operator in (">=", ">", "=") and ind_op in (">=", ">", "=") and ind > goal:
        return True
    return c.operator in ("<=", "<") and ind_op in ("<=", "<") and ind < goal


def _judge(c: Commitment, project: Project, p: MatchParams) -> Hit | None:
    """One finding (PC401/PC402/PC403 by `kind`) for one commitment, or None when it is measured."""
    inds = [i for i in project.indicators if (i.name or "").strip()]
    if c.is_change:
        ind, score = _best(c, inds)
        if ind is None or score < p.similar:
            return None if c.number is None else Hit(project=project, field="goal", values={"kind": "unmeasured"})
        t = ind.target
        if t.kind == "qualitative":
            return Hit(project=project, indicator=ind, field="value", values={"kind": "qualitative"})
        named = _direction_of(ind.name or "")
        if named is not None and c.direction is not None and named != c.direction:
            return Hit(project=project, indicator=ind, field="name", values={"kind": "opposite"})
        return None
    if c.number is None or (c.is_money and p.skip_money):
        return None
    family = unit_family(c.unit)
    if family is None:
        return None
    goal_n, goal_u = _base(c.number, c.unit)
    same_family = [i for i in inds if i.target.kind == "quantitative" and i.target.number is not None
                   and unit_family(_ind_unit(i)) == family]
    for ind in same_family:
        n, _ = _base(ind.target.number or 0.0, _ind_unit(ind))
        if _same_number(n, goal_n):
            return None
    ind, score = _best(c, inds)
    if ind is not None and score >= p.similar:
        if ind not in same_family:
            return None  # named and measured another way (qualitative, or a rate for a count): not our call
        n, unit = _base(ind.target.number or 0.0, _ind_unit(ind))
        if _stricter(c, goal_n, ind.target.operator, n):
            return None
        return Hit(project=project, indicator=ind, field="value",
                   values={"kind": "different", "goal_figure": f"{goal_n:g}{goal_u}", "ind_figure": f"{n:g}{unit}"})
    return Hit(project=project, field="goal", values={"kind": "unmeasured"})


def _commitments(project: Project) -> list[Commitment]:
    return extract_commitments(project.goal or "") if project.goal else []


def _hits(project: Project, p: MatchParams, kind: str) -> Iterator[Hit]:
    for c in _commitments(project):
        hit = _judge(c, project, p)
        if hit is None or hit.values.pop("kind") != kind:
            continue
        hit.values.update(phrase=c.phrase, figure=_shown(c),
                          direction="下降" if c.direction == "down" else "提高")
        yield hit


_PLACES = {"phrase", "figure", "goal_figure", "ind_figure", "direction"}


@check("goal", MatchParams, placeholders=_PLACES)
def goal_figure_unmeasured(project: Project, book: Workbook, p: MatchParams) -> Iterator[Hit]:
    """A figure the goal promises that no indicator measures cannot be assessed (PC401)."""
    yield from _hits(project, p, "unmeasured")


@check("goal", MatchParams, placeholders=_PLACES)
def goal_figure_differs(project: Project, book: Workbook, p: MatchParams) -> Iterator[Hit]:
    """The indicator measures the goal's figure but asks for a different number (PC402)."""
    yield from _hits(project, p, "different")


@check("goal", MatchParams, placeholders=_PLACES | {"how"})
def goal_change_unmeasured(project: Project, book: Workbook, p: MatchParams) -> Iterator[Hit]:
    """The goal asks for a change and the indicator is qualitative or points the other way (PC403)."""
    for kind, how in (("qualitative", "定性"), ("opposite", "方向相反")):
        for hit in _hits(project, p, kind):
            hit.values["how"] = how
            yield hit


class InternalParams(Params):
    internal: str = (r"领导|负责人|党组|党委|班子|干部职工|机关干部|本单位|本局|本院|本校|本委|本部门|本中心|本所|本站"
                     r"|单位内部|内部职工|单位职工|上级|主管部门|分管|局长|主任|书记|院长|校长")


@check("indicator", InternalParams, placeholders={"who"})
def internal_satisfaction(ind: Indicator, project: Project, p: InternalParams) -> Hit | None:
    """Satisfaction of leaders or the unit itself does not measure the service (seed 000 四(三))."""
    name = ind.name or ""
    if "满意" not in name:
        return None
    m = re.search(p.internal, name)
    if m is None:
        return None
    return Hit(project=project, indicator=ind, field="name", values={"who": m.group(0)})


class TaskParams(Params):
    min_tasks: int = 3
    max_covered_share: float = 0.5
    similar: float = 0.5


@check("goal", TaskParams, placeholders={"tasks", "uncovered", "count", "covered"})
def tasks_uncovered(project: Project, book: Workbook, p: TaskParams) -> Hit | None:
    """A goal of several tasks needs indicators for more than one of them (seed 000 四(一))."""
    if not project.goal or not project.indicators:
        return None
    tasks = goal_tasks(project.goal)
    if len(tasks) < p.min_tasks:
        return None
    names = [i.name or "" for i in project.indicators]
    uncovered = [t for t in tasks if max((containment(t.key, n) for n in names), default=0.0) < p.similar]
    covered = len(tasks) - len(uncovered)
    if not uncovered or covered / len(tasks) > p.max_covered_share:
        return None
    return Hit(project=project, field="goal", values={
        "tasks": len(tasks), "count": len(uncovered), "covered": covered,
        "uncovered": "、".join(f"“{t.key}”" for t in uncovered)})


class OverlapParams(Params):
    threshold: float = 0.8        # bigram Jaccard of goal texts
    name_threshold: float = 0.9   # bigram Jaccard of names (with goals at least half alike)
    min_chars: int = 12


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _candidates(sets: list[frozenset[str]], threshold: float) -> set[tuple[int, int]]:
    """Pairs that may reach `threshold` Jaccard, by prefix filtering on rare bigrams (no all-pairs scan)."""
    freq: dict[str, int] = defaultdict(int)
    for s in sets:
        for g in s:
            freq[g] += 1
    index: dict[str, list[int]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for i, s in enumerate(sets):
        if not s:
            continue
        ordered = sorted(s, key=lambda g: (freq[g], g))
        prefix = ordered[: len(s) - int(threshold * len(s)) + 1]
        for g in prefix:
            for j in index[g]:
                pairs.add((j, i))
            index[g].append(i)
    return pairs


@check("run", OverlapParams, placeholders={"other", "other_unit", "other_file", "similarity", "basis"})
def near_duplicate_projects(books: list[Workbook], p: OverlapParams) -> Iterator[Hit]:
    """Two projects with near-identical goals may fund the same work twice (seed 000 三)."""
    projects = [(b.path, pr) for b in books for pr in b.projects if pr.kind == "project"]
    goals = [bigrams(pr.goal or "") if len(pr.goal or "") >= p.min_chars else frozenset() for _, pr in projects]
    names = [bigrams(pr.name or "") for _, pr in projects]
    reported: set[int] = set()
    parent = list(range(len(projects)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pairs = _candidates(goals, p.threshold) | _candidates(names, p.name_threshold)
    for i, j in sorted(pairs):
        (fi, a), (fj, b) = projects[i], projects[j]
        if (a.code and a.code == b.code) or (a.name == b.name and a.unit == b.unit):
            continue
        goal_sim, name_sim = _jaccard(goals[i], goals[j]), _jaccard(names[i], names[j])
        if goal_sim >= p.threshold:
            basis, sim = "年度绩效目标", goal_sim
        elif name_sim >= p.name_threshold and goal_sim >= 0.5:
            basis, sim = "项目名称", name_sim
        else:
            continue
        if root(i) == root(j) or j in reported:
            continue  # a cluster of copies is reported once per member, not once per pair
        parent[root(j)] = root(i)
        reported.add(j)
        yield Hit(project=b, field="project", file=fj, values={
            "other": a.label, "other_unit": a.unit or "", "other_file": fi.rsplit("/", 1)[-1],
            "similarity": f"{sim:.0%}", "basis": basis})

