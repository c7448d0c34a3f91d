"""Batch audit: per-unit summary and score, reproducible sampling, parallel runs in input order."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest
from casebook import make_book
from typer.testing import CliRunner

import perfcheck.run as run_module
from perfcheck import batch
from perfcheck.batch import draw_sample, map_files, quality_score, unit_summaries
from perfcheck.cli import app
from perfcheck.models import Finding
from perfcheck.rules import load_rules
from perfcheck.run import RunResult, lint

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from batch import generate  # benchmarks/batch.py: the workbook generator

BAD = {"name": "做好工作", "code": "500105-24-0099", "goal": "做好工作", "indicators": [
    {"level1": "产出指标", "level2": "数量指标", "name": "效果", "value": "有效提升"}]}


@pytest.fixture(scope="module")
def rules() -> list:
    return load_rules()


@pytest.fixture()
def two_units(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, rules: list) -> RunResult:
    """Unit 区卫生健康委员会: 2 clean projects + 1 bad one; unit 区民政局: 1 clean project."""
    books = {
        "health.xlsx": make_book([{}, {"name": "老年人体检", "code": "500105-24-0002"}, BAD]),
        "civil.xlsx": make_book([{"unit": "区民政局", "name": "困难群众救助", "code": "500105-24-0100"}]),
    }
    monkeypatch.setattr(run_module, "load", lambda p: books[Path(p).name].model_copy(deep=True))
    for n in books:
        (tmp_path / n).write_bytes(b"x")
    return lint([tmp_path / "health.xlsx", tmp_path / "civil.xlsx"], rules)


def test_quality_score_formula() -> None:
    assert quality_score(10, 10, 0, 0) == 100.0
    assert quality_score(10, 5, 5, 0) == 40.0       # 50 − 10×(2×5)/10
    assert quality_score(10, 5, 20, 20) == 20.0     # penalty capped at 30
    assert quality_score(4, 0, 40, 0) == 0.0        # never below 0
    assert quality_score(0, 0, 0, 0) is None


def test_unit_summary_counts_and_orders_worst_first(two_units: RunResult) -> None:
    units = unit_summaries(two_units)
    assert [u.unit for u in units] == ["区卫生健康委员会", "区民政局"]
    health, civil = units
    assert (health.projects, health.clean_projects, health.files) == (3, 2, 1)
    assert health.indicators == 6 + 6 + 1
    errors = sum(1 for f in two_units.findings if f.severity == "error" and f.unit == "区卫生健康委员会")
    assert health.findings["error"] == errors > 0
    assert health.score == quality_score(3, 2, errors, health.findings["warning"])
    assert (civil.projects, civil.clean_projects, civil.score) == (1, 1, 100.0)


def test_file_level_findings_count_for_the_files_main_unit(two_units: RunResult) -> None:
    extra = Finding(rule="PC108", severity="info", title="缺少核心指标列", message="m",
                    file=two_units.files[1].path)
    res = two_units.model_copy(update={"findings": [*two_units.findings, extra]})
    before = next(u for u in unit_summaries(two_units) if u.unit == "区民政局")
    civil = next(u for u in unit_summaries(res) if u.unit == "区民政局")
    assert civil.findings["info"] == before.findings["info"] + 1 and civil.score == 100.0


def test_sample_is_reproducible_and_reports_only_the_drawn_projects(two_units: RunResult) -> None:
    a, b = draw_sample(two_units, 2, seed=5), draw_sample(two_units, 2, seed=5)
    assert a.sample is not None and a.sample.population == 4 and len(a.sample.projects) == 2
    assert [e.project for e in a.sample.projects] == [e.project for e in b.sample.projects]
    drawn = {(e.file, e.project) for e in a.entries}
    assert all((f.file, f.project) in drawn for f in a.findings)
    assert a.projects == 2 and a.clean_projects == sum(e.clean for e in a.entries)
    seen = {tuple(e.project for e in draw_sample(two_units, 2, seed=s).entries) for s in range(12)}
    assert len(seen) > 1  # the seed matters
    assert len(draw_sample(two_units, 99, seed=1).entries) == 4


def test_sample_keeps_unreadable_files(two_units: RunResult) -> None:
    from perfcheck.run import FileResult

    res = two_units.model_copy(update={"files": [*two_units.files, FileResult(path="bad.xlsx", error="bad")]})
    assert draw_sample(res, 1, seed=0).has_file_errors


def _slow_square(x: int, rules: list, lang: str) -> tuple[int, int]:
    time.sleep(0.02 * (x % 3))  # later items often finish first
    return x, x * x + len(rules)


def test_map_files_keeps_input_order_in_parallel() -> None:
    items = list(range(12))
    out = map_files(_slow_square, items, [["r1", "r2"]], [0] * len(items), "zh", jobs=2)
    assert out == [(x, x * x + 2) for x in items]
    assert map_files(_slow_square, items, [[]], [0] * len(items), "zh", jobs=1) == [(x, x * x) for x in items]


def test_progress_bar_appears_only_after_the_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    bar = batch._Progress(3, enabled=True)
    bar.advance()
    assert bar.bar is None  # fast runs show nothing
    monkeypatch.setattr(batch, "PROGRESS_AFTER", 0.0)
    bar.advance()
    assert bar.bar is not None
    bar.advance()
    bar.close()
    assert batch._Progress(3, enabled=False).bar is None


def test_parallel_lint_equals_serial_lint(tmp_path: Path, rules: list) -> None:
    pytest.importorskip("perfcheck.loader")
    paths = generate(tmp_path / "batch", files=6, seed=3, projects=(2, 4))
    one = lint([tmp_path / "batch"], rules, jobs=1)
    two = lint([tmp_path / "batch"], rules, jobs=2)
    assert [f.path for f in one.files] == [str(p) for p in paths]
    assert one.model_dump() == two.model_dump()
    units = unit_summaries(two)
    assert sum(u.projects for u in units) == two.projects > 0


def test_cli_sample_reports_the_spot_check(two_units: RunResult, monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["lint", str(tmp_path), "-f", "json", "--sample", "2", "--seed", "1", "-j", "1"])
    doc = json.loads(res.stdout)
    assert doc["sample"]["size"] == 2 and doc["sample"]["seed"] == 1 and doc["sample"]["population"] == 4
    assert doc["summary"]["projects"] == 2 and "units" in doc
    again = CliRunner().invoke(app, ["lint", str(tmp_path), "-f", "json", "--sample", "2", "--seed", "1", "-j", "1"])
    assert json.loads(again.stdout)["sample"] == doc["sample"]
    text = CliRunner().invoke(app, ["lint", str(tmp_path), "--sample", "2", "--seed", "1", "-j", "1"]).stdout
    assert "抽查" in text
