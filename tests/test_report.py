"""Every output format: SARIF validates against the 2.1.0 schema, JUnit parses, GitHub lines escape, exports are safe."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from casebook import make_book
from openpyxl import load_workbook
from typer.testing import CliRunner

import perfcheck.run as run_module
from perfcheck.cli import app
from perfcheck.models import Finding, Workbook
from perfcheck.report import FORMATS, parse_output_spec, render_bytes, renderer, write
from perfcheck.report.github_report import escape_data, escape_property
from perfcheck.report.table import neutralise
from perfcheck.rules import load_rules
from perfcheck.run import RunResult, lint

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
FLAWED = [
    {},  # clean
    {"name": "教师进修培训", "code": "500105-24-0031", "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "=教职工外出培训", "value": "≥2次"}]},
    {"unit": "区委宣传部", "name": "城市形象宣传", "code": "500105-24-0032", "goal": "做好宣传"},
]


@pytest.fixture(scope="module")
def rules() -> list:
    return load_rules()


def fake_books(monkeypatch: pytest.MonkeyPatch, books: dict[str, Workbook | Exception]) -> None:
    """Make run.lint read workbooks built in code instead of files."""
    def load(path: Path) -> Workbook:
        item = books[Path(path).name]
        if isinstance(item, Exception):
            raise item
        return item.model_copy(deep=True)
    monkeypatch.setattr(run_module, "load", load)


@pytest.fixture()
def result(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, rules: list) -> RunResult:
    from perfcheck.errors import LoadError

    names = ["a.xlsx", "b.xlsx", "broken.xlsx"]
    for n in names:
        (tmp_path / n).write_bytes(b"x")
    fake_books(monkeypatch, {"a.xlsx": make_book(FLAWED), "b.xlsx": make_book([{}]),
                             "broken.xlsx": LoadError("broken.xlsx", "文件已损坏")})
    return lint([tmp_path / n for n in names], rules)


def test_result_fixture_has_findings_clean_projects_and_a_file_error(result: RunResult) -> None:
    assert result.findings and result.has_file_errors
    assert result.clean_projects == 2 and len(result.entries) == 4


# ---------------------------------------------------------------- SARIF
def test_sarif_validates_against_the_2_1_0_schema(result: RunResult) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    doc = json.loads(renderer("sarif")(result, "zh"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(doc)
    assert doc["version"] == "2.1.0"


def test_sarif_lists_rule_metadata_and_locates_file_and_cell(result: RunResult, rules: list) -> None:
    doc = json.loads(renderer("sarif")(result, "zh"))
    run = doc["runs"][0]
    driver_rules = run["tool"]["driver"]["rules"]
    assert {r["id"] for r in driver_rules} == {r.code for r in rules if r.enabled}
    assert all(r["shortDescription"]["text"] and r["defaultConfiguration"]["level"] in ("error", "warning", "note")
               for r in driver_rules)
    by_rule = {f.rule: f for f in result.findings}
    pc101 = next(r for r in run["results"] if r["ruleId"] == "PC101")
    assert driver_rules[pc101["ruleIndex"]]["id"] == "PC101"
    loc = pc101["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"]["uri"].endswith("a.xlsx")
    assert loc["physicalLocation"]["region"]["startLine"] == by_rule["PC101"].row
    assert loc["logicalLocations"][0]["fullyQualifiedName"] == by_rule["PC101"].cell
    assert "!" in by_rule["PC101"].cell
    assert run["invocations"][0]["executionSuccessful"] is False
    assert "文件已损坏" in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    assert len(run["results"]) == len(result.findings)


def test_sarif_uri_is_percent_encoded_for_chinese_paths() -> None:
    from perfcheck.report.sarif_report import artifact_uri

    assert artifact_uri("报送/目标 表.xlsx") == "%E6%8A%A5%E9%80%81/%E7%9B%AE%E6%A0%87%20%E8%A1%A8.xlsx"
    assert artifact_uri("/tmp/a.xlsx") == "file:///tmp/a.xlsx"


# ---------------------------------------------------------------- JUnit
def test_junit_parses_and_counts_failures_per_file(result: RunResult) -> None:
    root = ET.fromstring(renderer("junit")(result, "zh").encode("utf-8"))
    suites = {s.get("name", "").rsplit("/", 1)[-1]: s for s in root.iter("testsuite")}
    assert set(suites) == {"a.xlsx", "b.xlsx", "broken.xlsx"}
    a = suites["a.xlsx"]
    failing = {(f.project or f.unit) for f in result.findings
               if f.file.endswith("a.xlsx") and f.severity != "info"}
    assert int(a.get("failures")) == len(a.findall("testcase/failure")) == len(failing) == 2
    assert int(a.get("tests")) == 3
    assert int(suites["b.xlsx"].get("failures")) == 0 and int(suites["b.xlsx"].get("tests")) == 1
    assert int(suites["broken.xlsx"].get("errors")) == 1
    assert int(root.get("failures")) == 2 and int(root.get("errors")) == 1
    failure = a.find("testcase/failure")
    assert failure is not None and "PC1" in (failure.text or "")


def test_junit_drops_characters_xml_cannot_hold() -> None:
    f = Finding(rule="PC107", severity="error", title="t", message="bad\x0bcell\x00", file="x.xlsx", sheet="S", row=3,
                unit="u", project="p")
    res = RunResult(findings=[f])
    ET.fromstring(renderer("junit")(res, "zh").encode("utf-8"))


# ---------------------------------------------------------------- GitHub
def test_github_lines_follow_the_workflow_command_form(result: RunResult) -> None:
    lines = renderer("github")(result, "zh").splitlines()
    assert len(lines) == len(result.findings) + 1  # + the unreadable file
    for line in lines:
        assert line.startswith(("::error file=", "::warning file=", "::notice file="))
        _props, message = line[2:].split("::", 1)
        assert "\n" not in message and "\r" not in message
    pc101 = next(f for f in result.findings if f.rule == "PC101")
    assert any(line.startswith("::error file=") and f"line={pc101.row}," in line and "title=PC101" in line
               for line in lines)


def test_github_escapes_percent_cr_lf_and_property_separators() -> None:
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"
    f = Finding(rule="PC304", severity="warning", title="百分比", message="≥120%\n超出", file="d,1:x.xlsx", sheet="S",
                row=7, column="M")
    (line,) = renderer("github")(RunResult(findings=[f]), "zh").splitlines()
    assert line == "::warning file=d%2C1%3Ax.xlsx,line=7,title=PC304 百分比::≥120%25%0A超出 [S!M7]"


# ---------------------------------------------------------------- csv / xlsx
@pytest.mark.parametrize("text", ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "＝1"])
def test_formula_like_text_is_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert neutralise("正常文本") == "正常文本" and neutralise(-3) == -3


def _danger_result() -> RunResult:
    f = Finding(rule="PC202", severity="warning", title="指标名称笼统", message="=cmd|' /C calc'!A0", file="a.csv",
                sheet="S", row=5, column="K", project="-项目", indicator="@指标")
    return RunResult(findings=[f])


def test_csv_has_one_row_per_finding_and_no_formula(result: RunResult) -> None:
    rows = list(csv.reader(io.StringIO(renderer("csv")(result, "zh"))))
    assert rows[0][:3] == ["级别", "规则", "名称"] and len(rows) == len(result.findings) + 1
    danger = list(csv.reader(io.StringIO(renderer("csv")(_danger_result(), "zh"))))[1]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in danger)
    assert render_bytes("csv", result).startswith(b"\xef\xbb\xbf")  # BOM in files, for Excel


def test_xlsx_writes_text_cells_as_strings(tmp_path: Path, result: RunResult) -> None:
    out = tmp_path / "f.xlsx"
    write("xlsx", _danger_result(), "zh", out)
    ws = load_workbook(out).worksheets[0]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    assert ws["D2"].value == "'=cmd|' /C calc'!A0"
    write("xlsx", result, "zh", out)
    book = load_workbook(out)
    assert book.worksheets[0].max_row == len(result.findings) + 1 and "文件" in book.sheetnames


def test_write_sends_binary_formats_to_binary_streams(result: RunResult) -> None:
    buf = io.BytesIO()
    write("xlsx", result, "zh", buf)
    assert buf.getvalue().startswith(b"PK")


# ---------------------------------------------------------------- json / statistics / text
def test_json_keeps_the_contract_and_adds_units(result: RunResult) -> None:
    doc = json.loads(renderer("json")(result, "zh"))
    assert list(doc)[:5] == ["tool", "version", "files", "summary", "findings"]
    assert set(doc["findings"][0]) >= {"rule", "severity", "title", "message", "file", "sheet", "row", "column",
                                       "unit", "project_code", "project", "indicator"}
    units = {u["unit"]: u for u in doc["units"]}
    assert units["区委宣传部"]["projects"] == 1 and units["区委宣传部"]["clean_projects"] == 0
    assert "sample" not in doc


def test_statistics_counts_per_rule(result: RunResult) -> None:
    text = renderer("statistics")(result, "zh")
    for rule, n in result.summary()["by_rule"].items():
        assert any(line.split()[:2] == [str(n), rule] for line in text.splitlines())
    assert text.splitlines()[-1].split() == [str(len(result.findings)), "合计"]


def test_text_report_has_the_unit_section_for_several_units(result: RunResult) -> None:
    text = renderer("text")(result, "zh")
    assert "各单位汇总" in text and "质量分" in text
    assert "区委宣传部" in text.split("各单位汇总")[1]


def test_parse_output_spec() -> None:
    assert parse_output_spec("sarif=out/r.sarif") == ("sarif", Path("out/r.sarif"))
    for bad in ("sarif", "pdf=x.pdf", "json="):
        with pytest.raises(ValueError):
            parse_output_spec(bad)
    assert set(FORMATS) >= {"text", "json", "csv", "xlsx", "sarif", "junit", "github"}


# ---------------------------------------------------------------- CLI
def _cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    src = tmp_path / "goals.xlsx"
    src.write_bytes(b"x")
    fake_books(monkeypatch, {"goals.xlsx": make_book(FLAWED)})
    return src


def test_cli_writes_several_formats_from_one_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    src = _cli_env(monkeypatch, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    res = CliRunner().invoke(app, ["lint", str(src), "--format", "json", "--jobs", "1",
                                   "--output-format", f"sarif={out / 'r.sarif'}",
                                   "--output-format", f"junit={out / 'r.xml'}",
                                   "--output-format", f"xlsx={out / 'r.xlsx'}",
                                   "--output-format", f"github={out / 'r.txt'}"])
    assert res.exit_code == 1, res.output
    doc = json.loads(res.stdout)
    assert doc["summary"]["findings"] > 0
    assert json.loads((out / "r.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    ET.parse(out / "r.xml")
    load_workbook(out / "r.xlsx")
    assert (out / "r.txt").read_text(encoding="utf-8").startswith("::")


def test_cli_statistics_and_bad_output_spec(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    src = _cli_env(monkeypatch, tmp_path)
    res = CliRunner().invoke(app, ["lint", str(src), "--statistics", "-j", "1"])
    assert res.exit_code == 1 and "合计" in res.stdout and "PC101" in res.stdout
    res = CliRunner().invoke(app, ["lint", str(src), "--output-format", "pdf=x.pdf"])
    assert res.exit_code == 2


def test_cli_refuses_an_output_that_is_an_input(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    src = _cli_env(monkeypatch, tmp_path)
    before = src.read_bytes()
    for args in (["-f", "xlsx", "-o", str(src)], ["--output-format", f"csv={src}"]):
        res = CliRunner().invoke(app, ["lint", str(src), *args])
        assert res.exit_code == 2
    assert src.read_bytes() == before


def test_pre_commit_hook_runs_perfcheck_on_workbooks() -> None:
    import re

    import yaml

    (hook,) = yaml.safe_load((Path(__file__).parents[1] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "perfcheck" and hook["entry"] == "perfcheck lint" and hook["language"] == "python"
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    assert all(files.search(n) for n in ("报送/目标.xlsx", "a.XLS", "b.csv", "c.ods", "d.xlsm"))
    assert not files.search("README.md") and exclude.search("报送/~$目标.xlsx")
