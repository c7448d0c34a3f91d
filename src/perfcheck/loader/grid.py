"""Read a sheet or a CSV into a grid of cell values that knows Excel row numbers and merged ranges."""
from __future__ import annotations

import csv
import io
import zipfile
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from .cells import text
from .formulas import literal_formulas, sheet_paths

Merged = tuple[tuple[int, int], tuple[int, int]]


@dataclass
class Grid:
    """Cells of one sheet: ``rows[i][j]`` is Excel row ``first_row + i``, column index ``j`` (A = 0)."""

    name: str
    rows: list[list[Any]]
    first_row: int = 1
    merged: list[Merged] = field(default_factory=list)   # ((r0, c0), (r1, c1)), 0-based absolute
    hidden: bool = False

    def cell(self, i: int, j: int) -> Any:
        """Value at row index i, column j ('' outside the grid)."""
        if 0 <= i < len(self.rows):
            row = self.rows[i]
            if j < len(row):
                return row[j]
        return ""

    def row_texts(self, i: int) -> list[str]:
        """Stripped texts of row index i."""
        return [text(v) for v in self.rows[i]] if 0 <= i < len(self.rows) else []

    def is_empty(self) -> bool:
        return not any(text(v) for row in self.rows for v in row)


def _place(rows: list[list[Any]], first_row: int, patches: dict[tuple[int, int], str]) -> tuple[list[list[Any]], int]:
    """Write patched cells into the grid, growing it where a patched cell lies outside."""
    top = min(r for r, _ in patches)
    if top < first_row - 1:
        rows = [[] for _ in range(first_row - 1 - top)] + rows
        first_row = top + 1
    for (r, c), value in patches.items():
        i = r - (first_row - 1)
        while i >= len(rows):
            rows.append([])
        row = rows[i]
        if c >= len(row):
            row.extend([""] * (c + 1 - len(row)))
        row[c] = value
    return rows, first_row


def read_workbook(path: Path, *, by_content: bool, zf: zipfile.ZipFile | None) -> list[Grid]:
    """Every worksheet of an xlsx/xlsm/xls/ods file as a Grid (literal formulas recovered for xlsx)."""
    if by_content:
        with open(path, "rb") as fh:
            book = CalamineWorkbook.from_filelike(io.BytesIO(fh.read()))
    else:
        book = CalamineWorkbook.from_path(str(path))
    members = sheet_paths(zf) if zf is not None else {}
    # calamine releases the GIL while it parses: scan for formulas at the same time
    pool = ThreadPoolExecutor(max_workers=1) if members else None
    scan = pool.submit(_scan_formulas, path, members) if pool is not None else None
    grids: list[Grid] = []
    try:
        with book:
            grids = _grids(book, scan)
    finally:
        if pool is not None:
            pool.shutdown(wait=True)
    return grids


def _scan_formulas(path: Path, members: dict[str, str]) -> dict[str, dict[tuple[int, int], str]]:
    """Sheet name → literal formula cells, read through its own zip handle (zipfile is not thread-safe)."""
    out: dict[str, dict[tuple[int, int], str]] = {}
    with zipfile.ZipFile(path) as zf:
        for name, member in members.items():
            try:
                out[name] = literal_formulas(zf, member)
            except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error):
                out[name] = {}          # calamine read the cells; only the formula recovery is lost
    return out


def _grids(book: CalamineWorkbook, scan: Future[dict[str, dict[tuple[int, int], str]]] | None) -> list[Grid]:
    """Read each worksheet (chart sheets skipped), then write recovered formula literals into it."""
    grids: list[Grid] = []
    metas = {m.name: m for m in book.sheets_metadata}
    for name in book.sheet_names:
        meta = metas.get(name)
        if meta is not None and meta.typ != SheetTypeEnum.WorkSheet:
            continue
        sheet = book.get_sheet_by_name(name)
        start = sheet.start
        rows: list[list[Any]] = sheet.to_python(skip_empty_area=True) if start is not None else []
        r0, c0 = start if start is not None else (0, 0)
        if c0:                                  # keep list index == column index (A = 0)
            pad = [""] * c0
            rows = [pad + row for row in rows]
        hidden = meta is not None and meta.visible != SheetVisibleEnum.Visible
        grids.append(Grid(name=name, rows=rows, first_row=r0 + 1,
                          merged=list(sheet.merged_cell_ranges or []), hidden=hidden))
    if scan is not None:
        formulas = scan.result()
        for g in grids:
            patches = formulas.get(g.name)
            if patches:
                g.rows, g.first_row = _place(g.rows, g.first_row, patches)
    return grids


# ---------------------------------------------------------------- CSV
def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (what Excel on Chinese Windows writes)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _delimiter(sample: str) -> str:
    """Comma unless the first lines are clearly tab- or semicolon-separated."""
    lines = [ln for ln in sample.splitlines()[:20] if ln.strip()]
    counts = {d: sum(ln.count(d) for ln in lines) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def read_csv(path: Path, data: bytes) -> Grid:
    """A CSV file as one Grid with no sheet name; row numbers are records as a spreadsheet shows them."""
    content = decode_text(data)
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=_delimiter(content[:20000]))
    rows: list[list[Any]] = [row for row in reader]
    return Grid(name="", rows=rows, first_row=1)
