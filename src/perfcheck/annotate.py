"""The annotated workbook: a copy of the input with every offending cell coloured and commented, plus 审核意见.

The copy keeps the original's values, formulas, merged cells and formatting (an .xlsx/.xlsm is opened
with openpyxl and saved under the new name; .xls/.ods/.csv are rebuilt cell by cell as .xlsx, keeping
the merged ranges calamine reports). The input file is only ever read, and an output path that
resolves to an input is refused.
"""
from __future__ import annotations

import contextlib
import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook as XlWorkbook
from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from .models import SEVERITY_RANK, Finding
from .outputs import OPENPYXL_SUFFIXES, SUFFIX, AnnotateError, plan, refuse_overwrite

__all__ = ["REVIEW_SHEET", "SUFFIX", "AnnotateError", "Annotated", "annotate_file", "annotate_run", "plan",
           "refuse_overwrite"]
from .report.table import neutralise
from .run import RunResult

REVIEW_SHEET = "审核意见"
FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
WORDS = {"error": "错误", "warning": "警告", "info": "提示"}
AUTHOR = "perfcheck"
HEADERS = ("序号", "级别", "规则", "名称", "位置", "单位", "项目编码", "项目", "指标", "问题说明")
WIDTHS = (6, 6, 8, 18, 22, 20, 18, 28, 24, 70)


@dataclass
class Annotated:
    """One annotated copy: where it went, how many cells got a comment, how many findings it lists."""

    source: Path
    dest: Path
    cells: int
    findings: int


# ---------------------------------------------------------------- opening a copy
def _copy_of(source: Path) -> XlWorkbook:
    """An in-memory workbook equal to the source (never saved back to it)."""
    suffix = source.suffix.lower()
    if suffix in OPENPYXL_SUFFIXES:
        with contextlib.suppress(Exception):  # an xlsx openpyxl cannot read may still be rebuilt from its values
            return load_workbook(source, rich_text=True)
    if suffix == ".csv":
        return _from_csv(source)
    try:
        return _from_calamine(source)
    except Exception as err:  # noqa: BLE001
        try:
            return _from_csv(source)
        except Exception:  # noqa: BLE001
            raise AnnotateError(str(source), f"无法读取以生成标注副本：{err}") from None


def _put(ws: Worksheet, row: int, col: int, value: Any) -> None:
    """Write a value copied from the input; text stays text even when it looks like a formula."""
    if value is None or value == "":
        return
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        cell.data_type = "s"


def _from_calamine(source: Path) -> XlWorkbook:
    from python_calamine import CalamineWorkbook

    book = XlWorkbook()
    book.remove(book.active)
    cal = CalamineWorkbook.from_path(str(source))
    try:
        for name in cal.sheet_names:
            sheet = cal.get_sheet_by_name(name)
            ws = book.create_sheet(_sheet_title(name, book))
            start = sheet.start
            if start is None:
                continue
            r0, c0 = start
            for i, row in enumerate(sheet.to_python(skip_empty_area=True)):
                for j, value in enumerate(row):
                    _put(ws, r0 + i + 1, c0 + j + 1, value)
            for (a, b), (c, d) in sheet.merged_cell_ranges or []:
                if (a, b) != (c, d):
                    ws.merge_cells(start_row=a + 1, start_column=b + 1, end_row=c + 1, end_column=d + 1)
    finally:
        cal.close()
    if not book.worksheets:
        book.create_sheet("Sheet1")
    return book


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _from_csv(source: Path) -> XlWorkbook:
    text = _decode(source.read_bytes())
    sample = "\n".join(ln for ln in text.splitlines()[:20] if ln.strip())
    counts = {d: sample.count(d) for d in (",", "\t", ";")}
    delimiter = max(counts, key=lambda d: counts[d]) if max(counts.values()) > counts[","] else ","
    book = XlWorkbook()
    ws = book.active
    ws.title = _sheet_title(source.stem, None)
    for i, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1):
        for j, value in enumerate(row, 1):
            _put(ws, i, j, value)
    return book


def _sheet_title(name: str, book: XlWorkbook | None) -> str:
    title = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip("'")[:31] or "Sheet1"
    if book is not None:
        base, n = title, 1
        while title in book.sheetnames:
            n += 1
            title = f"{base[:28]}({n})"
    return title


# ---------------------------------------------------------------- marking cells
def _sheet_for(book: XlWorkbook, name: str | None) -> Worksheet | None:
    if name and name in book.sheetnames:
        return book[name]
    if not name:  # a CSV's findings name no sheet: they are on the only one
        return book.worksheets[0] if book.worksheets else None
    return None


def _anchor(ws: Worksheet, row: int, col: int) -> tuple[int, int]:
    """The top-left cell of the merged range holding (row, col), else the cell itself."""
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= row <= rng.max_row and rng.min_col <= col <= rng.max_col:
            return rng.min_row, rng.min_col
    return row, col


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _target(ws: Worksheet, f: Finding) -> tuple[int, int] | None:
    """The cell a finding names; with no column, the first filled cell of its row (else column A)."""
    if f.row is None or f.row < 1:
        return None
    if f.column and f.column.isalpha():
        return _anchor(ws, f.row, _column_index(f.column))
    for col in range(1, (ws.max_column or 1) + 1):
        r, c = _anchor(ws, f.row, col)
        value = ws.cell(row=r, column=c).value
        if value is not None and str(value).strip():
            return r, c
    return _anchor(ws, f.row, 1)


def _comment_text(findings: list[Finding]) -> str:
    return "\n".join(f"【{WORDS[f.severity]}】{f.rule} {f.title}：{f.message}" for f in findings)


def _mark(ws: Worksheet, row: int, col: int, findings: list[Finding]) -> None:
    cell = ws.cell(row=row, column=col)
    worst = max(findings, key=lambda f: SEVERITY_RANK[f.severity]).severity
    cell.fill = PatternFill("solid", fgColor=FILLS[worst])
    text = _comment_text(findings)
    if cell.comment is not None and cell.comment.text:
        text = f"{cell.comment.text}\n—— perfcheck ——\n{text}"
    lines = sum(1 + len(line) // 22 for line in text.splitlines())
    cell.comment = Comment(text, AUTHOR, height=min(600, 20 + 15 * lines), width=320)


def _link_target(sheet: str, row: int, col: int) -> str:
    return "'" + sheet.replace("'", "''") + f"'!{get_column_letter(col)}{row}"


def _review_sheet(book: XlWorkbook, rows: list[tuple[Finding, Worksheet | None, tuple[int, int] | None]]) -> None:
    ws = book.create_sheet(_sheet_title(REVIEW_SHEET, book), 0)
    for j, (name, width) in enumerate(zip(HEADERS, WIDTHS), 1):
        cell = ws.cell(row=1, column=j, value=name)
        cell.font = Font(bold=True)
        ws.column_dimensions[get_column_letter(j)].width = width
    for i, (f, sheet, at) in enumerate(rows, 2):
        where = f"{sheet.title}!{get_column_letter(at[1])}{at[0]}" if sheet is not None and at else (
            f.cell or "（文件）")
        values = (i - 1, WORDS[f.severity], f.rule, f.title, where, f.unit or "", f.project_code or "",
                  f.project or "", f.indicator or "", f.message)
        for j, value in enumerate(values, 1):
            cell = ws.cell(row=i, column=j, value=neutralise(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"
        ws.cell(row=i, column=2).fill = PatternFill("solid", fgColor=FILLS[f.severity])
        if sheet is not None and at:
            link = ws.cell(row=i, column=5)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=_link_target(sheet.title, *at))
            link.style = "Hyperlink"
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{len(rows) + 1}"
    book.active = 0
    for other in book.worksheets[1:]:
        other.sheet_view.tabSelected = False


def annotate_file(source: Path, findings: list[Finding], dest: Path) -> Annotated:
    """Write the annotated copy of one input to `dest` (never to the input itself)."""
    refuse_overwrite([source], [dest])
    book = _copy_of(source)
    listed: list[tuple[Finding, Worksheet | None, tuple[int, int] | None]] = []
    per_cell: dict[tuple[str, int, int], list[Finding]] = defaultdict(list)
    for f in findings:
        ws = _sheet_for(book, f.sheet)
        at = _target(ws, f) if ws is not None else None
        listed.append((f, ws, at))
        if ws is not None and at is not None:
            per_cell[(ws.title, *at)].append(f)
    for (title, row, col), items in per_cell.items():
        _mark(book[title], row, col, items)
    _review_sheet(book, listed)
    dest.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    book.save(buf)
    try:
        dest.write_bytes(buf.getvalue())
    except OSError as err:
        raise AnnotateError(str(dest), f"无法写入：{err.strerror or err}") from None
    return Annotated(source=source, dest=dest, cells=len(per_cell), findings=len(findings))


def annotate_run(result: RunResult, target: Path) -> list[Annotated]:
    """An annotated copy of every file of the run that could be read (file order)."""
    readable = [Path(fr.path) for fr in result.files if not fr.error]
    all_inputs = [Path(fr.path) for fr in result.files]
    destinations = plan(readable, target) if readable else {}
    refuse_overwrite(all_inputs, destinations.values())
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        by_file[f.file].append(f)
    return [annotate_file(src, by_file.get(str(src), []), dest) for src, dest in destinations.items()]
