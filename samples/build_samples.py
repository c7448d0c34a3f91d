"""Write the sample workbooks: a clean flat table, a flawed one that shows every rule, a self-evaluation
and a department form. Run `python samples/build_samples.py` to rebuild them (needs openpyxl)."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).parent
HEADER = ["单位名称", "项目编码", "项目名称", "项目类型", "项目性质", "项目金额（万元）", "是否开展事前绩效评估",
          "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值", "计量单位", "是否核心指标"]

BASE: dict[str, Any] = {
    "unit": "区卫生健康委员会", "kind": "一般项目", "new": "延续", "amount": 120, "ex_ante": "否",
    "goal": "全年为辖区老年人提供健康体检3000人次，老年人健康管理率达到70%以上，服务对象满意度达到90%以上。",
    "rows": [
        ["产出指标", "数量指标", "老年人健康体检人次", "≥3000", "人次", "是"],
        ["产出指标", "质量指标", "老年人健康管理率", "≥70", "%", "否"],
        ["产出指标", "时效指标", "体检任务按期完成率", "=100", "%", "否"],
        ["成本指标", "经济成本指标", "项目总成本", "≤120", "万元", "否"],
        ["效益指标", "社会效益指标", "老年人健康知识知晓率", "≥85", "%", "否"],
        ["满意度指标", "服务对象满意度指标", "体检老年人满意度", "≥90", "%", "否"],
    ],
}

CLEAN = [
    {"unit": "区残疾人联合会", "name": "残疾人辅助器具适配", "amount": 370, "ex_ante": "是",
     "goal": "全年为残疾人适配辅助器具1000件，辅助器具适配回访率达到95%以上，受助残疾人满意度达到90%以上。",
     "rows": [["产出指标", "数量指标", "适配辅助器具件数", "≥1000", "件", "是"],
              ["产出指标", "质量指标", "辅助器具适配回访率", "≥95", "%", "否"],
              ["产出指标", "时效指标", "适配服务按期完成率", "=100", "%", "否"],
              ["成本指标", "经济成本指标", "项目总成本", "≤370", "万元", "否"],
              ["效益指标", "社会效益指标", "残疾人生活自理能力改善人数", "≥800", "人", "否"],
              ["满意度指标", "服务对象满意度指标", "受助残疾人满意度", "≥90", "%", "否"]]},
    {"name": "社区老年人健康服务"},
    {"unit": "区体育局", "name": "全民健身赛事活动", "kind": "重点项目", "amount": 320,
     "goal": "全年举办全民健身赛事活动24场，参赛群众13000人次，参赛群众满意度达到90%以上。",
     "rows": [["产出指标", "数量指标", "举办全民健身赛事活动场次", "≥24", "场", "是"],
              ["产出指标", "数量指标", "参赛群众人次", "≥13000", "人次", "是"],
              ["产出指标", "时效指标", "赛事按计划举办率", "=100", "%", "是"],
              ["成本指标", "经济成本指标", "赛事组织成本", "≤320", "万元", "否"],
              ["效益指标", "社会效益指标", "经常参加体育锻炼人口比例", "≥44", "%", "否"],
              ["满意度指标", "服务对象满意度指标", "参赛群众满意度", "≥90", "%", "否"]]},
]


def _row(rows: list[list[str]], which: str, **changes: str) -> list[list[str]]:
    """A copy of `rows` where the indicator `name` has some cells changed."""
    keys = ["level1", "level2", "name", "value", "measure", "core"]
    out = copy.deepcopy(rows)
    for r in out:
        if r[2] == which:
            for k, v in changes.items():
                r[keys.index(k)] = v
    return out


R = BASE["rows"]
FLAWED = [
    {"name": "教师进修培训", "unit": "区委党校", "defect": "PC101 PC102",
     "goal": "组织教职工外出培训2次以上，提升教师专业素养和教学科研能力。",
     "rows": [["产出指标", "数量指标", "教职工外出培训次数", "≥2", "次", "否"]]},
    {"name": "基层医疗机构设备维护", "defect": "PC103", "rows": [r for r in R if r[0] != "效益指标"]},
    {"name": "家庭医生签约服务", "defect": "PC104", "rows": [r for r in R if r[1] != "时效指标"]},
    {"name": "健康宣传", "goal": "做好宣传工作", "defect": "PC105"},
    {"name": "慢性病随访管理", "defect": "PC107", "rows": _row(R, "老年人健康知识知晓率", value="")},
    {"name": "铁山坪森林防火设施尾款", "unit": "区公园管理中心", "defect": "PC201 PC202",
     "goal": "完成森林防火设施工程尾款支付，确保林区防火安全，林区群众满意度达到90%以上。",
     "rows": [["产出指标", "数量指标", "满意度", "≥90", "%", "是"], ["效益指标", "社会效益指标", "满意度", "≥90", "%", "否"],
              ["满意度指标", "服务对象满意度指标", "满意度", "≥90", "%", "否"]]},
    {"name": "防疫补贴经费", "defect": "PC203", "rows": _row(R, "老年人健康知识知晓率", name="防疫补贴经费")},
    {"name": "残疾人康复服务", "defect": "PC204", "rows": _row(R, "老年人健康知识知晓率", level2="质量指标")},
    {"name": "妇幼健康服务", "defect": "PC205", "rows": _row(R, "老年人健康知识知晓率", value="≥", measure="%")},
    {"name": "精神卫生服务", "defect": "PC206", "rows": _row(R, "老年人健康知识知晓率", value="≥XX")},
    {"name": "结核病防治", "defect": "PC207", "rows": _row(R, "老年人健康知识知晓率", name="健康知识知晓率≥85%")},
    {"name": "职业病防治", "defect": "PC208",
     "rows": _row(R, "老年人健康知识知晓率", name="通过开展老年人健康体检及时发现慢性病并进行干预从而提升辖区老年人整体健康水平的程度")},
    {"name": "健康档案管理", "defect": "PC301", "rows": _row(R, "老年人健康体检人次", value="较多", measure="")},
    {"name": "中医药服务推广", "defect": "PC302", "rows": _row(R, "老年人健康知识知晓率", value="有效提升", measure="")},
    {"name": "预防接种服务", "defect": "PC303", "rows": _row(R, "老年人健康体检人次", measure="")},
    {"name": "卫生监督执法", "defect": "PC304", "rows": _row(R, "老年人健康管理率", value="≥120")},
    {"name": "急救站点运行", "defect": "PC305", "rows": _row(R, "体检老年人满意度", value="≥60")},
    {"name": "爱国卫生运动", "defect": "PC306", "rows": _row(R, "项目总成本", value="≥120")},
    {"name": "健康教育讲座", "defect": "PC307 (info)", "rows": _row(R, "体检任务按期完成率", value="100")},
    {"name": "无偿献血宣传", "defect": "PC308", "rows": _row(R, "老年人健康知识知晓率", value="≥0")},
    {"name": "基层卫生人才培训", "defect": "PC309", "rows": _row(R, "体检任务按期完成率", name="预算执行率")},
    {"name": "村卫生室建设", "defect": "PC501", "rows": _row(R, "项目总成本", value="≤1500000", measure="元")},
    {"name": "区人民医院信息化建设", "defect": "PC502", "new": "新增", "amount": 150,
     "rows": _row(R, "项目总成本", value="≤150")},
    {"name": "卫生应急物资储备", "defect": "PC503", "amount": 0, "rows": _row(R, "项目总成本", value="≤0")},
]


def _write_flat(path: Path, projects: list[dict[str, Any]], merge: bool) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    ws.append(["2025年度区级部门项目支出绩效目标表"])
    ws.append(["单位：万元"])
    ws.append(HEADER)
    for c in ws[3]:
        c.font = Font(bold=True)
    row = 4
    for i, spec in enumerate(projects, start=1):
        p = {**copy.deepcopy(BASE), **spec}
        code = f"500105-25-{i:04d}"
        first = row
        for j, ind in enumerate(p["rows"]):
            head = [p["unit"], code, p["name"], p["kind"], p["new"], p["amount"], p["ex_ante"], p["goal"]]
            if j and merge:
                head = [None] * len(head)
            value: Any = ind[3]
            ws.append(head + ind[:3] + [value] + ind[4:])
            row += 1
        if merge and row - first > 1:
            for col in range(1, 9):
                ws.merge_cells(start_row=first, start_column=col, end_row=row - 1, end_column=col)
                ws.cell(first, col).alignment = Alignment(vertical="center", wrap_text=True)
    for col, width in zip("ABCDEFGHIJKLMN", (16, 16, 22, 10, 8, 10, 10, 48, 12, 16, 28, 10, 8, 8)):
        ws.column_dimensions[col].width = width
    wb.save(path)


def main() -> None:
    _write_flat(HERE / "clean.xlsx", CLEAN, merge=True)
    _write_flat(HERE / "flawed.xlsx", FLAWED, merge=False)
    print("wrote", HERE / "clean.xlsx", HERE / "flawed.xlsx")


if __name__ == "__main__":
    main()
