"""Baselines: accepted findings keyed without row numbers, counted per key; exemptions from config."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli_config import PROJECT, build, lint_json, run, write

from perfcheck.baseline import apply_baseline, finding_key, load_baseline, write_baseline
from perfcheck.batch import ProjectEntry
from perfcheck.config import Cli, Resolver, apply_exemptions
from perfcheck.errors import ConfigError
from perfcheck.models import Finding
from perfcheck.run import FileResult, RunResult


def finding(rule: str = "PC202", row: int = 5, indicator: str | None = "效果", **kw: object) -> Finding:
    data = {"rule": rule, "severity": "warning", "title": "t", "message": f"第{row}行", "file": "a.xlsx",
            "sheet": "Sheet1", "row": row, "column": "K", "unit": "区委党校", "project_code": "500105-22-0031",
            "project": "教师进修培训", "indicator": indicator, **kw}
    return Finding.model_validate(data)


def result_of(findings: list[Finding]) -> RunResult:
    entry = ProjectEntry(file="a.xlsx", sheet="Sheet1", unit="区委党校", project_code="500105-22-0031",
                         project="教师进修培训", warning=len(findings))
    return RunResult(files=[FileResult(path="a.xlsx", projects=1, indicators=3)], findings=findings,
                     entries=[entry], clean_projects=0)


def test_key_ignores_row_and_message_but_not_indicator_or_rule() -> None:
    assert finding_key(finding(row=5)) == finding_key(finding(row=40, message="changed"))
    assert finding_key(finding()) != finding_key(finding(indicator="满意度"))
    assert finding_key(finding()) != finding_key(finding(rule="PC201"))
    file_level = finding(rule="PC108", unit=None, project_code=None, project=None, indicator=None)
    assert finding_key(file_level)[-1] == "a.xlsx"


def test_counts_per_key_so_a_second_identical_finding_is_new(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    assert write_baseline(path, [finding(row=5)]) == 1
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["findings"][0]["count"] == 1 and "row" not in data["findings"][0]
    result = result_of([finding(row=9), finding(row=12)])
    assert apply_baseline(result, load_baseline(path)) == 1
    assert [f.row for f in result.findings] == [12] and result.suppressed == 1
    assert result.summary()["suppressed"] == 1
    result = result_of([finding(row=9)])
    apply_baseline(result, load_baseline(path))
    assert result.findings == [] and result.clean_projects == 1  # the project is clean once its finding is accepted


@pytest.mark.parametrize(("text", "reason", "line"), [
    ("{\n  \"tool\": \"perfcheck\",\n  oops\n}", "JSON", 3),
    ("{\"tool\": \"other\", \"findings\": []}", "不是 perfcheck 基线文件", None),
    ("{\"tool\": \"perfcheck\", \"findings\": [{\"unit\": \"x\"}]}", "rule", None),
])
def test_bad_baseline_file(tmp_path: Path, text: str, reason: str, line: int | None) -> None:
    path = write(tmp_path / "baseline.json", text)
    with pytest.raises(ConfigError) as err:
        load_baseline(path)
    assert reason in str(err.value) and err.value.line == line


def test_exemptions_need_a_matching_project_and_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "perfcheck.yaml", "exemptions:\n"
          "  - {project: 500105-22-0031, rules: [PC2], reason: 已报财政局同意}\n"
          "  - {project: 其他项目, rule: PC101, reason: 不相干}\n")
    result = result_of([finding(), finding(rule="PC101", indicator=None), finding(project_code="X", project="Y")])
    assert apply_exemptions(result, Resolver()) == 1
    assert [f.rule for f in result.findings] == ["PC101", "PC202"] and result.exempted == 1
    assert apply_exemptions(result_of([finding()]), Resolver(Cli(isolated=True))) == 0


# ---------------------------------------------------------------- through the command line
def test_baseline_survives_rows_inserted_above_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    flawed = {"code": "500105-22-0031", "name": "教师进修培训", "unit": "区委党校",
              "goal": "全年组织教职工外出培训2次以上，提升教师教学能力。",
              "rows": [["产出指标", "数量指标", "效果", "≥2", "次", "是"]]}
    book = build(tmp_path / "goals.xlsx", [flawed])
    code, before = lint_json(book)
    assert code == 1 and len(before["findings"]) >= 2
    written = run("lint", "-j", "1", book, "--write-baseline", "baseline.json")
    assert written.exit_code == 0 and f"{len(before['findings'])} 条" in written.stderr

    # a new project and two more title rows above: every row of the flawed project moves down
    build(book, [{**PROJECT}, flawed], title_rows=3)
    code, moved = lint_json(book)
    assert sorted(f["rule"] for f in moved["findings"]) == sorted(f["rule"] for f in before["findings"])
    assert min(f["row"] for f in moved["findings"]) > max(f["row"] for f in before["findings"])
    code, after = lint_json(book, "--baseline", "baseline.json")
    assert code == 0 and after["findings"] == []
    assert after["summary"]["suppressed"] == len(before["findings"])
    text = run("lint", "-j", "1", book, "--baseline", "baseline.json").stdout
    assert f"基线中已有 {len(before['findings'])} 条" in text

    # a new finding in the accepted project is still reported
    build(book, [{**PROJECT}, {**flawed, "rows": flawed["rows"] + [["产出指标", "质量指标", "质量", "合格", "", "否"]]}])
    code, newer = lint_json(book, "--baseline", "baseline.json")
    assert ("PC202", "质量") in {(f["rule"], f["indicator"]) for f in newer["findings"]}
    assert ("PC202", "效果") not in {(f["rule"], f["indicator"]) for f in newer["findings"]}
    assert newer["summary"]["suppressed"] >= 1
    assert all(f["project"] == "教师进修培训" for f in newer["findings"])


def test_baseline_and_write_baseline_together_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    book = build(tmp_path / "goals.xlsx", [{}])
    write(tmp_path / "b.json", json.dumps({"tool": "perfcheck", "findings": []}))
    result = run("lint", "-j", "1", book, "--baseline", "b.json", "--write-baseline", "c.json")
    assert result.exit_code == 2 and not (tmp_path / "c.json").exists()
