"""What the PC4 pass (goal text against indicators) costs on a large workbook.

    python benchmarks/pc4_cost.py [--indicators 100000] [--repeat 3] [--seed 11] [--profile]
    python benchmarks/pc4_cost.py --file benchmarks/data/district_100k.xlsx   # a workbook on disk instead

Builds one workbook in memory as models (no file): about 6 indicators a project, goals and indicators
taken from the hand-labelled cases in tests/pc4_benchmark (realistic wording, figures, dates, document
numbers), each project made distinct (its own place, its figures scaled), then times
``engine.check_workbook`` with every per-file rule, with every rule but PC401–PC406, and PC401–PC405
alone (each run on fresh copies, so no cache carries over), and PC406 (``check_run``) over all
projects. Reading is not timed here: reading a 100k-row xlsx takes about 1.5 s with calamine on the
reference machine (``--read-seconds``), and PC4's share is reported against lint time with and without it.
With ``--file`` the workbook is read with perfcheck's loader instead (that read is timed too and used in
place of ``--read-seconds``). Times are CPU seconds of this process (``time.process_time``), best of
``--repeat``: other work on the machine moves wall-clock times by tens of percent, CPU time much less.
Not a test: timings depend on the machine.
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import random
import re
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from perfcheck.engine import check_run, check_workbook
from perfcheck.models import Indicator, Project, Workbook
from perfcheck.rules import Rule, load_rules
from perfcheck.values import parse_target

PLACES = ("观音桥", "华新街", "五里店", "江北城", "石马河", "大石坝", "寸滩", "郭家沱", "铁山坪", "鱼嘴", "复盛",
          "五宝", "港城", "龙溪", "人和", "礼嘉", "悦来", "蔡家", "龙兴", "双凤")
_CLAUSE_RE = re.compile(r"(?<=[，；。：])")
_CJK2 = re.compile(r"[\u4e00-\u9fff]{2}")
FILLERS = (
    ("产出指标", "时效指标", "项目按期完成率", "=100%"),
    ("成本指标", "经济成本指标", "项目总成本", "≤{amount}万元"),
    ("效益指标", "社会效益指标", "群众知晓率", "≥85%"),
    ("产出指标", "质量指标", "资金使用合规率", "=100%"),
    ("效益指标", "可持续影响指标", "长效管理机制", "健全"),
)
# figures to scale: not dates, document numbers, codes, percentages or ranges of months
_ARABIC = re.compile(r"(?<![\d.〔〕年月日号KGPM+\-~])(\d+(?:\.\d+)?)(?![\d.]*\s*(?:年|月|日|号|〕|K|G|%|‰|个百分点|[-~至]))")
CELLS = {"level1": "I", "level2": "J", "name": "K", "value": "M", "measure": "N", "core": "O"}


def templates() -> list[dict]:
    out = []
    for path in sorted((ROOT / "tests" / "pc4_benchmark").glob("*.yaml")):
        out.extend(yaml.safe_load(path.read_text(encoding="utf-8"))["cases"])
    return out


def _scaled(text: str, k: int) -> str:
    """Every Arabic figure times k (dates, document numbers and codes left alone), so a goal and its
    indicators keep agreeing or disagreeing as in the template."""
    def one(m: re.Match[str]) -> str:
        x = float(m.group(1)) * k
        return f"{x:g}" if "." in m.group(1) else str(int(x))
    return _ARABIC.sub(one, text)


def build(n_indicators: int, seed: int) -> Workbook:
    """Projects whose goal joins clauses of two to four cases, figures drawn afresh, indicators taken from
    those cases (so goals differ as real ones do, and PC406 meets realistic overlap, not 80 copies of each)."""
    rng = random.Random(seed)
    cases = templates()
    words = sorted({t[i:i + 2] for c in cases for t in (c["goal"], *(x[2] for x in c["indicators"]))
                    for i in range(len(t) - 1) if _CJK2.fullmatch(t[i:i + 2])})
    projects: list[Project] = []
    row, count, i = 3, 0, 0
    while count < n_indicators:
        picked = rng.sample(cases, rng.choice((1, 2, 2, 3, 3, 4)))
        case = picked[0]
        place = f"{rng.choice(PLACES)}{rng.randrange(1, 60)}号片区"
        clauses, specs = [], []
        for n, c in enumerate(picked):
            k = rng.choice((1, 1, 2, 3, 4, 5, 6, 8))
            own = [x.rstrip("，；") for x in _CLAUSE_RE.split(c["goal"].rstrip("。")) if x]
            take = own if n == 0 else rng.sample(own, min(len(own), rng.choice((1, 2))))
            clauses += [_scaled(x, k) for x in take]
            specs += [[*x[:3], str(x[3]) if x[4:] == ["%"] else _scaled(str(x[3]), k), *x[4:]]
                      for x in c["indicators"][: 5 if n == 0 else 1]]
        amount = float(case.get("amount") or 100) * rng.choice((1, 2, 3))
        goal = f"在{place}，" + "，".join(clauses) + "。"
        while len(specs) < 5 and rng.random() < 0.5:
            specs.append(list(rng.choice(FILLERS)))
        # a few words swapped in goal and indicator names alike: texts as varied as a district's, still
        # consistent within the project (without this every case recurs ~60 times and PC406 meets copies)
        own_words = [goal[j:j + 2] for j in range(len(goal) - 1) if _CJK2.fullmatch(goal[j:j + 2])]
        for old in rng.sample(own_words, min(len(own_words), 4)):
            new = rng.choice(words)
            goal = goal.replace(old, new)
            specs = [[x[0], x[1], x[2].replace(old, new), *x[3:]] for x in specs]
        project = Project(sheet="Sheet1", row=row, unit=case["unit"], code=f"500105-25-{i:06d}",
                          name=f"{place}{case['name']}", amount=amount, goal=goal, is_key=False, is_new=False,
                          columns={"unit": "A", "code": "B", "project": "C", "amount": "F", "goal": "H"})
        inds = []
        for j, (level1, level2, name, value, *measure) in enumerate(specs[:9]):
            value = str(value).format(amount=f"{amount:g}")
            unit = measure[0] if measure else None
            inds.append(Indicator(sheet="Sheet1", row=row + j, level1=level1, level2=level2, name=name, value=value,
                                  measure=unit, target=parse_target(value, None, unit), core=j == 0,
                                  columns=dict(CELLS)))
        project.indicators = inds
        projects.append(project)
        row += len(inds)
        count += len(inds)
        i += 1
    return Workbook(path="pc4_cost.xlsx", layout="flat", projects=projects)


def _fresh(book: Workbook) -> Workbook:
    """A copy with new model objects, so no per-project memo of a previous run is reused."""
    return book.model_copy(update={"projects": [p.model_copy(update={"indicators": list(p.indicators)})
                                                for p in book.projects]})


def _clear_caches() -> None:
    from perfcheck import commitments, goal_lexicon, goal_tasks, target_text, units, values
    from perfcheck.checks.goal_text import coverage, duplicates, figures
    for mod in (commitments, goal_lexicon, goal_tasks, coverage, duplicates, figures, target_text, units, values):
        for obj in vars(mod).values():
            if hasattr(obj, "cache_clear"):
                obj.cache_clear()


def timed(book: Workbook, rules: list[Rule], repeat: int) -> tuple[float, int]:
    best, found = float("inf"), 0
    for _ in range(repeat):
        copy = _fresh(book)
        _clear_caches()
        gc.collect()
        t0 = time.process_time()
        found = len(check_workbook(copy, rules))
        best = min(best, time.process_time() - t0)
    return best, found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--indicators", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--read-seconds", type=float, default=1.5, help="time to read the same workbook from xlsx")
    ap.add_argument("--profile", action="store_true", help="profile the PC4 pass and print the top functions")
    ap.add_argument("--file", type=Path, help="time this workbook (read with perfcheck's loader) instead")
    args = ap.parse_args()

    t0 = time.process_time()
    if args.file:
        from perfcheck.loader import load
        book = load(args.file)
        args.read_seconds = time.process_time() - t0
        what = f"read {args.file.name} in {args.read_seconds:.2f}s:"
    else:
        book = build(args.indicators, args.seed)
        what = f"built in {time.process_time() - t0:.1f}s:"
    goals = [p.goal or "" for p in book.projects]
    print(f"{what} {len(book.projects)} projects, {book.indicator_count} indicators, {len(set(goals))} distinct "
          f"goals of {sum(map(len, goals)) / max(1, len(goals)):.0f} characters on average")

    rules = [r for r in load_rules() if r.scope != "run"]
    pc4 = [r for r in rules if r.code.startswith("PC40")]
    rest = [r for r in rules if not r.code.startswith("PC40")]
    t_all, n_all = timed(book, rules, args.repeat)
    t_rest, n_rest = timed(book, rest, args.repeat)
    t_pc4, n_pc4 = timed(book, pc4, args.repeat)
    pc406 = [r for r in load_rules() if r.code == "PC406"]
    _clear_caches()
    t0 = time.process_time()
    n_406 = len(check_run([_fresh(book)], pc406))
    t_406 = time.process_time() - t0

    added = t_all - t_rest + t_406
    print(f"all per-file rules      {t_all:6.2f}s  ({n_all} findings)")
    print(f"all but PC401-PC406     {t_rest:6.2f}s  ({n_rest} findings)")
    print(f"PC401-PC405 alone       {t_pc4:6.2f}s  ({n_pc4} findings)")
    print(f"PC406 over {len(book.projects)} projects {t_406:6.2f}s  ({n_406} findings)")
    print(f"PC4 adds {added:.2f}s: {added / t_rest:.0%} of lint without PC4, "
          f"{added / (t_rest + args.read_seconds):.0%} with reading ({args.read_seconds:g}s) included")

    if args.profile:
        copy = _fresh(book)
        _clear_caches()
        prof = cProfile.Profile()
        prof.enable()
        check_workbook(copy, pc4)
        check_run([copy], pc406)
        prof.disable()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(25)
        print(out.getvalue())


if __name__ == "__main__":
    main()
