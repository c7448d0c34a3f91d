"""The annotated workbook: comments and colour on every named cell, a 审核意见 sheet, the input left untouched."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from typer.testing import CliRunner

from perfcheck.annotate import REVIEW_SHEET, AnnotateError, _from_calamine, annotate_file, annotate_run, plan
from perfcheck.cli import app
from perfcheck.models import Finding
from perfcheck.rules import load_rules
from perfcheck.run import lint

ACCEPTANCE = Path(__file__).resolve().parents[2] / "shared" / "acceptance"
if not ACCEPTANCE.is_dir():
    ACCEPTANCE = Path("/work/shared/acceptance")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def finding(rule: str = "PC101", severity: str = "error", sheet: str | None = "表", row: int | None = 4,
            column: str | None = "C", message: str = "项目“培训”仅设置1个绩效指标") -> Finding:
    return Finding(rule=rule, severity=severity, title="标题", message=message, file="goals.xlsx", sheet=sheet,
                   row=row, column=column, unit="区委党校", project="培训")


@pytest.fixture()
def goals(tmp_path: Path) -> Path:
    """A small flat sheet with a title row, merged project cells, a formula, a font and an existing comment."""
    book = Workbook()
    ws = book.active
    ws.title = "表"
    ws["A1"] = "2024年项目支出绩效目标表"
    ws.merge_cells("A1:F1")
    ws.append(["单位名称", "项目名称", "三级指标", "指标值", "金额", "合计"])
    ws.append(["区委党校", "培训", "培训人次", "≥2次", 10, "=E3*2"])
    ws.append(["", "", "=不是公式的指标", "有效提升", 5, "=SUM(E3:E4)"])
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws["C3"].font = Font(bold=True, color="FF0000")
    ws["D3"].comment = Comment("原有批注", "单位")
    ws["C4"].data_type = "s"
    path = tmp_path / "goals.xlsx"
    book.save(path)
    return path


def test_annotated_copy_comments_and_colours_each_named_cell(goals: Path, tmp_path: Path) -> None:
    before = digest(goals)
    found = [finding(), finding("PC302", "warning", row=4, column="D", message="指标值“有效提升”表述模糊"),
             finding("PC201", "warning", row=3, column="D"), finding("PC105", "error", row=4, column="B"),
             finding("PC108", "info", sheet=None, row=None, column=None, message="文件没有核心指标列"),
             finding("PC104", "warning", row=3, column=None, message="产出指标中没有时效指标")]
    out = tmp_path / "out" / "reviewed.xlsx"
    done = annotate_file(goals, found, out)
    assert digest(goals) == before and done.dest == out and done.findings == 6
    book = load_workbook(out)
    ws = book["表"]
    assert "PC101" in ws["C4"].comment.text and ws["C4"].fill.fgColor.rgb.endswith("FFC7CE")
    assert "PC302" in ws["D4"].comment.text and ws["D4"].fill.fgColor.rgb.endswith("FFEB9C")
    assert ws["D3"].comment.text.startswith("原有批注") and "PC201" in ws["D3"].comment.text
    assert "PC105" in ws["B3"].comment.text  # B4 is inside the merged B3:B4: the anchor carries it
    assert "PC104" in ws["A3"].comment.text  # no column: the first filled cell of the row
    # the original survives: values, formulas, merged ranges, fonts
    assert ws["F3"].value == "=E3*2" and ws["F4"].value == "=SUM(E3:E4)" and ws["C4"].value == "=不是公式的指标"
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:F1", "A3:A4", "B3:B4"}
    assert ws["C3"].font.bold
    review = book[REVIEW_SHEET]
    assert book.sheetnames[0] == REVIEW_SHEET and review.max_row == 7
    rows = list(review.iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in rows] == ["PC101", "PC302", "PC201", "PC105", "PC108", "PC104"]
    assert review["E2"].hyperlink.location == "'表'!C4" and review["E2"].value == "表!C4"
    assert review["E6"].value == "（文件）" and review["E6"].hyperlink is None


def test_review_sheet_text_never_becomes_a_formula(goals: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    annotate_file(goals, [finding(message="=HYPERLINK(\"http://x\")")], out)
    cell = load_workbook(out)[REVIEW_SHEET]["J2"]
    assert cell.data_type == "s" and cell.value.startswith("'=")


def test_csv_input_becomes_an_xlsx_copy(tmp_path: Path) -> None:
    src = tmp_path / "goals.csv"
    src.write_bytes("单位名称,项目名称,三级指标\n区委党校,培训,=1+1\n".encode("gb18030"))
    before = digest(src)
    out = tmp_path / "goals.reviewed.xlsx"
    annotate_file(src, [finding(sheet="", row=2, column="C")], out)
    ws = load_workbook(out).worksheets[1]
    assert ws["A1"].value == "单位名称" and ws["C2"].value == "=1+1" and ws["C2"].data_type == "s"
    assert "PC101" in ws["C2"].comment.text and digest(src) == before


def test_value_copy_keeps_merged_ranges(goals: Path) -> None:
    book = _from_calamine(goals)  # the path .xls and .ods inputs take
    ws = book["表"]
    assert {str(r) for r in ws.merged_cells.ranges} >= {"A3:A4", "B3:B4"}
    assert ws["C3"].value == "培训人次"


def test_plan_names_copies_and_refuses_inputs(tmp_path: Path) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "sub" / "a.csv"
    assert plan([a], tmp_path / "x.xlsx") == {a: tmp_path / "x.xlsx"}
    assert plan([a, b], tmp_path / "out") == {a: tmp_path / "out" / "a.reviewed.xlsx",
                                              b: tmp_path / "out" / "a-2.reviewed.xlsx"}
    assert plan([a], tmp_path) == {a: tmp_path / "a.reviewed.xlsx"}
    with pytest.raises(AnnotateError):
        plan([a], a)
    with pytest.raises(AnnotateError):
        plan([a, b], tmp_path / "x.xlsx")
    with pytest.raises(AnnotateError):
        plan([b.with_suffix(".xlsx"), tmp_path / "a.reviewed.xlsx"], tmp_path)  # a copy would land on an input


def test_cli_annotate_refuses_to_overwrite_the_input(goals: Path) -> None:
    before = digest(goals)
    res = CliRunner().invoke(app, ["lint", str(goals), "--annotate", str(goals)])
    assert res.exit_code == 2 and digest(goals) == before


# ---------------------------------------------------------------- the acceptance corpus (needs the loader)
def _readable_acceptance() -> list[Path]:
    labels = ACCEPTANCE / "labels.json"
    if not labels.is_file():
        return []
    files = json.loads(labels.read_text(encoding="utf-8"))["files"]
    return [ACCEPTANCE / f["file"] for f in files if not f["expected_file_error"]]


@pytest.mark.skipif(not _readable_acceptance(), reason="acceptance corpus not found")
def test_every_readable_acceptance_workbook_is_annotated(tmp_path: Path) -> None:
    pytest.importorskip("perfcheck.loader")
    files = _readable_acceptance()
    before = {p: digest(p) for p in files}
    result = lint(files, load_rules())
    assert not result.has_file_errors
    done = annotate_run(result, tmp_path / "reviewed")
    assert [d.source for d in done] == files
    for d in done:
        assert d.dest.name == d.source.stem + ".reviewed.xlsx"
        book = load_workbook(d.dest)
        assert book.sheetnames[0] == REVIEW_SHEET
        mine = [f for f in result.findings if f.file == str(d.source)]
        assert book[REVIEW_SHEET].max_row == len(mine) + 1
        for f in mine:
            if f.row is None:
                continue
            ws = book[f.sheet] if f.sheet else book.worksheets[1]
            if f.column:
                cell = ws[f"{f.column}{f.row}"]
                anchors = [r for r in ws.merged_cells.ranges if cell.coordinate in r]
                if anchors:
                    cell = ws.cell(row=anchors[0].min_row, column=anchors[0].min_col)
            else:
                cell = next(c for c in ws[f.row] if c.comment is not None)
            assert cell.comment is not None and f.rule in cell.comment.text, (d.source.name, f.cell)
    assert {p: digest(p) for p in files} == before
