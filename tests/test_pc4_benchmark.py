"""PC4 benchmark: the shipped PC401–PC405 rules over hand-labelled goal tables (tests/pc4_benchmark/*.yaml).

Each case is one project; its labels say which findings a reviewer expects (for PC401–PC403 the goal
phrase the finding must quote, for PC404 the indicator). A finding that matches no label is a false
alarm, a label no finding matches is a miss; both count the same. ``pytest -s`` prints the table.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from casebook import make_book

from perfcheck.engine import check_workbook
from perfcheck.models import Finding
from perfcheck.rules import Rule, load_rules

BENCH_DIR = Path(__file__).parent / "pc4_benchmark"
CODES = ("PC401", "PC402", "PC403", "PC404", "PC405")
PHRASE_CODES = ("PC401", "PC402", "PC403")

# floors: what the checks achieve now (raise them when the checks improve, never lower them to pass).
# On cases written after the checks were tuned (a second held-out batch, since merged in) they scored
# precision 1.00 / recall 0.92; twenty-eight blind batches written without seeing the checks (blind_2026_12_0*.yaml)
# scored 0.62 / 0.81, 0.84 / 0.91, 0.83 / 0.92, 0.75 / 0.90, 0.71 / 0.83, 0.88 / 1.00, 0.76 / 0.80, 0.73 / 0.76,
# 0.86 / 0.86, 0.92 / 0.96, 0.62 / 0.84 (grassroots units), 0.48 / 0.85 (institutions describing themselves),
# 0.58 / 0.83 (a county's table), 0.50 / 0.95 (a city's policy programmes), 0.49 / 0.83 (a western county),
# 1.00 / 0.95 (a coastal district in many styles), 0.33 / 0.76 (a district's institutions), 0.51 / 0.84
# (provincial special funds), 0.48 / 0.86 (a northern city's year), 0.63 / 0.96 (a county-level city's clerks),
# 0.87 / 0.87, 0.75 / 0.91, 0.73 / 0.96, 0.83 / 1.00, 0.75 / 1.00 and 0.79 / 0.96 (six ordinary districts and
# counties), 0.88 / 0.95 (provincial departments) and 0.87 / 0.91 (an ordinary district) the first time they ran. These floors are a ratchet against
# regressions, not a claim of accuracy; the misses and false alarms left are named in the batch headers (wording
# bigrams cannot pair: 观众 / 观看演出群众, 到场时间 / 处置效率, 辅具 / 辅助器具, 取得…证书 / 取证人数).
OVERALL_FLOOR = {"precision": 0.95, "recall": 0.96}
RULE_FLOOR = {code: {"precision": 1.0, "recall": 1.0} for code in ("PC401", "PC402", "PC403", "PC404", "PC405")}
RULE_FLOOR["PC401"] = {"precision": 0.86, "recall": 0.96}
RULE_FLOOR["PC402"] = {"precision": 0.98, "recall": 0.94}
RULE_FLOOR["PC403"]["recall"] = 0.97
RULE_FLOOR["PC404"]["recall"] = 0.98
RULE_FLOOR["PC405"] = {"precision": 0.94, "recall": 0.94}


@dataclass
class Case:
    id: str
    sector: str
    project: dict[str, Any]
    expect: dict[str, list[str] | int]
    tolerate: frozenset[str]
    note: str = ""


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tolerated: int = 0
    false_alarms: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _indicator(row: list[Any] | dict[str, Any]) -> dict[str, Any]:
    if isinstance(row, dict):
        return dict(row)
    level1, level2, name, value, *rest = row
    spec = {"level1": level1, "level2": level2, "name": name, "value": str(value)}
    if rest:
        spec["measure"] = rest[0]
    return spec


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(BENCH_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for raw in data["cases"]:
            project = {k: raw[k] for k in ("unit", "name", "goal") if k in raw}
            project.update(code=raw["id"], amount=raw.get("amount"), is_key=False, is_new=False,
                           indicators=[_indicator(r) for r in raw["indicators"]])
            cases.append(Case(id=raw["id"], sector=data["sector"], project=project,
                              expect=dict(raw.get("expect") or {}), tolerate=frozenset(raw.get("tolerate") or ()),
                              note=raw.get("note", "")))
    return cases


@cache
def pc4_rules() -> tuple[Rule, ...]:
    return tuple(r for r in load_rules() if r.code.startswith("PC40"))


@cache
def _template_re(code: str) -> re.Pattern[str]:
    """The rule's Chinese message template as a regex with a group per placeholder."""
    template = next(r for r in pc4_rules() if r.code == code).message.get("zh")
    out, pos = [], 0
    seen: set[str] = set()
    for m in re.finditer(r"\{(\w+)\}", template):
        out.append(re.escape(template[pos:m.start()]))
        name = m.group(1)
        out.append(f"(?P<{name}>.*?)" if name not in seen else ".*?")
        seen.add(name)
        pos = m.end()
    out.append(re.escape(template[pos:]))
    return re.compile("^" + "".join(out) + "$", re.DOTALL)


def quoted_phrase(f: Finding) -> str:
    m = _template_re(f.rule).match(f.message)
    return m.group("phrase") if m else f.message


def run_case(case: Case) -> list[Finding]:
    book = make_book([case.project], path=f"{case.id}.xlsx")
    return [f for f in check_workbook(book, list(pc4_rules())) if f.rule in CODES]


def _norm(s: str) -> str:
    return re.sub(r"\s", "", s)


def _matches(code: str, f: Finding, label: str) -> bool:
    if code == "PC404":
        return f.indicator == label
    phrase, label = _norm(quoted_phrase(f)), _norm(label)
    return label in phrase or (len(phrase) >= 4 and phrase in label)


def score_case(case: Case, findings: list[Finding], scores: dict[str, Score]) -> None:
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_rule[f.rule].append(f)
    for code in CODES:
        s, got = scores[code], list(by_rule.get(code, []))
        want = case.expect.get(code, [])
        if code == "PC405":
            want = ["(project)"] * int(want or 0)
        for label in want:
            hit = next((f for f in got if code == "PC405" or _matches(code, f, label)), None)
            if hit is None:
                s.fn += 1
                s.misses.append(f"{case.id} {code} missed “{label}”")
            else:
                s.tp += 1
                got.remove(hit)
        for f in got:
            if code in case.tolerate:
                s.tolerated += 1
            else:
                s.fp += 1
                s.false_alarms.append(f"{case.id} {code} {f.message}")


@cache
def benchmark() -> tuple[dict[str, Score], Score, dict[str, int], dict[str, list[Finding]]]:
    cases = load_cases()
    scores = {c: Score() for c in CODES}
    found: dict[str, list[Finding]] = {}
    for case in cases:
        found[case.id] = run_case(case)
        score_case(case, found[case.id], scores)
    total = Score(tp=sum(s.tp for s in scores.values()), fp=sum(s.fp for s in scores.values()),
                  fn=sum(s.fn for s in scores.values()), tolerated=sum(s.tolerated for s in scores.values()))
    sectors = Counter(c.sector for c in cases)
    return scores, total, dict(sectors), found


def report() -> str:
    scores, total, sectors, _ = benchmark()
    lines = [f"PC4 benchmark: {sum(sectors.values())} cases",
             "  " + "  ".join(f"{k} {v}" for k, v in sectors.items()),
             f"  {'rule':<8}{'TP':>4}{'FP':>4}{'FN':>4}{'tol':>5}{'precision':>11}{'recall':>8}"]
    for code, s in [*scores.items(), ("overall", total)]:
        lines.append(f"  {code:<8}{s.tp:>4}{s.fp:>4}{s.fn:>4}{s.tolerated:>5}{s.precision:>11.3f}{s.recall:>8.3f}")
    for s in scores.values():
        lines += ["  false alarm: " + x for x in s.false_alarms] + ["  miss: " + x for x in s.misses]
    return "\n".join(lines)


# ---------------------------------------------------------------- the cases themselves


def test_cases_are_well_formed() -> None:
    cases = load_cases()
    assert len(cases) >= 120
    assert len({c.id for c in cases}) == len(cases)
    for c in cases:
        assert set(c.expect) <= set(CODES), c.id
        assert not (set(c.expect) & c.tolerate), c.id
        goal = c.project["goal"]
        for code in PHRASE_CODES:
            for label in c.expect.get(code, []):
                assert label in goal, (c.id, label)
        names = {i["name"] for i in c.project["indicators"]}
        for label in c.expect.get("PC404", []):
            assert label in names, (c.id, label)


def test_cases_cover_the_sectors_and_traps() -> None:
    cases = load_cases()
    sectors = Counter(c.sector for c in cases)
    assert len(sectors) >= 12 and min(sectors.values()) >= 8
    clean = [c for c in cases if not c.expect]
    assert len(clean) >= len(cases) // 3
    for code in CODES:
        assert sum(1 for c in cases if code in c.expect) >= 10, code


# ---------------------------------------------------------------- scores


def test_print_report() -> None:
    print("\n" + report())


def test_overall_floor() -> None:
    _, total, _, _ = benchmark()
    assert total.precision >= max(0.9, OVERALL_FLOOR["precision"]), report()
    assert total.recall >= max(0.9, OVERALL_FLOOR["recall"]), report()


@pytest.mark.parametrize("code", CODES)
def test_rule_floor(code: str) -> None:
    s = benchmark()[0][code]
    assert s.precision >= RULE_FLOOR[code]["precision"], report()
    assert s.recall >= RULE_FLOOR[code]["recall"], report()


# ---------------------------------------------------------------- messages read well


def test_messages_quote_the_goal_and_name_the_indicator() -> None:
    cases = {c.id: c for c in load_cases()}
    _, _, _, found = benchmark()
    for cid, findings in found.items():
        goal = cases[cid].project["goal"]
        for f in findings:
            assert "{" not in f.message and "None" not in f.message, f.message
            assert re.search(r"[\u4e00-\u9fff]", f.message)
            if f.rule in PHRASE_CODES:
                phrase = quoted_phrase(f)
                assert phrase and phrase in goal, (cid, f.message)
                assert not re.match(r"^[，,；;、。\s]", phrase) and not re.search(r"[，,；;、\s]$", phrase), f.message
            if f.rule in ("PC402", "PC403", "PC404"):
                assert f.indicator and f"“{f.indicator}”" in f.message, f.message
            if f.rule == "PC401":
                assert "没有绩效指标" in f.message, f.message
