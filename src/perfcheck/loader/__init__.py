"""Read a spreadsheet or CSV of performance goals into a Workbook; the only module that touches file formats.

``load(path)`` detects the format from the file's content (not only its extension) and
the layout from its cells: flat table, two sheets (projects + indicators), per-project
or department forms, CSV. A file that cannot be read raises ``LoadError`` with a
one-line Chinese reason; it never lets a reader's traceback through.
"""
from __future__ import annotations

import gc
import zipfile
from pathlib import Path

from ..errors import LoadError
from ..models import Indicator, LoadNote, Project, Workbook
from . import form
from .flat import read_table
from .grid import Grid, read_csv, read_workbook
from .header import Header, find_header
from .two_sheets import join

__all__ = ["LAYOUTS", "MAX_UNCOMPRESSED_BYTES", "LoadError", "load"]

MAX_UNCOMPRESSED_BYTES = 1 << 30            # refuse zips that inflate beyond 1 GiB (zip bombs)
LAYOUTS = ("flat", "two_sheets", "form", "dept", "csv")

# every reason a file cannot be read, in Chinese and English (LoadError.message(lang) picks one)
CORRUPT = "文件已损坏或不是有效的Excel文件"
EMPTY_BOOK = "工作簿为空"
NO_HEADER = "未找到可识别的表头（需要“三级指标/指标名称”和“指标值”等列）"
ENCRYPTED = "工作簿已加密（设置了打开密码），请取消密码后再检查"
EN = {
    CORRUPT: "the file is damaged or not a valid Excel workbook",
    CORRUPT + "（可能是改了扩展名的文本文件）": "the file is damaged or not a valid Excel workbook "
                                               "(perhaps a text file renamed to a spreadsheet extension)",
    EMPTY_BOOK: "the workbook is empty",
    NO_HEADER: "no recognisable header (columns such as 三级指标/指标名称 (indicator) and 指标值 (target) are needed)",
    ENCRYPTED: "the workbook is encrypted (it has an open password); remove the password and check it again",
    "文件过大，内存不足，无法读取": "the file is too large: out of memory while reading it",
    "没有读取该文件的权限": "no permission to read the file",
    "文件不存在": "no such file",
    "这是一个文件夹，不是文件": "this is a directory, not a file",
    "文件为空（0字节）": "the file is empty (0 bytes)",
    "文件是网页（HTML）或XML格式，不是真正的Excel文件，请用Excel打开后另存为.xlsx":
        "the file is a web page (HTML) or XML, not a real Excel workbook; open it in Excel and save it as .xlsx",
    "文件是Word文档，不是Excel表格": "the file is a Word document, not an Excel workbook",
    "未找到项目表和指标表（两表格式需要一个项目表和一个引用项目编码或名称的指标表）":
        "no project sheet and indicator sheet found (the two-sheet layout needs a sheet of projects and a sheet "
        "of indicators that names them by code or name)",
    "未找到项目支出绩效目标表（表单格式）": "no project goal form (项目支出绩效目标表) found",
}


def _error(path: str, reason: str, en: str | None = None) -> LoadError:
    """A LoadError with its English reason (from EN unless given)."""
    return LoadError(path, reason, en=en or EN.get(reason))
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_TEXT_EXT = (".csv", ".txt", ".tsv")


def load(path: str | Path, *, max_bytes: int = MAX_UNCOMPRESSED_BYTES, layout: str | None = None) -> Workbook:
    """Read one file into a Workbook; ``layout`` may force one of LAYOUTS' readers."""
    if layout is not None and layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {LAYOUTS}")
    spath = str(path)
    gc_was_enabled = gc.isenabled()
    gc.disable()        # a load allocates ~10 objects per cell and frees none: collections only cost time
    try:
        grids, is_csv = _read(Path(path), spath, max_bytes)
        return _build(spath, grids, is_csv, layout)
    except LoadError:
        raise
    except MemoryError:
        raise _error(spath, "文件过大，内存不足，无法读取") from None
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - calamine raises its own types and pyo3 panics
        raise _error(spath, *_reason(exc)) from None
    finally:
        if gc_was_enabled:
            gc.enable()


def _reason(exc: BaseException) -> tuple[str, str | None]:
    """A one-line reason for a reader's exception, in Chinese and (when it differs from EN's) English."""
    name = type(exc).__name__
    if name == "PasswordError":
        return ENCRYPTED, None
    if isinstance(exc, PermissionError):
        return "没有读取该文件的权限", None
    if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile):
        detail = exc.strerror or str(exc)
        return f"无法读取文件：{detail}", f"cannot read the file: {detail}"
    return CORRUPT, None


def _size(n: int) -> str:
    """Bytes as whole MB, or KB below 1 MB (a limit lowered with --max-size)."""
    return f"{n / (1 << 20):.0f}MB" if n >= (1 << 20) else f"{n / 1024:.1f}KB"


def _read(p: Path, spath: str, max_bytes: int) -> tuple[list[Grid], bool]:
    """Grids of every sheet, and whether the file is a CSV."""
    if not p.exists():
        raise _error(spath, "文件不存在")
    if p.is_dir():
        raise _error(spath, "这是一个文件夹，不是文件")
    if p.stat().st_size == 0:
        raise _error(spath, "文件为空（0字节）")
    with open(p, "rb") as fh:
        head = fh.read(8)
    ext = p.suffix.lower()
    if head.startswith(b"PK"):
        return _read_zip(p, spath, ext, max_bytes), False
    if head.startswith(_OLE):
        data = p.read_bytes()
        if _ENCRYPTED in data:
            raise _error(spath, ENCRYPTED)
        return read_workbook(p, by_content=ext != ".xls", zf=None), False
    sniff = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sniff.startswith((b"<html", b"<!doc", b"<table", b"<?xml", b"<meta", b"<head")):
        raise _error(spath, "文件是网页（HTML）或XML格式，不是真正的Excel文件，请用Excel打开后另存为.xlsx")
    if ext in _TEXT_EXT:
        return [read_csv(p, p.read_bytes())], True
    if ext in (".xlsx", ".xlsm", ".xls", ".ods"):
        raise _error(spath, CORRUPT + "（可能是改了扩展名的文本文件）")
    raise _error(spath, f"不支持的文件类型“{ext or '无扩展名'}”（支持 .xlsx .xlsm .xls .ods .csv）",
                 f"unsupported file type '{ext or 'no extension'}' (perfcheck reads .xlsx .xlsm .xls .ods .csv)")


def _read_zip(p: Path, spath: str, ext: str, max_bytes: int) -> list[Grid]:
    try:
        zf = zipfile.ZipFile(p)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise _error(spath, CORRUPT) from None
    with zf:
        total = sum(i.file_size for i in zf.infolist())
        if total > max_bytes:
            limit, size = _size(max_bytes), _size(total)
            raise _error(spath, f"文件解压后超过{limit}（{size}），疑似压缩炸弹，已拒绝读取（可用 --max-size 调整上限）",
                         f"the file inflates to more than {limit} ({size}) when unzipped: a suspected zip bomb, "
                         "not read (--max-size sets the limit)")
        names = set(zf.namelist())
        if "xl/workbook.xml" in names:
            kind = ".xlsx"
        elif "content.xml" in names and b"spreadsheet" in (zf.read("mimetype") if "mimetype" in names else b"spreadsheet"):
            kind = ".ods"
        elif "word/document.xml" in names:
            raise _error(spath, "文件是Word文档，不是Excel表格")
        else:
            raise _error(spath, CORRUPT)
        by_content = not (ext == kind or (kind == ".xlsx" and ext == ".xlsm"))
        return read_workbook(p, by_content=by_content, zf=zf if kind == ".xlsx" else None)


def _build(spath: str, grids: list[Grid], is_csv: bool, force: str | None) -> Workbook:
    """Classify each sheet, read it with its layout's reader, and assemble the Workbook."""
    notes: list[LoadNote] = []
    sheets = [g for g in grids if not g.is_empty()]
    if not sheets:
        raise _error(spath, EMPTY_BOOK)
    flat: list[Project] = []
    forms: list[Project] = []
    project_tables: list[tuple[Grid, Header]] = []
    indicator_tables: list[tuple[Grid, Header]] = []
    has_core = self_eval = False
    for g in sheets:
        anchors = form.find_anchors(g) if force in (None, "form", "dept") and not is_csv else []
        if anchors:
            projects, core, se = form.read_forms(g, anchors)
            forms.extend(projects)
            has_core |= core
            self_eval |= se
            continue
        header = find_header(g) if force not in ("form", "dept") else None
        kind = header.kind if header is not None else None
        if header is None or kind is None:
            if not g.hidden:
                notes.append(LoadNote(sheet=g.name or None, message="未识别出绩效目标表格结构，已跳过该工作表"))
            continue
        if kind != "projects":
            has_core |= "core" in header.fields
        self_eval |= header.is_self_eval
        if kind == "flat" or (kind == "indicators" and force == "flat"):
            flat.extend(read_table(g, header, notes))
        elif kind == "projects":
            project_tables.append((g, header))
        else:
            indicator_tables.append((g, header))
    orphans: list[Indicator] = []
    paired: list[Project] = []
    if project_tables and indicator_tables and force in (None, "two_sheets"):
        paired, orphans = join(project_tables, indicator_tables, notes)
    elif force == "two_sheets":
        raise _error(spath, "未找到项目表和指标表（两表格式需要一个项目表和一个引用项目编码或名称的指标表）")
    else:
        for g, header in project_tables + indicator_tables:
            flat.extend(read_table(g, header, notes))
    if not (flat or forms or paired or orphans):
        raise _error(spath, "未找到项目支出绩效目标表（表单格式）" if force in ("form", "dept") else NO_HEADER)
    layout = _layout(is_csv, flat, forms, paired) if force in (None, "csv") else force
    return Workbook(
        path=spath, layout=layout, projects=paired + flat + forms, has_core_column=has_core,
        is_self_eval=self_eval, notes=notes, orphans=orphans,
    )


def _layout(is_csv: bool, flat: list[Project], forms: list[Project], paired: list[Project]) -> str:
    """The layout that holds most of the projects."""
    if is_csv:
        return "csv"
    counts = {"two_sheets": len(paired), "flat": len(flat), "form": len(forms)}
    best = max(counts, key=lambda k: counts[k])
    if best == "form" and forms and all(p.kind == "department" for p in forms):
        return "dept"
    return best
