"""District scale: the benchmark generator, the run-wide rules overlapped in a forked child, the JSON writer."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from perfcheck import forked, run
from perfcheck.loader import load
from perfcheck.report import renderer
from perfcheck.rules import load_rules

ROOT = Path(__file__).parents[1]
SAMPLES = ROOT / "samples"
sys.path.insert(0, str(ROOT / "benchmarks"))

import district


@pytest.fixture(scope="module")
def district_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return district.generate(1200, tmp_path_factory.mktemp("district") / "d.xlsx", seed=3)


def test_generator_writes_a_realistic_flat_workbook(district_book: Path) -> None:
    path = district_book
    book = load(path)
    assert book.layout == "flat" and book.indicator_count == 1200
    assert 5 <= book.indicator_count / len(book.projects) <= 7          # about six indicators a project
    assert len({p.unit for p in book.projects}) > 20 and len({p.goal for p in book.projects}) > 150
    result = run.lint([path], load_rules(), jobs=1)
    flagged = {e.project for e in result.entries if not e.clean}
    assert 0 < len(flagged) < len(book.projects) / 3                     # mostly sound, a few defects


def test_run_wide_rules_in_a_forked_child_give_the_same_findings(district_book: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    if not forked.available():
        pytest.skip("no fork here")
    rules = load_rules()
    alone = run.lint([district_book], rules, jobs=1)
    monkeypatch.setattr(run, "OVERLAP_FROM", 0)
    overlapped = run.lint([district_book], rules, jobs=2)
    assert [f.model_dump() for f in overlapped.findings] == [f.model_dump() for f in alone.findings]
    assert sum(f.rule == "PC406" for f in alone.findings) >= 3   # templated goals: the child had work


def test_forked_result_comes_from_the_child_or_is_computed_here() -> None:
    parent = os.getpid()
    assert forked.Forked(os.getpid).result() != parent or not forked.available()

    def only_here() -> int:
        if os.getpid() != parent:
            raise RuntimeError("fails in the child")
        return 7

    assert forked.Forked(only_here).result() == 7


def test_json_has_one_finding_per_line_and_parses() -> None:
    result = run.lint([SAMPLES / "flawed.xlsx"], load_rules(), jobs=1)
    text = renderer("json")(result, "zh")
    doc = json.loads(text)
    lines = [ln for ln in text.splitlines() if ln.startswith('    {"rule": ')]
    assert len(lines) == len(doc["findings"]) == len(result.findings) > 10
    assert doc["findings"][0] == result.findings[0].model_dump()
