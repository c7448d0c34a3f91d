"""PC406: near-identical projects across the units of one run (names or goals), reported once per pair."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache

from ... import forked
from ...goal_lexicon import VERB_RE
from ...models import Workbook
from ...similarity import alike_pairs, jaccard
from .. import Hit, Params, check
from .figures import bigrams

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
