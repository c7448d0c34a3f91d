"""Hostile input through the CLI: every bad file is one clear line naming the file and the reason (Chinese,
English with --lang en) and exit 2, or it is read and gives findings; never a traceback; one bad file in a
batch never stops the others."""
from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from perfcheck.cli import app

DATA = Path(__file__).parent / "data"
SRC = Path(__file__).parents[1] / "src"
HEADER = ["单位名称", "项目名称", "项目金额（万元）", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值",
          "计量单位", "是否核心指标"]
GOAL = "为500名老年人提供助餐服务，老年人满意度达到90%以上"
ROWS = [["区民政局", "社区养老服务", 120, GOAL, "产出指标", "数量指标", "助餐服务老年人数", "≥500", "人", "是"],
        ["", "", "", "", "", "时效指标", "资金拨付及时率", "≥98", "%", "否"],
        ["", "", "", "", "效益指标", "社会效益指标", "政策知晓率", "≥90", "%", "否"],
        ["", "", "", "", "满意度指标", "服务对象满意度指标", "老年人满意度", "≥90", "%", "否"]]
VALUE, AMOUNT, NAME, GOAL_COL = HEADER.index("指标值"), HEADER.index("项目金额（万元）"), HEADER.index("三级指标"), 3


def _book(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _rows(**cells: object) -> list[list[object]]:
    """ROWS with cells of the first row replaced: {'c7': value} sets column index 7."""
    first = list(ROWS[0])
    for key, value in cells.items():
        first[int(key[1:])] = value
    return [first, *ROWS[1:]]


def _rezip(path: Path, edit: Callable[[str, bytes], bytes]) -> Path:
    """Rewrite every member through ``edit(name, data)`` (to store what openpyxl will not write)."""
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            z.writestr(info.filename, edit(info.filename, data))
    return path


def _csv_text(rows: list[list[object]]) -> list[str]:
    return [",".join(str(c) for c in row) for row in [HEADER, *rows]]


# ---------------------------------------------------------------- the cases
def zero_bytes(d: Path) -> Path:
    (d / "zero.xlsx").write_bytes(b"")
    return d / "zero.xlsx"


def truncated_zip(d: Path) -> Path:
    data = _book(d / "whole.xlsx", ROWS).read_bytes()
    (d / "whole.xlsx").unlink()
    (d / "truncated.xlsx").write_bytes(data[: len(data) // 2])
    return d / "truncated.xlsx"


def text_renamed(d: Path) -> Path:
    (d / "renamed.xlsx").write_text("单位名称,项目名称\n区民政局,社区养老服务\n", encoding="utf-8")
    return d / "renamed.xlsx"


def encrypted(d: Path) -> Path:
    """A real password-protected workbook (made once with msoffcrypto-tool, password 'perfcheck')."""
    return Path(shutil.copy(DATA / "encrypted.xlsx", d / "encrypted.xlsx"))


def zip_bomb_declared(d: Path) -> Path:
    """A workbook whose central directory declares a 4 GiB sheet: refused before anything is inflated."""
    raw = bytearray(_book(d / "bomb.xlsx", ROWS).read_bytes())
    end = raw.rfind(b"PK\x05\x06")
    entries, start = struct.unpack_from("<H", raw, end + 10)[0], struct.unpack_from("<I", raw, end + 16)[0]
    for _ in range(entries):            # every central directory entry: uncompressed size at +24
        assert raw[start:start + 4] == b"PK\x01\x02"
        struct.pack_into("<I", raw, start + 24, 0xFFFFFFF0)
        n, m, k = struct.unpack_from("<HHH", raw, start + 28)
        start += 46 + n + m + k
    (d / "bomb.xlsx").write_bytes(bytes(raw))
    return d / "bomb.xlsx"


def zip_bomb_real(d: Path) -> Path:
    """A 40 KB workbook that really inflates to 40 MB (refused under --max-size 10)."""
    path = _book(d / "bomb_real.xlsx", ROWS)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/padding.bin", b"\0" * (40 << 20))
    return path


def empty_workbook(d: Path) -> Path:
    Workbook().save(d / "empty.xlsx")
    return d / "empty.xlsx"


def no_header(d: Path) -> Path:
    return _book(d / "contacts.xlsx", [["张三", "123"], ["李四", "456"]], header=["姓名", "电话"])


def ten_mb_cell(d: Path) -> Path:
    """A goal cell and a name cell of 10 MB each (beyond what Excel itself can hold): read, cut, checked."""
    clause = "为500名老年人提供助餐服务，开展上门探访服务3000人次，"
    big = (clause * (10_000_000 // len(clause.encode()) + 1)).encode()          # 10 MB of UTF-8
    name = ("助" * (10_000_000 // 3)).encode()
    path = _book(d / "big_cell.xlsx", _rows(c3="@@GOAL@@", c6="@@NAME@@"))
    return _rezip(path, lambda member, data: data.replace(b"@@GOAL@@", big).replace(b"@@NAME@@", name))


def formulas_without_values(d: Path) -> Path:
    """A calculated 指标值 with no cached value (openpyxl writes none) and a typed '=100'."""
    return _book(d / "formulas.xlsx", [_rows(c7="=SUM(Z1:Z2)")[0], [*ROWS[1][:VALUE], "=100", *ROWS[1][VALUE + 1:]],
                                       *ROWS[2:]])


def numbers_as_text(d: Path) -> Path:
    return _book(d / "text_numbers.xlsx", _rows(c2="1,200", c7="500"))


def dates_for_numbers(d: Path) -> Path:
    day = datetime.datetime(2024, 12, 31)
    return _book(d / "dates.xlsx", _rows(c2=day, c7=day))


def gbk_csv(d: Path) -> Path:
    (d / "gbk.csv").write_bytes("\n".join(_csv_text(_rows(c7="有效提升"))).encode("gbk"))
    return d / "gbk.csv"


def mixed_line_endings(d: Path) -> Path:
    lines = _csv_text(ROWS)
    text = lines[0] + "\r\n" + lines[1] + "\n" + lines[2] + "\r" + lines[3] + "\r\n" + lines[4] + "\n"
    (d / "mixed.csv").write_bytes(text.encode("utf-8"))
    return d / "mixed.csv"


def duplicate_headers(d: Path) -> Path:
    return _book(d / "dup_header.xlsx", [[*r, "不适用"] for r in ROWS], header=[*HEADER, "指标值"])


def sixteen_k_columns(d: Path) -> Path:
    """Excel's full width (16,384 columns, to XFD) with the table in the first ten."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("绩效目标表")
    pad = 16384 - len(HEADER)
    ws.append([*HEADER, *(f"备用{i}" for i in range(pad))])
    for row in ROWS:
        ws.append([*row, *(["x"] * pad)])
    wb.save(d / "wide.xlsx")
    return d / "wide.xlsx"


# name → (builder, extra CLI args, (Chinese reason, English reason) or None when the file is read)
ERRORS: dict[str, tuple[Callable[[Path], Path], list[str], tuple[str, str]]] = {
    "zero-byte file": (zero_bytes, [], ("文件为空（0字节）", "the file is empty (0 bytes)")),
    "truncated zip": (truncated_zip, [], ("文件已损坏或不是有效的Excel文件", "damaged or not a valid Excel")),
    "text renamed .xlsx": (text_renamed, [], ("改了扩展名的文本文件", "text file renamed")),
    "encrypted workbook": (encrypted, [], ("工作簿已加密", "the workbook is encrypted")),
    "zip bomb (declared size)": (zip_bomb_declared, [], ("疑似压缩炸弹", "suspected zip bomb")),
    "zip bomb (--max-size)": (zip_bomb_real, ["--max-size", "10"], ("超过10MB", "more than 10MB")),
    "empty workbook": (empty_workbook, [], ("工作簿为空", "the workbook is empty")),
    "no recognisable header": (no_header, [], ("未找到可识别的表头", "no recognisable header")),
}
READ: dict[str, Callable[[Path], Path]] = {
    "10 MB single cell": ten_mb_cell,
    "formulas without cached values": formulas_without_values,
    "numbers stored as text": numbers_as_text,
    "dates where numbers belong": dates_for_numbers,
    "GBK CSV without BOM": gbk_csv,
    "CSV with mixed line endings": mixed_line_endings,
    "duplicate header columns": duplicate_headers,
    "16,384 columns": sixteen_k_columns,
}
runner = CliRunner()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("bad")
    built = {name: build(d) for name, (build, _, _) in ERRORS.items()}
    built.update({name: build(d) for name, build in READ.items()})
    return built


def lint(*args: object) -> tuple[int, dict, str]:
    res = runner.invoke(app, ["lint", "--no-config", "-j", "1", "--format", "json", *map(str, args)])
    assert "Traceback" not in res.output and (res.exception is None or isinstance(res.exception, SystemExit)), \
        res.output
    return res.exit_code, json.loads(res.stdout), res.output


@pytest.mark.parametrize("case", list(ERRORS))
def test_unreadable_file_is_one_line_naming_file_and_reason(files: dict[str, Path], case: str) -> None:
    path, (_, extra, (zh, en)) = files[case], ERRORS[case]
    for lang, reason in (("zh", zh), ("en", en)):
        code, doc, output = lint(path, *extra, "--lang", lang)
        error = doc["files"][0]["error"]
        assert code == 2, (case, doc)
        assert error.startswith(f"{path}: ") and "\n" not in error
        assert reason in error, (lang, error)
        if lang == "en":
            assert not re.search(r"[\u4e00-\u9fff]", error.split(": ", 1)[1].replace("三级指标/指标名称", "")
                                 .replace("指标值", "")), error
        lines = [ln for ln in output.splitlines() if ln.startswith("perfcheck: ")]
        assert lines == [f"perfcheck: {error}"]      # the same one line on stderr


@pytest.mark.parametrize("case", list(READ))
def test_odd_but_readable_file_gives_findings(files: dict[str, Path], case: str) -> None:
    code, doc, _ = lint(files[case])
    assert code in (0, 1) and doc["files"][0]["error"] is None, doc["files"]
    assert doc["files"][0]["projects"] == 1 and doc["files"][0]["indicators"] == 4, (case, doc["files"])
    assert all(len(f["message"]) < 600 for f in doc["findings"])   # a message quotes a cell, never 10 MB of it


def test_what_odd_files_are_read_as(files: dict[str, Path]) -> None:
    rules = {case: {f["rule"] for f in lint(files[case])[1]["findings"]} for case in READ}
    assert "PC107" in rules["formulas without cached values"]      # =SUM(…) with no value: an empty target
    assert "PC205" not in rules["numbers stored as text"] and "PC503" not in rules["numbers stored as text"]
    assert {"PC205", "PC503"} <= rules["dates where numbers belong"]   # a date is no target, nor an amount
    assert "PC302" in rules["GBK CSV without BOM"]                  # 有效提升 decoded and read
    assert "PC208" in rules["10 MB single cell"]                    # the name is cut at 32,767 characters, not lost
    gbk = lint(files["GBK CSV without BOM"])[1]["findings"]
    assert {f["project"] for f in gbk} == {"社区养老服务"}


def test_one_bad_file_never_stops_the_batch(files: dict[str, Path], tmp_path: Path) -> None:
    """A directory of every case and a good file, through a real process and two workers."""
    batch = tmp_path / "报送材料"
    batch.mkdir()
    for case, path in files.items():
        if case != "zip bomb (--max-size)":      # 40 MB of padding is only refused with a lowered limit
            shutil.copy(path, batch / path.name)
    _book(batch / "good.xlsx", _rows(c7="有效提升"))
    for lang in ("zh", "en"):
        proc = subprocess.run(
            [sys.executable, "-m", "perfcheck", "lint", str(batch), "--no-config", "-j", "2", "--format", "json",
             "--lang", lang, "-o", str(tmp_path / f"out-{lang}.json")],
            capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(SRC)), timeout=120, check=False)
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr + proc.stdout
        doc = json.loads((tmp_path / f"out-{lang}.json").read_text(encoding="utf-8"))
        errors = {Path(f["path"]).name: f["error"] for f in doc["files"] if f["error"]}
        unreadable = {files[c].name for c in ERRORS if c != "zip bomb (--max-size)"}
        assert set(errors) == unreadable
        assert sorted(proc.stderr.splitlines()) == sorted(f"perfcheck: {e}" for e in errors.values())
        read = {Path(f["path"]).name for f in doc["files"] if not f["error"]}
        assert read == {files[c].name for c in READ} | {"good.xlsx"}
        good = [f for f in doc["findings"] if Path(f["file"]).name == "good.xlsx"]
        assert "PC302" in {f["rule"] for f in good}
