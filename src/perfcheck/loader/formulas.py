"""Recover what a filer typed into cells that Excel-writing tools stored as formulas without a value.

A filer who types ``=100`` (meaning the target "= 100") or a lone ``=`` into a cell
written by openpyxl gets ``<c r="L7"><f>100</f><v>0</v></c>``: a formula with no
cached result, which calamine reads as 0. For literal formulas (empty, a number, a
plain token without references or functions) the loader shows '=' + the formula text
instead; real formulas keep calamine's cached value.
"""
from __future__ import annotations

import html
import posixpath
import re
import zipfile
from xml.etree import ElementTree as ET

from .cells import col_index

_F_TAG = re.compile(rb"<f[\s>/]")
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_F_BODY = re.compile(rb"<f\b([^>]*?)(?:/>|>([^<]*)</f>)")
_CHUNK = 1 << 22

_NUMERIC = re.compile(r"^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*%?\s*$")
_HAS_REF = re.compile(r"\$?[A-Za-z]{1,3}\$?\d+|[Rr]\d*[Cc]\d*\b|[!\[\](){}\"]")
_NAME_ONLY = re.compile(r"^\s*[A-Za-z_\\][A-Za-z0-9_.]*\s*$")
_ARITH = re.compile(r"(?<=[\w%)])\s*[-+*/^&]")

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def is_literal(formula: str) -> bool:
    """True for '', '100', '100%', '>=95', '好': what a person typed after '=', not a calculation."""
    if _NUMERIC.match(formula) or not formula.strip():
        return True
    return not (_HAS_REF.search(formula) or _NAME_ONLY.match(formula) or _ARITH.search(formula))


def uncompressed_size(zf: zipfile.ZipFile) -> int:
    """Declared total size of all members (zip-bomb guard)."""
    return sum(i.file_size for i in zf.infolist())


def sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → worksheet XML member, from xl/workbook.xml and its relationships."""
    try:
        book = ET.fromstring(zf.read("xl/workbook.xml"))
        rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        return {}
    targets: dict[str, str] = {}
    for rel in rels.iter(f"{_NS_PKG}Relationship"):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id", "")] = target
    out: dict[str, str] = {}
    for sheet in book.iter(f"{_NS_MAIN}sheet"):
        rid = sheet.get(f"{_NS_REL}id") or next((v for k, v in sheet.attrib.items() if k.endswith("}id")), "")
        if rid in targets:
            out[sheet.get("name", "")] = targets[rid]
    return out


def _has_formula(zf: zipfile.ZipFile, member: str) -> bool:
    """Stream the member looking for an <f> element, without holding it all in memory."""
    tail = b""
    with zf.open(member) as fh:
        while chunk := fh.read(_CHUNK):
            if _F_TAG.search(tail + chunk):
                return True
            tail = chunk[-8:]
    return False


def literal_formulas(zf: zipfile.ZipFile, member: str) -> dict[tuple[int, int], str]:
    """(0-based row, 0-based col) → '=' + text of each literal formula in one worksheet."""
    if member not in zf.namelist() or not _has_formula(zf, member):
        return {}
    data = zf.read(member)
    out: dict[tuple[int, int], str] = {}
    for m in _F_TAG.finditer(data):
        start = data.rfind(b"<c ", 0, m.start())
        if start < 0:
            continue
        tag_end = data.find(b">", start)
        ref = _CELL_REF.search(data, start, tag_end + 1)
        body = _F_BODY.match(data, m.start())
        if not ref or not body:
            continue
        attrs = body.group(1)
        if b't="shared"' in attrs or b't="array"' in attrs or b't="dataTable"' in attrs:
            continue
        formula = html.unescape((body.group(2) or b"").decode("utf-8", "replace"))
        if is_literal(formula):
            key = (int(ref.group(2)) - 1, col_index(ref.group(1).decode()))
            out[key] = "=" + formula.strip()
    return out
