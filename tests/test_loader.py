"""Loader: formats, layouts, carried-forward and merged cells, row/column positions, bad files."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from conftest import FLAT_HEADER, flat_rows, patch_sheet_xml, write_ods, write_xlsx

from perfcheck.errors import LoadError
from perfcheck.loader import MAX_UNCOMPRESSED_BYTES, load
from perfcheck.loader.cells import col_letter, money, rate, render_number
from perfcheck.loader.formulas import is_literal
from perfcheck.models import Indicator, Project

ACCEPTANCE = Path("/work/shared/acceptance")


def by_name(book, name):
    return next(p for p in book.projects if p.name == name)


# ---------------------------------------------------------------- Layout 1
def test_flat_title_rows_header_and_carry_forward(flat_book):
    book = load(flat_book)
    assert book.layout == "flat" and not book.is_self_eval and book.has_core_column
    assert [p.name for p in book.projects] == ["辅助器具适配", "社区矫正教育"]
    p = book.projects[0]
    assert (p.sheet, p.row, p.unit, p.code) == ("绩效目标表", 4, "区残联", "P-001")
    assert p.is_key is True and p.is_new is True and p.ex_ante is True
    assert p.amount == 370 and p.amount_raw == "370"
    assert p.columns["amount"] == "F" and p.columns["goal"] == "H"
    assert [i.row for i in p.indicators] == [4, 5, 6, 7, 8, 9]
    # 一级 carried within its group, 二级 reset when 一级 changes
    assert [(i.level1, i.level2) for i in p.indicators] == [
        ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"),
        ("效益", "社会效益指标"), ("效益", "社会效益指标"), ("满意度指标", "服务对象满意度指标")]
    first = p.indicators[0]
    assert (first.name, first.value, first.operator, first.measure) == ("适配辅助器具件数", "1000", "≥", "件")
    assert first.columns == {"level1": "I", "level2": "J", "name": "K", "operator": "L", "value": "M",
                             "measure": "N", "core": "O"}
    assert first.target.kind == "quantitative" and first.target.operator == ">=" and first.target.number == 1000
    # 一级/二级 reset at a new project
    q = book.projects[1]
    assert q.is_key is False and q.is_new is False and q.ex_ante is False
    assert q.amount == 1200 and q.amount_raw == "1,200"
    assert [(i.level1, i.level2) for i in q.indicators] == [
        ("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "时效指标")]
    assert q.indicators[0].target.operator == ">="          # 大于等于 in the operator column


def test_core_flag_variants(flat_book):
    cores = [i.core for p in load(flat_book).projects for i in p.indicators]
    #       是    √     Y     1     true  否     N      0      blank
    assert cores == [True, True, True, True, True, False, False, False, False]


def test_no_core_column(xlsx):
    rows = [[c for k, c in enumerate(r) if k != 14] for r in flat_rows()]
    book = load(xlsx("nocore.xlsx", {"S": rows}))
    assert book.has_core_column is False
    assert all(i.core is None for p in book.projects for i in p.indicators)


@pytest.mark.parametrize("title,header,expected", [
    ("金额单位：元", "项目金额", 0.037),
    ("单位：万元", "项目资金（元）", 0.037),
    ("", "项目金额", 370),
    ("单位：元", "项目金额（万元）", 370),
])
def test_money_unit_from_header_or_title(xlsx, title, header, expected):
    rows = flat_rows(title)
    rows[2] = [header if h.startswith("项目金额") else h for h in FLAT_HEADER]
    book = load(xlsx("money.xlsx", {"S": rows}))
    assert book.projects[0].amount == pytest.approx(expected)


def test_amount_text_with_unit(xlsx):
    rows = flat_rows()
    rows[3][5] = "370万元"
    rows[9][5] = "3,285,000元"
    book = load(xlsx("m.xlsx", {"S": rows}))
    assert [p.amount for p in book.projects] == [pytest.approx(370), pytest.approx(328.5)]


def test_empty_name_with_code_is_its_own_project(xlsx):
    rows = flat_rows()
    rows[9][2] = ""                                   # 项目名称 empty, 项目编码 P-002 set
    book = load(xlsx("noname.xlsx", {"S": rows}))
    assert [(p.code, p.name, len(p.indicators)) for p in book.projects] == [("P-001", "辅助器具适配", 6), ("P-002", None, 3)]


def test_real_merged_cells(merged_book):
    book = load(merged_book)
    assert [(p.name, p.row, len(p.indicators)) for p in book.projects] == [("老年人体检", 3, 4), ("家庭医生签约", 7, 2)]
    p, q = book.projects
    assert [(i.level1, i.level2) for i in p.indicators] == [
        ("产出", "数量指标"), ("产出", "质量指标"), ("产出", "质量指标"), ("效益", "社会效益指标")]
    assert p.is_key is False and q.is_key is True
    assert q.amount is None                           # merged amount cell left empty
    assert [i.core for i in p.indicators] == [True, False, False, False]
    assert p.indicators[0].target.raw.startswith("≥29000")


def test_two_row_header_and_bare_unit_column(xlsx):
    rows = [
        ["单位", "项目名称", "年度目标", "绩效指标", "", "", "", ""],
        ["", "", "", "一级指标", "二级指标", "三级指标", "指标值", "单位"],
        ["区统计局", "住户调查", "维护样本550个", "产出指标", "数量指标", "样本数量", "≥550", "个"],
    ]
    book = load(xlsx("two_row.xlsx", {"S": rows}, merges={"S": ["A1:A2", "B1:B2", "C1:C2", "D1:G1"]}))
    p = book.projects[0]
    assert (p.unit, p.name, p.goal) == ("区统计局", "住户调查", "维护样本550个")
    ind = p.indicators[0]
    assert (ind.row, ind.name, ind.value, ind.measure) == (3, "样本数量", "≥550", "个")
    assert ind.columns["measure"] == "H"


def test_minimal_table_is_not_mistaken_for_a_form(xlsx):
    rows = [["项目名称", "三级指标", "指标值"], ["办公经费", "采购次数", "≥2次"], ["", "资金使用合规率", "100%"]]
    book = load(xlsx("minimal.xlsx", {"S": rows}))
    assert book.layout == "flat"
    assert [(p.name, [i.name for i in p.indicators]) for p in book.projects] == [("办公经费", ["采购次数", "资金使用合规率"])]


def test_sheet_offset_and_wide_columns(xlsx):
    rows = flat_rows()
    rows = [["序号"] * 20 + r if k >= 2 else r for k, r in enumerate(rows)]   # header at column U.., data beyond Z
    book = load(xlsx("offset.xlsx", {"S": rows}, origin={"S": "C5"}))
    p = book.projects[0]
    assert p.row == 8 and p.indicators[0].row == 8 and p.indicators[-1].row == 13
    assert p.columns["unit"] == "W" and p.indicators[0].columns["core"] == "AK"


def test_repeated_header_and_footer_rows_are_skipped(xlsx):
    rows = flat_rows() + [FLAT_HEADER, ["注：本表金额单位为万元"], ["合计", "", "", "", "", 1570]]
    book = load(xlsx("footer.xlsx", {"S": rows}))
    assert [p.name for p in book.projects] == ["辅助器具适配", "社区矫正教育"]
    assert book.indicator_count == 9


def test_lone_indicator_name_is_not_a_footer(xlsx):
    rows = flat_rows()
    rows.append([""] * 10 + ["说明书印制数量"])       # only the name filled: an incomplete indicator, kept
    book = load(xlsx("lone.xlsx", {"S": rows}))
    assert book.projects[-1].indicators[-1].name == "说明书印制数量"


def test_numbers_render_without_trailing_zero(xlsx):
    rows = flat_rows()
    rows[3][12] = 1000.0
    rows[4][12] = 95.5
    rows[4][2] = ""
    book = load(xlsx("n.xlsx", {"S": rows}))
    assert [i.value for i in book.projects[0].indicators[:2]] == ["1000", "95.5"]


# ---------------------------------------------------------------- formulas
def test_literal_formula_cells_keep_what_was_typed(tmp_path):
    rows = flat_rows()
    rows[4][12] = "=100"          # openpyxl stores this as <f>100</f>: the filer meant the target "=100"
    rows[5][11] = "="             # patched below into <f></f> with a zero cached value
    rows[6][12] = "=100%"
    rows[7][12] = "=SUM(M4:M5)"   # a real formula keeps what calamine reads
    path = write_xlsx(tmp_path / "f.xlsx", {"S": rows})
    patch_sheet_xml(path, 1, {'<c r="L6" t="inlineStr"><is><t>=</t></is></c>': '<c r="L6"><f></f><v>0</v></c>'})
    inds = load(path).projects[0].indicators
    assert inds[1].value == "=100" and inds[1].target.operator == "=" and inds[1].target.number == 100
    assert inds[2].operator == "="
    assert inds[3].value == "=100%"
    assert inds[4].value != "=SUM(M4:M5)"


@pytest.mark.parametrize("formula,literal", [
    ("", True), ("100", True), ("100%", True), (">=95", True), ("好", True), ("-5", True),
    ("A1", False), ("SUM(A1:A3)", False), ("Sheet2!B3", False), ("TRUE", False), ("100+5", False),
])
def test_is_literal(formula, literal):
    assert is_literal(formula) is literal


# ---------------------------------------------------------------- Layout 2
def test_two_sheets_with_orphan_and_empty_project(xlsx):
    projects = [
        ["单位名称", "项目编码", "项目名称", "项目类型", "年度资金总额（万元）", "年度总体目标"],
        ["区公路中心", "T-1", "", "一般项目", 106, "完成道路大中修96000平方米"],
        ["区环境局", "T-2", "水源地保护", "重点项目", 431.6, "设置界标96块"],
        ["区交通局", "T-3", "观测站运行", "一般项目", 980, "运行观测站15个"],
    ]
    indicators = [
        ["项目编码", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位", "是否核心指标"],
        ["T-1", "产出指标", "数量指标", "大中修面积", "≥", 96000, "平方米", "是"],
        ["", "", "质量指标", "验收合格率", "=", 100, "%", "否"],
        ["T-2", "产出指标", "数量指标", "界标数量", "≥", 96, "块", "是"],
        ["T-9", "产出指标", "数量指标", "无主指标", "≥", 1, "个", "否"],
    ]
    book = load(xlsx("two.xlsx", {"指标": indicators, "项目": projects}))
    assert book.layout == "two_sheets"
    assert [(p.code, p.name, len(p.indicators)) for p in book.projects] == [
        ("T-1", None, 2), ("T-2", "水源地保护", 1), ("T-3", "观测站运行", 0)]
    assert book.projects[0].indicators[1].level1 == "产出指标"       # carried forward in the indicator sheet
    assert book.projects[0].indicators[0].sheet == "指标" and book.projects[0].sheet == "项目"
    assert [i.name for i in book.orphans] == ["无主指标"]
    assert any(n.sheet == "指标" and n.row == 5 and "T-9" in n.message for n in book.notes)


def test_two_sheets_joined_by_project_name(xlsx):
    projects = [["单位名称", "项目名称", "项目金额", "绩效目标"], ["区文化馆", "送戏下乡", 50, "演出20场"],
                ["区图书馆", "全民阅读", 30, "活动12场"]]
    indicators = [["项目名称", "一级指标", "二级指标", "指标名称", "指标值"],
                  ["全民阅读", "产出指标", "数量指标", "阅读活动场次", "≥12场"],
                  ["送戏下乡", "产出指标", "数量指标", "演出场次", "≥20场"]]
    book = load(xlsx("by_name.xlsx", {"项目信息": projects, "绩效指标": indicators}))
    assert book.layout == "two_sheets" and not book.orphans
    assert [(p.name, [i.name for i in p.indicators]) for p in book.projects] == [
        ("送戏下乡", ["演出场次"]), ("全民阅读", ["阅读活动场次"])]


# ---------------------------------------------------------------- Layout 3
def test_fifty_stacked_forms(stacked_forms):
    book = load(stacked_forms)
    assert book.layout == "form" and len(book.projects) == 50
    step = 9 + 5 + 2                                   # form rows + indicators + blank rows
    last = book.projects[-1]
    top = 1 + 49 * step
    assert (last.name, last.unit, last.row) == ("项目49", "单位0", top + 2)
    assert last.amount == 149 and last.fiscal_amount == 149
    assert last.rows == {"project": top + 2, "unit": top + 3, "amount": top + 4, "fiscal_amount": top + 5, "goal": top + 7}
    assert last.columns == {"project": "B", "unit": "E", "amount": "C", "fiscal_amount": "C", "goal": "B"}
    assert [i.row for i in last.indicators] == list(range(top + 9, top + 14))
    assert [i.level1 for i in last.indicators] == ["产出指标"] * 3 + ["效益指标", "满意度指标"]
    assert [i.core for i in last.indicators] == [True, False, False, False, False]
    assert last.indicators[0].columns == {"level1": "B", "level2": "C", "name": "D", "value": "E", "core": "F"}


def test_one_form_per_sheet_with_operator_columns(sheet_forms):
    book = load(sheet_forms)
    assert book.layout == "form"
    assert [(p.sheet, p.name, p.unit, p.row) for p in book.projects] == [
        ("01餐厨垃圾收运", "餐厨垃圾收运", "区环卫所", 3), ("02公厕提档升级", "公厕提档升级", "区环卫所", 3)]
    ind = book.projects[0].indicators[0]
    assert (ind.operator, ind.value, ind.measure, ind.row) == ("≥", "1100", "家", 10)
    assert ind.target.operator == ">=" and ind.target.unit == "家"
    assert len(book.projects[1].indicators) == 3


def test_department_form(dept_form):
    book = load(dept_form)
    assert book.layout == "dept"
    (p,) = book.projects
    assert (p.kind, p.unit, p.name, p.amount, p.row) == ("department", "区体育局", None, 5200, 3)
    assert p.goal.startswith("组织全民健身") and p.rows["goal"] == 5 and p.columns["goal"] == "B"
    assert [(i.level1, i.level2, i.name) for i in p.indicators] == [
        ("产出指标", "数量指标", "赛事活动场次"), ("产出指标", "数量指标", "健身设施数量"),
        ("效益指标", "社会效益指标", "经常锻炼人口比例")]


def test_self_evaluation_form(xlsx):
    rows = [
        ["项目支出绩效自评表"], ["（2023年度）"],
        ["项目名称", "道路保洁"],
        ["主管部门", "区城管局", "", "实施单位", "区环卫所"],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", 100, 120, 96, 10, "80%", 8],
        ["年度总体目标", "预期目标", "", "", "实际完成情况"],
        ["", "完成道路保洁500万平方米", "", "", "完成480万平方米"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["", "产出指标", "数量指标", "保洁面积", "≥500万平方米", "480万平方米", 20, 18, "部分路段施工"],
    ]
    book = load(xlsx("se_form.xlsx", {"自评": rows}))
    assert book.is_self_eval and book.layout == "form"
    (p,) = book.projects
    assert (p.amount, p.budget_full_year, p.executed, p.execution_rate) == (100, 120, 96, 80)
    assert p.goal == "完成道路保洁500万平方米" and p.rows["goal"] == 8
    (ind,) = p.indicators
    assert (ind.actual, ind.weight, ind.score, ind.deviation) == ("480万平方米", 20, 18, "部分路段施工")
    assert ind.actual_target is not None and ind.actual_target.number == 4800000


def test_layout_can_be_forced(dept_form):
    with pytest.raises(LoadError):
        load(dept_form, layout="two_sheets")
    assert load(dept_form, layout="dept").layout == "dept"
    with pytest.raises(ValueError):
        load(dept_form, layout="nonsense")


# ---------------------------------------------------------------- self-evaluation flat
def test_self_evaluation_flat(self_eval_book):
    book = load(self_eval_book)
    assert book.layout == "flat" and book.is_self_eval
    p, q = book.projects
    assert (p.amount, p.budget_full_year, p.executed, p.execution_rate) == (130, 130, 120.77, 92.9)
    assert q.execution_rate == 50
    a, b = p.indicators
    assert (a.actual, a.weight, a.score, a.deviation) == ("312公里", 15, 15, None)
    assert a.actual_target.number == 312 and a.actual_target.unit == "公里"
    assert (b.actual, b.score, b.deviation) == ("90%", 12, "资金到位晚")


# ---------------------------------------------------------------- CSV and ODS
@pytest.mark.parametrize("encoding,newline", [("utf-8-sig", "\r\n"), ("utf-8", "\n"), ("gb18030", "\r\n"),
                                              ("gb18030", "mixed")])
def test_csv_encodings_and_line_endings(csv_file, encoding, newline):
    book = load(csv_file(encoding, newline))
    assert book.layout == "csv"
    assert [(p.code, p.name, p.row, len(p.indicators)) for p in book.projects] == [
        ("C-1", "救援队伍建设", 3, 3), ("C-2", "森林抚育补助", 6, 1)]
    p = book.projects[0]
    assert p.unit == "区应急中心" and p.sheet == "" and p.amount == 320
    assert [i.row for i in p.indicators] == [3, 4, 5]
    assert book.projects[1].amount == 1500 and book.projects[1].is_key is True


def test_ods(tmp_path):
    rows = flat_rows()
    book = load(write_ods(tmp_path / "goals.ods", rows))
    assert [(p.name, p.row, len(p.indicators)) for p in book.projects] == [("辅助器具适配", 4, 6), ("社区矫正教育", 10, 3)]


@pytest.mark.parametrize("suffix", [".xlsm", ".xls", ".XLSX", ""])
def test_extension_does_not_decide_the_format(flat_book, tmp_path, suffix):
    renamed = tmp_path / f"really_xlsx{suffix}"
    renamed.write_bytes(flat_book.read_bytes())
    assert len(load(renamed).projects) == 2


# ---------------------------------------------------------------- bad files
def test_missing_file(tmp_path):
    with pytest.raises(LoadError, match="文件不存在"):
        load(tmp_path / "nope.xlsx")


def test_zero_byte_file(tmp_path):
    (tmp_path / "z.xlsx").write_bytes(b"")
    with pytest.raises(LoadError, match="0字节"):
        load(tmp_path / "z.xlsx")


def test_truncated_zip(flat_book, tmp_path):
    bad = tmp_path / "cut.xlsx"
    bad.write_bytes(flat_book.read_bytes()[:3000])
    with pytest.raises(LoadError) as err:
        load(bad)
    assert err.value.reason == "文件已损坏或不是有效的Excel文件"
    assert "\n" not in str(err.value) and str(err.value).startswith(str(bad))


def test_text_renamed_xlsx(tmp_path):
    (tmp_path / "t.xlsx").write_text("单位名称,项目名称\n区财政局,办公经费\n", encoding="utf-8")
    with pytest.raises(LoadError, match="损坏|不是有效"):
        load(tmp_path / "t.xlsx")


def test_html_saved_as_xls(tmp_path):
    (tmp_path / "export.xls").write_text("<html><body><table><tr><td>项目名称</td></tr></table></body></html>")
    with pytest.raises(LoadError, match="HTML"):
        load(tmp_path / "export.xls")


def test_encrypted_workbook(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512
    (tmp_path / "secret.xlsx").write_bytes(ole)
    with pytest.raises(LoadError, match="加密"):
        load(tmp_path / "secret.xlsx")


def test_garbage_ole_file(tmp_path):
    (tmp_path / "junk.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x01" * 2000)
    with pytest.raises(LoadError, match="损坏"):
        load(tmp_path / "junk.xls")


def test_empty_workbook(xlsx):
    with pytest.raises(LoadError, match="工作簿为空"):
        load(xlsx("empty.xlsx", {"Sheet": []}))


def test_no_recognisable_layout(xlsx):
    with pytest.raises(LoadError, match="未找到可识别的表头"):
        load(xlsx("list.xlsx", {"通讯录": [["姓名", "电话"], ["张三", "123"]]}))


def test_unrecognised_sheet_is_skipped_with_a_note(xlsx):
    book = load(xlsx("multi.xlsx", {"说明": [["填表说明：请按要求填写"]], "绩效目标表": flat_rows()}))
    assert len(book.projects) == 2
    assert [n.sheet for n in book.notes] == ["说明"]


def test_zip_bomb_refused(flat_book):
    assert MAX_UNCOMPRESSED_BYTES == 1 << 30
    with pytest.raises(LoadError, match="压缩炸弹"):
        load(flat_book, max_bytes=1000)


def test_not_a_spreadsheet_zip(tmp_path):
    with zipfile.ZipFile(tmp_path / "doc.xlsx", "w") as z:
        z.writestr("word/document.xml", "<w/>")
    with pytest.raises(LoadError, match="Word"):
        load(tmp_path / "doc.xlsx")


# ---------------------------------------------------------------- helpers and records
def test_cell_helpers():
    assert [col_letter(k) for k in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]
    assert render_number(1000.0) == "1000" and render_number(0.1 + 0.2) == "0.3"
    assert rate("92.9%") == 92.9 and rate(0.929) == pytest.approx(92.9) and rate("92.9") == 92.9
    assert money("370万元", "元") == 370 and money("1,200", "万元") == 1200 and money(3285000.0, "元") == 328.5
    assert money("待定", "万元") is None


def test_fast_records_equal_validated_ones(flat_book, self_eval_book):
    for path in (flat_book, self_eval_book):
        for p in load(path).projects:
            assert Project.model_validate(p.model_dump()) == p
            for ind in p.indicators:
                assert Indicator.model_validate(ind.model_dump()) == ind
                ind.name = "改名"                          # records stay independent and assignable
            assert {i.name for i in p.indicators} == {"改名"}


def test_targets_are_parsed_once_per_distinct_cell_triple(flat_book):
    from perfcheck.values import parse_target
    p = load(flat_book).projects[0]
    assert p.indicators[0].target == parse_target(1000.0, "≥", "件")
    assert p.indicators[1].target is not p.indicators[3].target          # 95% vs 90%


# ---------------------------------------------------------------- acceptance corpus
@pytest.mark.skipif(not ACCEPTANCE.exists(), reason="acceptance corpus not present")
def test_acceptance_files_layouts_and_project_counts():
    labels = json.loads((ACCEPTANCE / "labels.json").read_text(encoding="utf-8"))
    books = {}
    for f in labels["files"]:
        path = ACCEPTANCE / f["file"]
        if f["expected_file_error"]:
            with pytest.raises(LoadError):
                load(path)
            continue
        book = books[f["file"]] = load(path)
        assert (book.layout, len(book.projects)) == (f["layout"], f["projects"]), f["file"]
    for lp in labels["projects"]:
        key = lp["project"] or lp["project_code"] or lp["unit"]
        match = [p for p in books[lp["file"]].projects
                 if key in (p.name, p.code, p.unit) and (p.row, p.unit, p.kind) == (lp["row"], lp["unit"], lp["kind"])]
        assert len(match) == 1, (lp["file"], key)
