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


ROLES = {"count": 0, "quality": 1, "time": 2, "cost": 3, "effect": 4, "satisfaction": 5}


def themed(service: str, count: int, measure: str, quality: str, people: str, amount: float = 120) -> dict[str, Any]:
    """A clean project about one service: a goal whose figures the six indicators measure."""
    return {
        "amount": amount,
        "goal": f"全年完成{service}{count}{measure}，{quality}达到95%以上，{people}满意度达到90%以上。",
        "rows": [["产出指标", "数量指标", f"{service}{measure}数", f"≥{count}", measure, "是"],
                 ["产出指标", "质量指标", quality, "≥95", "%", "否"],
                 ["产出指标", "时效指标", f"{service}按期完成率", "=100", "%", "否"],
                 ["成本指标", "经济成本指标", "项目总成本", f"≤{amount:g}", "万元", "否"],
                 ["效益指标", "社会效益指标", f"{people}健康知识知晓率", "≥85", "%", "否"],
                 ["满意度指标", "服务对象满意度指标", f"{people}满意度", "≥90", "%", "否"]],
    }


def _row(project: dict[str, Any], role: str, **changes: str) -> dict[str, Any]:
    """`project` with the indicator of one role (count, quality, time, cost, effect, satisfaction) changed."""
    keys = ["level1", "level2", "name", "value", "measure", "core"]
    out = copy.deepcopy(project)
    for k, v in changes.items():
        out["rows"][ROLES[role]][keys.index(k)] = v
    return out


def _without(project: dict[str, Any], *roles: str) -> dict[str, Any]:
    out = copy.deepcopy(project)
    out["rows"] = [r for i, r in enumerate(out["rows"]) if i not in {ROLES[x] for x in roles}]
    return out
FLAWED = [
    {"name": "教师进修培训", "unit": "区委党校", "defect": "PC101 PC102",
     "goal": "组织教职工外出培训2次以上，提升教师专业素养和教学科研能力。",
     "rows": [["产出指标", "数量指标", "教职工外出培训次数", "≥2", "次", "否"]]},
    {"name": "基层医疗机构设备维护", "defect": "PC103", **_without(themed("医疗设备巡检维护", 420, "台次", "设备完好率", "就诊群众"), "effect")},
    {"name": "家庭医生签约服务", "defect": "PC104", **_without(themed("家庭医生签约服务", 130000, "人", "重点人群签约覆盖率", "签约居民"), "time")},
    {"name": "健康宣传", "goal": "做好宣传工作", "defect": "PC105"},
    {"name": "慢性病随访管理", "defect": "PC107", **_row(themed("慢性病患者随访", 8600, "人次", "随访规范率", "慢病患者"), "effect", value="")},
    {"name": "铁山坪森林防火设施尾款", "unit": "区公园管理中心", "defect": "PC201 PC202",
     "goal": "完成森林防火设施工程尾款支付，确保林区防火安全，林区群众满意度达到90%以上。",
     "rows": [["产出指标", "数量指标", "满意度", "≥90", "%", "是"], ["效益指标", "社会效益指标", "满意度", "≥90", "%", "否"],
              ["满意度指标", "服务对象满意度指标", "满意度", "≥90", "%", "否"]]},
    {"name": "防疫补贴经费", "defect": "PC203", **_row(themed("一线防疫人员补贴发放", 1200, "人", "补贴发放准确率", "防疫人员"), "effect", name="防疫补贴经费")},
    {"name": "残疾人康复服务", "defect": "PC204", **_row(themed("残疾人康复训练", 2900, "人", "康复训练达标率", "康复对象"), "effect", level2="质量指标")},
    {"name": "妇幼健康服务", "defect": "PC205", **_row(themed("孕产妇系统管理", 2600, "人", "孕产妇系统管理率", "孕产妇"), "effect", value="≥", measure="%")},
    {"name": "精神卫生服务", "defect": "PC206", **_row(themed("严重精神障碍患者随访", 1800, "人次", "患者规范管理率", "患者家属"), "effect", value="≥XX")},
    {"name": "结核病防治", "defect": "PC207", **_row(themed("肺结核患者筛查", 5200, "人次", "患者成功治疗率", "筛查对象"), "effect", name="结核病防治知识知晓率≥85%")},
    {"name": "职业病防治", "defect": "PC208",
     **_row(themed("重点行业职业健康检查", 6400, "人", "职业健康检查覆盖率", "受检劳动者"), "effect",
            name="通过开展重点行业职业健康检查及时发现职业禁忌并进行干预从而提升劳动者整体职业健康水平的程度")},
    {"name": "健康档案管理", "defect": "PC301", **_row(themed("居民电子健康档案更新", 52000, "份", "健康档案规范率", "建档居民"), "count", value="较多", measure="")},
    {"name": "中医药服务推广", "defect": "PC302", **_row(themed("中医药适宜技术推广", 36, "项", "推广技术应用率", "基层患者"), "effect", value="有效提升", measure="")},
    {"name": "预防接种服务", "defect": "PC303", **_row(themed("免疫规划疫苗接种", 48000, "剂次", "疫苗接种率", "儿童家长"), "count", measure="")},
    {"name": "卫生监督执法", "defect": "PC304", **_row(themed("公共场所卫生监督检查", 900, "家次", "监督检查覆盖率", "经营单位"), "quality", value="≥120")},
    {"name": "急救站点运行", "defect": "PC305", **_row(themed("院前急救出车", 21000, "车次", "急救呼叫响应率", "急救患者"), "satisfaction", value="≥60")},
    {"name": "爱国卫生运动", "defect": "PC306", **_row(themed("病媒生物防制消杀", 310, "次", "病媒密度控制达标率", "辖区居民"), "cost", value="≥120")},
    {"name": "健康教育讲座", "defect": "PC307 (info)", **_row(themed("社区健康教育讲座", 240, "场", "讲座计划完成率", "听讲居民"), "time", value="100")},
    {"name": "无偿献血宣传", "defect": "PC308", **_row(themed("无偿献血宣传活动", 60, "场", "献血者回访率", "献血者"), "effect", value="≥0")},
    {"name": "基层卫生人才培训", "defect": "PC309", **_row(themed("基层卫生人员进修", 160, "人", "进修考核合格率", "参训人员"), "time", name="预算执行率")},
    {"name": "村卫生室建设", "defect": "PC501", **_row(themed("村卫生室标准化建设", 12, "个", "建设验收合格率", "村民"), "cost", value="≤1500000", measure="元")},
    {"name": "区人民医院信息化建设", "defect": "PC502", "new": "新增",
     **themed("信息系统功能模块上线", 14, "个", "系统运行稳定率", "就诊群众", amount=150)},
    {"name": "卫生应急物资储备", "defect": "PC503", **_row(themed("应急物资储备品种", 85, "种", "物资完好率", "应急队员", amount=0), "cost", value="≤0")},
    {"name": "健康促进活动", "defect": "PC401",
     "goal": "全年为辖区老年人提供健康体检3000人次，老年人健康管理率达到70%以上，编印健康教育手册5000册。"},
    {"name": "健康APP推广", "defect": "PC402", "goal": "全年新增健康APP注册用户数26万人，开展线上推广活动12场。",
     "rows": [["产出指标", "数量指标", "新增健康APP注册用户数", "≥40000", "人", "是"],
              ["产出指标", "数量指标", "线上推广活动场次", "≥12", "场", "否"],
              ["产出指标", "时效指标", "推广活动按期完成率", "=100", "%", "否"],
              ["效益指标", "社会效益指标", "APP日均活跃用户数", "≥8000", "人", "否"],
              ["满意度指标", "服务对象满意度指标", "APP用户满意度", "≥90", "%", "否"]]},
    {"name": "医疗纠纷调解", "defect": "PC403", "goal": "调解医疗纠纷案件120件，医疗纠纷重复投诉量同比下降。",
     "rows": [["产出指标", "数量指标", "调解医疗纠纷案件数", "≥120", "件", "是"],
              ["产出指标", "时效指标", "纠纷按期调结率", "=100", "%", "否"],
              ["效益指标", "社会效益指标", "医疗纠纷重复投诉量", "下降", "", "否"],
              ["满意度指标", "服务对象满意度指标", "纠纷当事人满意度", "≥90", "%", "否"]]},
    {"name": "卫生健康宣传片制作", "defect": "PC404",
     **_row(themed("健康科普宣传片播出", 40, "次", "宣传片审核通过率", "观众"), "satisfaction", name="主要领导对宣传片满意度")},
    {"name": "卫生人员培训", "defect": "PC405",
     "goal": "对全区乡村医生开展轮训，对新进医务人员进行岗前培训，对在岗护士开展专科培训和继续教育培训。",
     "rows": [["产出指标", "数量指标", "乡村医生轮训人次", "≥800", "人次", "是"],
              ["产出指标", "质量指标", "轮训考核合格率", "≥95", "%", "否"],
              ["产出指标", "时效指标", "轮训计划按期完成率", "=100", "%", "否"],
              ["效益指标", "社会效益指标", "乡村医生技能达标率", "≥90", "%", "否"]]},
    {"name": "社区老年人健康服务（二期）", "unit": "区疾病预防控制中心", "defect": "PC406 (info, with 社区老年人健康服务 in clean.xlsx)"},
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
