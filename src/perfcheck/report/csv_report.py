"""One row per finding as CSV for auditors who work in Excel; formula-like text is neutralised."""
from __future__ import annotations

import csv
import io

from ..run import RunResult
from .table import headers, rows


def render(result: RunResult, lang: str = "zh") -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(headers(lang))
    for row in rows(result.findings, lang):
        writer.writerow(["" if v is None else v for v in row])
    return buf.getvalue()
