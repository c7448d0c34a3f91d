"""Batch benchmark: generate N flat goal workbooks from many units, then time `lint` with 1..J workers.

    python benchmarks/batch.py [--files 300] [--jobs 1,2] [--dir /tmp/perfcheck-batch] [--seed 7]

Prints the wall time per worker count and the first lines of the per-unit summary. Not a test:
timings depend on the machine. ``generate`` is also used (with a few files) by tests/test_batch.py.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

from openpyxl import Workbook

HEADER = ["单位名称", "项目编码", "项目名称", "项目类型", "是否新增项目", "项目金额（万元）", "是否开展事前绩效评估",
          "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位", "是否核心指标"]
UNITS = ["区教育委员会", "区卫生健康委员会", "区民政局", "区司法局", "区财政局", "区文化和旅游委员会", "区体育局",
         "区交通局", "区生态环境局", "区城市管理局", "区农业农村委员会", "区商务委员会", "区应急管理局", "区统计局",
         "区住房和城乡建设委员会", "区人力资源和社会保障局", "区退役军人事务局", "区医疗保障局", "区市场监督管理局",
         "区规划和自然资源局"]
TOPICS = ["社区养老服务", "校舍维修改造", "公共卫生服务", "道路养护", "河道保洁", "文化惠民演出", "全民健身活动",
          "农村人居环境整治", "安全生产检查", "法律援助", "就业技能培训", "老旧小区改造", "食品安全抽检", "应急物资储备"]
CLEAN = [
    ("产出指标", "数量指标", "{t}服务人次", "≥", "{n}", "人次", "是"),
    ("产出指标", "质量指标", "{t}验收合格率", "≥", "95", "%", "否"),
    ("产出指标", "时效指标", "{t}按期完成率", "=", "100", "%", "否"),
    ("成本指标", "经济成本指标", "{t}总成本", "≤", "{a}", "万元", "否"),
    ("效益指标", "社会效益指标", "{t}群众知晓率", "≥", "85", "%", "否"),
    ("满意度指标", "服务对象满意度指标", "{t}服务对象满意度", "≥", "90", "%", "否"),
]
DEFECTS = ("none",) * 6 + ("few", "vague", "pct", "dup", "nocore", "short_goal")
GOALS = ("全年完成{t}服务{n}人次，{t}验收合格率达到95%以上，服务对象满意度达到90%以上。",
         "{y}年在{w}开展{t}，计划服务{n}人次，按期完成率100%，群众知晓率不低于85%。",
         "通过实施{t}项目，{w}累计服务群众{n}人次，项目验收合格率≥95%。",
         "按照{y}年工作安排，完成{t}任务{n}人次，确保项目按期完工，服务对象满意度90%以上。")
YEARS = ("2024", "2025")
WHERE = ("全区各街道", "辖区各镇", "城区", "重点片区", "各社区")


def _project_rows(rng: random.Random, unit: str, code: str, topic: str) -> list[list[object]]:
    n, amount = rng.randrange(200, 5000), rng.choice([20, 45, 80, 150, 300])
    goal = rng.choice(GOALS).format(t=topic, n=n, y=rng.choice(YEARS), w=rng.choice(WHERE))
    defect = rng.choice(DEFECTS)
    indicators = [list(x) for x in CLEAN]
    if defect == "few":
        indicators = indicators[:2]
    elif defect == "vague":
        indicators[4][3:6] = ["", "有效提升", ""]
    elif defect == "pct":
        indicators[1][4] = "120"
    elif defect == "dup":
        indicators[4][2] = indicators[5][2] = "满意度"
    elif defect == "nocore":
        indicators[0][6] = "否"
    elif defect == "short_goal":
        goal = "做好工作"
    rows = []
    for i, (l1, l2, name, op, value, measure, core) in enumerate(indicators):
        head = [unit, code, topic, "一般项目", "延续", amount, "否", goal] if i == 0 else [""] * 8
        rows.append(head + [l1, l2, name.format(t=topic), op, value.format(n=n, a=amount), measure, core])
    return rows


def generate(directory: Path, files: int = 300, seed: int = 7, projects: tuple[int, int] = (6, 16)) -> list[Path]:
    """Write `files` flat workbooks (one unit each, units cycling) and return their paths in order."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(files):
        unit = UNITS[k % len(UNITS)]
        book = Workbook()
        ws = book.active
        ws.title = "绩效目标表"
        ws.append([f"2025年{unit}项目支出绩效目标表"])
        ws.append(HEADER)
        for j in range(rng.randrange(*projects)):
            topic = f"{rng.choice(TOPICS)}{k:03d}{j:02d}"
            for row in _project_rows(rng, unit, f"500105-25-{k:03d}{j:02d}", topic):
                ws.append(row)
        path = directory / f"{k:03d}_{unit}.xlsx"
        book.save(path)
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--dir", type=Path, default=Path("/tmp/perfcheck-batch"))
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from perfcheck.batch import map_files, unit_summaries
    from perfcheck.engine import check_run
    from perfcheck.rules import load_rules
    from perfcheck.run import collect_files, lint, lint_file

    t0 = time.perf_counter()
    paths = generate(args.dir, args.files, args.seed)
    print(f"generated {len(paths)} workbooks in {time.perf_counter() - t0:.1f}s under {args.dir}")
    rules = load_rules()
    print(f"cores={os.cpu_count()} load average before timing={os.getloadavg()[0]:.2f} "
          "(other processes on the machine skew the numbers)")
    files = collect_files([args.dir])
    baseline = None
    for jobs in (int(j) for j in args.jobs.split(",")):
        t0 = time.perf_counter()
        outcomes = map_files(lint_file, files, [rules], [0] * len(files), "zh", jobs=jobs)
        t1 = time.perf_counter()
        check_run([b for _, b, _ in outcomes if b is not None], rules)
        t2 = time.perf_counter()
        result = lint([args.dir], rules, jobs=jobs)
        t3 = time.perf_counter()
        baseline = baseline or (t1 - t0)
        print(f"jobs={jobs}: load+check per file {t1 - t0:.2f}s ({baseline / (t1 - t0):.2f}x)  "
              f"run-wide rules (serial) {t2 - t1:.2f}s  whole lint() {t3 - t2:.2f}s  "
              f"files={len(result.files)} projects={result.projects} findings={len(result.findings)}")
    units = unit_summaries(result)
    print(f"{len(units)} units, worst first:")
    for u in units[:5]:
        print(f"  {u.unit:<14} projects={u.projects:<4} clean={u.clean_projects:<4} "
              f"errors={u.findings['error']:<4} warnings={u.findings['warning']:<4} score={u.score}")


if __name__ == "__main__":
    main()
