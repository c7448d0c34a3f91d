"""Fixture workbooks built in code (openpyxl, real merged cells), so tests show exactly what a file holds."""
from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

Rows = list[list[Any]]

FLAT_HEADER = ["单位名称", "项目编码", "项目名称", "项目类型", "项目性质", "项目金额（万元）", "是否开展事前绩效评估",
               "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位", "是否核心指标"]


def write_xlsx(path: Path, sheets: dict[str, Rows], merges: dict[str, list[str]] | None = None,
               origin: dict[str, str] | None = None) -> Path:
    """An .xlsx with one sheet per entry; ``merges`` are A1 ranges; ``origin`` moves a sheet's top-left (e.g. 'C5')."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        r0, c0 = 1, 1
        if origin and name in origin:
            m = re.match(r"([A-Z]+)(\d+)", origin[name])
            assert m
            c0 = sum((ord(ch) - 64) * 26 ** k for k, ch in enumerate(reversed(m.group(1))))
            r0 = int(m.group(2))
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if value is not None and value != "":
                    ws.cell(row=r0 + i, column=c0 + j, value=value)
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
    wb.save(path)
    return path


def patch_sheet_xml(path: Path, sheet: int, replace: dict[str, str]) -> Path:
    """Rewrite cells of xl/worksheets/sheet{n}.xml, to store what openpyxl cannot write (e.g. ``<f></f>``)."""
    member = f"xl/worksheets/sheet{sheet}.xml"
    with zipfile.ZipFile(path) as zin:
        items = [(i, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            if info.filename == member:
                text = data.decode("utf-8")
                for old, new in replace.items():
                    assert old in text, old
                    text = text.replace(old, new)
                data = text.encode("utf-8")
            zout.writestr(info, data)
    return path


def write_ods(path: Path, rows: Rows, name: str = "Sheet1") -> Path:
    """A minimal OpenDocument spreadsheet (no writer library needed)."""
    def cell(v: Any) -> str:
        if v is None or v == "":
            return "<table:table-cell/>"
        if isinstance(v, (int, float)):
            return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{name}">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def flat_rows(title_unit: str = "单位：万元") -> Rows:
    """Two title rows, the header on row 3, two projects with carried-forward blanks (data from row 4)."""
    blank8 = [""] * 8
    return [
        ["2024年度区级部门项目支出绩效目标表"],
        [title_unit],
        FLAT_HEADER,
        ["区残联", "P-001", "辅助器具适配", "重点项目", "新增", 370, "是", "全年适配辅助器具1000件，回访率达到95%以上。",
         "产出指标", "数量指标", "适配辅助器具件数", "≥", 1000, "件", "是"],
        blank8 + ["", "质量指标", "回访率", "≥", 95, "%", "√"],
        blank8 + ["", "时效指标", "资金拨付及时率", "=", 100, "%", "Y"],
        blank8 + ["效益", "社会效益指标", "政策知晓率", "≥", 90, "%", "1"],
        blank8 + ["", "", "群众受益面", "≥", 80, "%", "true"],
        blank8 + ["满意度指标", "服务对象满意度指标", "群众满意度", "≥", 90, "%", "否"],
        ["区司法局", "P-002", "社区矫正教育", "一般项目", "延续", "1,200", "否", "开展集中教育15次，报到率100%。",
         "产出指标", "数量指标", "集中教育次数", "大于等于", 15, "次", "N"],
        blank8 + ["", "", "个别教育次数", ">=", 30, "次", "0"],
        blank8 + ["", "时效指标", "按时报到率", "=", 100, "%", ""],
    ]


@pytest.fixture
def xlsx(tmp_path: Path) -> Callable[..., Path]:
    """Build an .xlsx in tmp_path: xlsx(name, {sheet: rows}, merges={sheet: ['A4:A9']})."""
    def build(name: str, sheets: dict[str, Rows], **kw: Any) -> Path:
        return write_xlsx(tmp_path / name, sheets, **kw)
    return build


@pytest.fixture
def flat_book(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "flat.xlsx", {"绩效目标表": flat_rows()}, merges={"绩效目标表": ["A1:O1", "A2:O2"]})


@pytest.fixture
def merged_book(tmp_path: Path) -> Path:
    """Layout 1 where project cells and 一级/二级指标 are real merged cells (as exported by budget systems)."""
    rows = [
        ["2024年项目支出绩效目标申报表"],
        ["预算单位名称", "项目代码", "项目名称", "项目类别", "预算金额", "年度目标", "一级指标", "二级指标", "指标名称",
         "年度指标值", "核心指标"],
        ["区卫健委", "X-01", "老年人体检", "一般", 31, "体检29000人次，管理率71%以上", "产出", "数量指标", "体检人次",
         "≥29000人次", "√"],
        ["", "", "", "", "", "", "", "质量指标", "健康管理率", "不低于71%", ""],
        ["", "", "", "", "", "", "", "", "档案规范率", "≥90%", ""],
        ["", "", "", "", "", "", "效益", "社会效益指标", "健康素养水平", "≥25%", ""],
        ["区卫健委", "X-02", "家庭医生签约", "重点", "", "签约130000人", "产出", "数量指标", "签约人数", "不少于130000人", "√"],
        ["", "", "", "", "", "", "", "时效指标", "资金支付进度", "100%", ""],
    ]
    merges = ["A1:K1", "A3:A6", "B3:B6", "C3:C6", "D3:D6", "E3:E6", "F3:F6", "G3:G5", "H4:H5",
              "A7:A8", "B7:B8", "C7:C8", "D7:D8", "E7:E8", "F7:F8", "G7:G8"]
    return write_xlsx(tmp_path / "merged.xlsx", {"Sheet1": rows}, merges={"Sheet1": merges})


def form_rows(name: str, unit: str, amount: float, goal: str, indicators: Iterable[tuple[str, str, str, str, str]],
              *, core: bool = True, title: str = "项目支出绩效目标表") -> tuple[Rows, list[tuple[int, int, int, int]]]:
    """One per-project form (and its merges as 0-based (r0, c0, r1, c1) relative to the form's first row)."""
    inds = list(indicators)
    head = ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"] + (["是否核心指标"] if core else [])
    rows: Rows = [
        [title], ["（2024年度）"],
        ["项目名称", name],
        ["主管部门", "区文旅委", "", "实施单位", unit],
        ["项目资金（万元）", "年度资金总额", amount],
        ["", "其中：财政拨款", amount],
        ["", "其他资金", 0],
        ["年度总体目标", goal],
        head,
    ]
    for k, (l1, l2, n, v, c) in enumerate(inds):
        rows.append(["", l1, l2, n, v] + ([c] if core else []))
    merges = [(0, 0, 0, 5), (1, 0, 1, 5), (2, 1, 2, 5), (4, 0, 6, 0), (7, 1, 7, 5), (8, 0, 8 + len(inds), 0)]
    return rows, merges


FORM_INDICATORS = [
    ("产出指标", "数量指标", "演出场次", "≥80场", "是"),
    ("", "质量指标", "节目审核通过率", "100%", "否"),
    ("", "时效指标", "计划完成及时率", "100%", "否"),
    ("效益指标", "社会效益指标", "观演人次", "不少于20000人次", "否"),
    ("满意度指标", "服务对象满意度指标", "观演群众满意度", "不低于90%", "否"),
]


def a1(r: int, c: int) -> str:
    letters = ""
    n = c + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{r + 1}"


@pytest.fixture
def stacked_forms(tmp_path: Path) -> Path:
    """50 forms stacked down one sheet, two blank rows between forms."""
    rows: Rows = []
    merges: list[str] = []
    for k in range(50):
        form, fm = form_rows(f"项目{k:02d}", f"单位{k % 7}", 100 + k, f"开展演出{80 + k}场，观演人次20000以上", FORM_INDICATORS)
        top = len(rows)
        rows.extend(form)
        merges.extend(f"{a1(top + r0, c0)}:{a1(top + r1, c1)}" for r0, c0, r1, c1 in fm)
        rows.extend([[], []])
    return write_xlsx(tmp_path / "forms.xlsx", {"项目支出绩效目标表": rows}, merges={"项目支出绩效目标表": merges})


@pytest.fixture
def sheet_forms(tmp_path: Path) -> Path:
    """One form per sheet, with 指标性质/度量单位 columns."""
    sheets: dict[str, Rows] = {}
    merges: dict[str, list[str]] = {}
    for k, name in enumerate(["餐厨垃圾收运", "公厕提档升级"]):
        rows, fm = form_rows(name, "区环卫所", 18 + k, "收运覆盖餐饮单位1100家", [], core=False)
        rows[-1] = ["绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "是否核心指标"]
        rows.append(["", "产出指标", "数量指标", "覆盖餐饮单位数量", "≥", 1100, "家", "是"])
        rows.append(["", "", "时效指标", "资金支付进度", "=", 100, "%", "否"])
        rows.append(["", "满意度指标", "服务对象满意度指标", "居民满意度", "≥", 90, "%", "否"])
        sheets[f"{k + 1:02d}{name}"] = rows
        merges[f"{k + 1:02d}{name}"] = [f"{a1(r0, c0)}:{a1(r1, c1)}" for r0, c0, r1, c1 in fm[:-1]] + ["A9:A12"]
    return write_xlsx(tmp_path / "sheet_forms.xlsx", sheets, merges=merges)


@pytest.fixture
def dept_form(tmp_path: Path) -> Path:
    rows: Rows = [
        ["部门整体支出绩效目标表"], ["（2024年度）"],
        ["部门名称", "区体育局"],
        ["年度预算数（万元）", 5200],
        ["年度履职目标", "组织全民健身赛事活动110场，新建健身设施74套"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "是否核心指标"],
        ["", "产出指标", "数量指标", "赛事活动场次", "≥110场", "是"],
        ["", "", "", "健身设施数量", "≥74套", "是"],
        ["", "效益指标", "社会效益指标", "经常锻炼人口比例", "≥44%", "否"],
    ]
    return write_xlsx(tmp_path / "dept.xlsx", {"部门整体": rows}, merges={"部门整体": ["A1:F1", "A6:A9", "B7:B8", "C7:C8"]})


@pytest.fixture
def self_eval_book(tmp_path: Path) -> Path:
    rows: Rows = [
        ["2024年度项目支出绩效自评表"],
        ["单位名称", "项目编码", "项目名称", "预算数（万元）", "执行数（万元）", "预算执行率", "年度绩效目标", "一级指标",
         "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施", "是否核心指标"],
        ["区城管局", "S-1", "排水管网疏掏", 130, 120.77, "92.9%", "疏掏管网300公里", "产出指标", "数量指标",
         "疏掏管网长度", "≥300公里", "312公里", 15, 15, "", "是"],
        ["", "", "", "", "", "", "", "", "时效指标", "资金拨付及时率", "100%", "90%", 15, 12, "资金到位晚", "否"],
        ["区体育局", "S-2", "足球场地建设", 140, 70, 0.5, "新建足球场地5个", "产出指标", "数量指标", "新建场地数量",
         "不少于5个", "4个", 20, 16, "", "是"],
    ]
    return write_xlsx(tmp_path / "self_eval.xlsx", {"自评表": rows})


CSV_ROWS = [
    "2024年项目支出绩效目标申报表",
    "预算单位,项目编码,项目名称,项目类别,资金总额（万元）,总体目标,一级指标,二级指标,三级指标,运算符,目标值,计量单位,是否核心指标",
    "区应急中心,C-1,救援队伍建设,一般项目,320,开展演练6次,产出指标,数量指标,演练次数,>=,6,次,是",
    "区应急中心,C-1,救援队伍建设,一般项目,320,开展演练6次,产出指标,时效指标,按期完成率,=,100,%,否",
    "区应急中心,C-1,救援队伍建设,一般项目,320,开展演练6次,满意度指标,服务对象满意度指标,居民满意度,>=,85,%,否",
    "区林业局,C-2,森林抚育补助,重点项目,\"1,500\",抚育森林2万亩,产出指标,数量指标,抚育面积,>=,20000,亩,是",
]


@pytest.fixture
def csv_file(tmp_path: Path) -> Callable[[str, str], Path]:
    """csv_file(encoding, newline) → a CSV of CSV_ROWS in that encoding (mixed endings when newline == 'mixed')."""
    def build(encoding: str, newline: str = "\r\n") -> Path:
        if newline == "mixed":
            text = "".join(line + ("\r\n" if k % 2 else "\n") for k, line in enumerate(CSV_ROWS))
        else:
            text = newline.join(CSV_ROWS) + newline
        path = tmp_path / f"goals_{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        return path
    return build
