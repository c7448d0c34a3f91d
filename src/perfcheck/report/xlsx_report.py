"""One row per finding as an Excel sheet, plus a file sheet; every text cell is written as a string."""
from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..run import RunResult
from .table import headers, neutralise, rows

FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
WIDTHS = {"问题说明": 60, "message": 60, "文件": 30, "file": 30, "项目": 28, "project": 28, "指标": 24,
          "indicator": 24, "单位": 20, "unit": 20, "名称": 18, "title": 18}


def put(ws: Worksheet, row: int, col: int, value: Any) -> None:
    """Write one cell; text is neutralised and forced to a string so it can never become a formula."""
    cell = ws.cell(row=row, column=col)
    value = neutralise(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def _sheet(ws: Worksheet, head: list[str], body: list[list[Any]], fills: list[str | None] | None = None) -> None:
    for j, name in enumerate(head, 1):
        put(ws, 1, j, name)
        ws.cell(row=1, column=j).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(j)].width = WIDTHS.get(name, 12)
    for i, values in enumerate(body, 2):
        for j, v in enumerate(values, 1):
            put(ws, i, j, v)
        if fills and fills[i - 2]:
            ws.cell(row=i, column=1).fill = PatternFill("solid", fgColor=fills[i - 2])
    ws.freeze_panes = "A2"
    if body:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(head))}{len(body) + 1}"


def render_bytes(result: RunResult, lang: str = "zh") -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = "Findings" if lang == "en" else "问题清单"
    _sheet(ws, headers(lang), rows(result.findings, lang), [FILLS[f.severity] for f in result.findings])
    files = book.create_sheet("Files" if lang == "en" else "文件")
    head = (["file", "layout", "projects", "indicators", "error"] if lang == "en"
            else ["文件", "格式", "项目数", "指标数", "无法读取"])
    _sheet(files, head, [[f.path, f.layout or "", f.projects, f.indicators, f.error or ""] for f in result.files])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
