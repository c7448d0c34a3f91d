"""The configuration through the command line, on small flat workbooks built here with openpyxl."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from perfcheck.cli import app

HEADER = ["单位名称", "项目编码", "项目名称", "项目类型", "项目性质", "项目金额（万元）", "是否开展事前绩效评估",
          "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值", "计量单位", "是否核心指标"]
GOAL = "全年为辖区老年人提供健康体检3000人次，体检任务按期完成，老年人健康知识知晓率达到85%以上。"
THREE = [["产出指标", "数量指标", "老年人健康体检人次", "≥3000", "人次", "是"],
         ["产出指标", "时效指标", "体检任务按期完成率", "=100", "%", "否"],
         ["效益指标", "社会效益指标", "老年人健康知识知晓率", "≥85", "%", "否"]]
PROJECT = {"unit": "区卫生健康委员会", "code": "500105-24-0001", "name": "社区老年人健康服务", "kind": "一般项目",
           "new": "延续", "amount": 120, "ex_ante": "否", "goal": GOAL, "rows": THREE}


def build(path: Path, projects: list[dict[str, Any]], title_rows: int = 1) -> Path:
    """A flat goal table: title rows, the header, then every project's indicator rows (project cells repeated)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    for i in range(title_rows):
        ws.append(["2024年区级项目支出绩效目标表" if i == 0 else "金额单位：万元"])
    ws.append(HEADER)
    for spec in projects:
        p = {**PROJECT, **spec}
        for row in p["rows"]:
            ws.append([p["unit"], p["code"], p["name"], p["kind"], p["new"], p["amount"], p["ex_ante"], p["goal"], *row])
    wb.save(path)
    return path


def run(*args: str) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args])


def lint_json(*args: str) -> tuple[int, dict[str, Any]]:
    result = run("lint", "-j", "1", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def rules_of(report: dict[str, Any]) -> list[str]:
    return [f["rule"] for f in report["findings"]]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # discovery from the working directory sees only what a test writes


# ---------------------------------------------------------------- the acceptance case of the issue
def test_general_minimum_four_fails_a_three_indicator_project_and_ignore_passes(tmp_path: Path) -> None:
    book = build(tmp_path / "goals.xlsx", [{}])
    code, report = lint_json(book)
    assert code == 0 and report["findings"] == []
    write(tmp_path / "perfcheck.yaml", "rules:\n  PC101:\n    params: {general_min: 4}\n")
    code, report = lint_json(book)
    assert code == 1 and rules_of(report) == ["PC101"]
    assert "不少于4个" in report["findings"][0]["message"]
    code, report = lint_json(book, "--ignore", "PC101")
    assert code == 0 and report["findings"] == []


def test_config_is_found_per_input_file(tmp_path: Path) -> None:
    strict = build(tmp_path / "江北" / "goals.xlsx", [{}])
    lenient = build(tmp_path / "相山" / "goals.xlsx", [{}])
    write(tmp_path / "江北" / "perfcheck.yaml", "rules:\n  PC101:\n    params: {general_min: 4}\n")
    code, report = lint_json(tmp_path)
    assert code == 1
    assert [(Path(f["file"]).parent.name, f["rule"]) for f in report["findings"]] == [("江北", "PC101")]
    assert {Path(f["path"]).parent.name for f in report["files"]} == {"江北", "相山"}
    assert lint_json(lenient)[0] == 0 and lint_json(strict)[0] == 1
    assert lint_json(strict, "--no-config")[0] == 0


def test_config_option_and_profile_option(tmp_path: Path) -> None:
    book = build(tmp_path / "goals.xlsx", [{"rows": THREE + [
        ["满意度指标", "服务对象满意度指标", "体检老年人满意度", "≥82", "%", "否"]]}])
    assert lint_json(book)[0] == 0
    cfg = write(tmp_path / "elsewhere" / "strict.yaml",
                "profile: strict\nrules:\n  PC305: {severity: error}\nignore: [PC103]\n")
    code, report = lint_json(book, "--config", cfg)
    assert code == 1 and rules_of(report) == ["PC305"] and report["findings"][0]["severity"] == "error"
    code, report = lint_json(book, "--profile", "strict", "--severity", "PC305=info", "--ignore", "PC103")
    assert code == 0 and rules_of(report) == ["PC305"] and report["findings"][0]["severity"] == "info"


def test_fail_on_and_lang_from_config_unless_typed(tmp_path: Path) -> None:
    book = build(tmp_path / "goals.xlsx", [{"rows": THREE[:2]}])
    write(tmp_path / "perfcheck.yaml", "fail_on: never\nlang: en\n")
    result = run("lint", "-j", "1", book)
    assert result.exit_code == 0 and "has 2 indicators" in result.stdout
    assert run("lint", "-j", "1", book, "--fail-on", "error").exit_code == 1
    assert "仅设置2个" in run("lint", "-j", "1", book, "--lang", "zh").stdout
    assert "too few indicators" in run("rules").stdout and "指标数量不足" in run("rules", "--lang", "zh").stdout


# ---------------------------------------------------------------- local rules (the README example)
def readme_block(name: str) -> str:
    text = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    m = re.search(rf"<!-- example: {re.escape(name)} -->\s*```\w*\n(.*?)```", text, re.DOTALL)
    assert m, name
    return m.group(1)


def test_readme_local_rules_through_the_cli(tmp_path: Path) -> None:
    write(tmp_path / "rules" / "local.yaml", readme_block("rules/local.yaml"))
    write(tmp_path / "perfcheck.yaml", readme_block("perfcheck.yaml"))
    book = build(tmp_path / "goals.xlsx", [
        {"rows": THREE + [["满意度指标", "服务对象满意度指标", "满意度", "≥90", "%", "否"]]},
        {"code": "500105-24-0031", "name": "城区道路维修", "unit": "区住房城乡建设委", "amount": 800,
         "goal": "全年完成城区道路维修3000平方米，道路完好率达到95%以上。",
         "rows": [["产出指标", "数量指标", "道路维修面积", "≥3000", "平方米", "否"],
                  ["产出指标", "时效指标", "维修按期完成率", "=100", "%", "否"],
                  ["效益指标", "社会效益指标", "道路完好率", "≥95", "%", "否"],
                  ["产出指标", "质量指标", "维修工程验收合格率", "=100", "%", "否"]]},
    ])
    _, report = lint_json(book)
    found = {(f["rule"], f["project"]) for f in report["findings"]}
    assert ("X101", "社区老年人健康服务") in found and ("X102", "城区道路维修") in found
    assert ("PC101", "社区老年人健康服务") not in found  # 4 indicators meet general_min: 4
    assert report["summary"]["exempted"] == 1  # PC102 on 500105-24-0031, exempted with a reason
    table = run("rules").stdout
    assert re.search(r"X101\s+警告\s+满意度指标未写明调查对象\s+是", table)
    assert re.search(r"X104\s+提示\s+指标名称超过 20 字\s+否", table)
    assert re.search(r"PC208\s+警告\s+\S+\s+否", table)
    detail = run("rule", "X104").stdout
    assert "max_length: 20" in detail and "rules/local.yaml" in detail


# ---------------------------------------------------------------- refusals: exit 2, one line, file:line
@pytest.mark.parametrize(("files", "where", "reason"), [
    ({"perfcheck.yaml": "rules:\n  PC101:\n    params:\n      general_minimum: 4\n"}, "perfcheck.yaml:4", "general_minimum"),
    ({"perfcheck.yaml": "profile: strict\nignore: PC3 PC99\n"}, "perfcheck.yaml:2", "PC99"),
    ({"perfcheck.yaml": "rules: [\n"}, "perfcheck.yaml:2", "YAML"),
    ({"perfcheck.yaml": "extra_rules: [local.yaml]\n",
      "local.yaml": "- code: X1\n  title: 本地\n  severity: fatal\n  scope: project\n"
                    "  condition: {field: amount, gt: 0}\n  message: 本地\n"}, "local.yaml:3", "severity"),
    ({"pyproject.toml": "[tool.perfcheck]\nprofile = 'strict'\nselect = ['PC1']\nfail-on = 'sometimes'\n"},
     "pyproject.toml:4", "fail_on"),
])
def test_bad_configuration_exits_2_with_one_line(tmp_path: Path, files: dict[str, str], where: str,
                                                 reason: str) -> None:
    for name, text in files.items():
        write(tmp_path / name, text)
    book = build(tmp_path / "goals.xlsx", [{}])
    for args in (["lint", "-j", "1", str(book)], ["rules"], ["config", "--show"]):
        result = run(*args)
        assert result.exit_code == 2, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"perfcheck: {where}: ") and reason in lines[0], lines
        assert "Traceback" not in result.output


@pytest.mark.parametrize(("args", "reason"), [
    (["--severity", "PC307"], "--severity"),
    (["--select", "PC9"], "--select"),
    (["--profile", "nowhere"], "未知的配置方案"),
    (["--config", "missing.yaml"], "missing.yaml"),
    (["--baseline", "missing.json"], "missing.json"),
])
def test_bad_options_exit_2(tmp_path: Path, args: list[str], reason: str) -> None:
    book = build(tmp_path / "goals.xlsx", [{}])
    result = run("lint", "-j", "1", book, *args)
    assert result.exit_code == 2 and reason in result.stderr and len(result.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------- explain, show, schema, init
def test_rules_and_rule_commands(tmp_path: Path) -> None:
    zh, en = run("rules").stdout, run("rules", "--lang", "en").stdout
    assert re.search(r"PC101\s+错误\s+指标数量不足\s+是", zh)
    assert re.search(r"PC101\s+error\s+too few indicators\s+yes", en)
    assert re.search(r"PC1\d\d\s+\S+.*\s否", run("rules", "--select", "PC2").stdout)
    detail = run("rule", "PC101", "--profile", "strict").stdout
    for part in ("PC101", "指标数量不足", "general_min: 3    # default", "依据", "✗", "✓"):
        assert part in detail
    assert "parameters" in run("rule", "pc305", "--lang", "en").stdout
    bad = run("rule", "PC999")
    assert bad.exit_code == 2 and "PC999" in bad.stderr


def test_config_show_and_schema(tmp_path: Path) -> None:
    write(tmp_path / "perfcheck.yaml", "profile: jianghan\nrules:\n  PC101:\n    params: {general_min: 4}\n")
    shown = run("config", "--show", "--severity", "PC307=warning").stdout
    assert "general_min: 4    # perfcheck.yaml:4" in shown and "threshold: 200.0    # profile jianghan" in shown
    assert "severity: warning    # CLI --severity" in shown and "key_min: 5    # default" in shown
    data = json.loads(run("config", "--show", "--json").stdout)
    assert data["rules"]["PC101"]["params"]["general_min"] == {"value": 4, "from": "perfcheck.yaml:4"}
    schema = json.loads(run("config", "--schema").stdout)
    assert "general_min" in schema["properties"]["rules"]["properties"]["PC101"]["properties"]["params"]["properties"]
    assert run("config").exit_code == 2


def test_init_writes_once_and_the_result_loads(tmp_path: Path) -> None:
    first = run("init", "--profile", "strict")
    assert first.exit_code == 0, first.output
    text = (tmp_path / "perfcheck.yaml").read_text(encoding="utf-8")
    assert "profile: strict" in text and "#       general_min: 3" in text and "#       floor: 85.0" in text
    again = run("init")
    assert again.exit_code == 2 and "已存在" in again.stderr
    assert (tmp_path / "perfcheck.yaml").read_text(encoding="utf-8") == text
    book = build(tmp_path / "goals.xlsx", [{}])
    assert run("lint", "-j", "1", book).exit_code in (0, 1)
    assert "profile strict" in run("config", "--show").stdout
