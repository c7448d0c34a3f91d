"""One row per finding, shared by the csv and xlsx exports, and the guard against formula injection."""
from __future__ import annotations

from typing import Any

from ..models import Finding

# Cells starting with these are read as formulas (or DDE) by Excel, LibreOffice and Google Sheets.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
SAFE_PREFIX = "'"

COLUMNS: dict[str, tuple[str, str]] = {  # field -> (zh header, en header)
    "severity": ("级别", "severity"),
    "rule": ("规则", "rule"),
    "title": ("名称", "title"),
    "message": ("问题说明", "message"),
    "file": ("文件", "file"),
    "sheet": ("工作表", "sheet"),
    "cell": ("单元格", "cell"),
    "row": ("行", "row"),
    "column": ("列", "column"),
    "unit": ("单位", "unit"),
    "project_code": ("项目编码", "project code"),
    "project": ("项目", "project"),
    "indicator": ("指标", "indicator"),
}
SEVERITY_WORDS = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
                  "en": {"error": "error", "warning": "warning", "info": "info"}}


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; other values pass through."""
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return SAFE_PREFIX + value
    return value


def headers(lang: str) -> list[str]:
    i = 1 if lang == "en" else 0
    return [names[i] for names in COLUMNS.values()]


def rows(findings: list[Finding], lang: str) -> list[list[Any]]:
    """Every finding as a list of safe cell values in COLUMNS order (row stays a number)."""
    words = SEVERITY_WORDS["en" if lang == "en" else "zh"]
    out: list[list[Any]] = []
    for f in findings:
        cell = f"{f.column or ''}{f.row}" if f.row is not None else ""
        values = {
            "severity": words[f.severity], "rule": f.rule, "title": f.title, "message": f.message,
            "file": f.file, "sheet": f.sheet or "", "cell": cell, "row": f.row, "column": f.column or "",
            "unit": f.unit or "", "project_code": f.project_code or "", "project": f.project or "",
            "indicator": f.indicator or "",
        }
        out.append([neutralise(values[k]) for k in COLUMNS])
    return out
