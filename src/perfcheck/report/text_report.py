"""The report a person reads: file → unit → project, the cell, the message; then a summary."""
from __future__ import annotations

import io
from collections import defaultdict

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..batch import unit_summaries
from ..models import Finding
from ..run import RunResult

COLOURS = {"error": "bold red", "warning": "yellow", "info": "cyan"}
WORDS = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示", "file_error": "无法读取", "summary": "汇总",
           "rule": "规则", "title": "名称", "count": "数量", "files": "文件", "projects": "项目", "indicators": "指标",
           "clean": "无问题项目", "findings": "问题", "none": "未发现问题", "file": "（文件）", "unit": "（未注明单位）",
           "layout": "格式", "units": "各单位汇总（按质量分由低到高）", "score": "质量分", "unit_col": "单位",
           "sample": "抽查：从 {population} 个项目中随机抽取 {n} 个（随机种子 {seed}），只报告这些项目",
           "accepted": "未显示已接受的问题：基线中已有 {suppressed} 条，按配置豁免 {exempted} 条"},
    "en": {"error": "error", "warning": "warning", "info": "info", "file_error": "cannot read", "summary": "Summary",
           "rule": "rule", "title": "title", "count": "count", "files": "files", "projects": "projects",
           "indicators": "indicators", "clean": "clean projects", "findings": "findings", "none": "no findings",
           "file": "(file)", "unit": "(no unit)", "layout": "layout", "units": "Units (worst first)",
           "score": "score", "unit_col": "unit",
           "sample": "Spot-check: {n} of {population} projects drawn at random (seed {seed}); only these are reported",
           "accepted": "Accepted findings not shown: {suppressed} in the baseline, {exempted} exempted by config"},
}


def _project_key(f: Finding) -> str:
    return f.project or f.project_code or ""


def render(result: RunResult, lang: str = "zh", width: int = 120, colour: bool = False) -> str:
    w = WORDS["en" if lang == "en" else "zh"]
    buf = io.StringIO()
    con = Console(file=buf, width=width, force_terminal=colour, no_color=not colour, highlight=False)
    if result.sample is not None:
        s = result.sample
        con.print(Text(w["sample"].format(population=s.population, n=len(s.projects), seed=s.seed), style="bold"))
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        by_file[f.file].append(f)
    for fr in result.files:
        if fr.error:
            con.print(Text(f"✗ {fr.error}", style="bold red"), soft_wrap=True)  # one line, however long
            continue
        findings = by_file.pop(fr.path, [])
        head = f"{fr.path}  [{w['layout']} {fr.layout}, {fr.projects} {w['projects']}, {fr.indicators} {w['indicators']}]"
        con.print(Text(head, style="bold"))
        _print_findings(con, findings, w)
    for path, findings in by_file.items():  # run-wide findings on files listed above
        con.print(Text(path, style="bold"))
        _print_findings(con, findings, w)
    _print_summary(con, result, w)
    _print_units(con, result, w)
    return buf.getvalue()


def _print_findings(con: Console, findings: list[Finding], w: dict[str, str]) -> None:
    if not findings:
        con.print(Text(f"  ✓ {w['none']}", style="green"))
        return
    groups: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for f in findings:
        groups[f.unit or (w["file"] if not _project_key(f) else w["unit"])][_project_key(f)].append(f)
    for unit, projects in groups.items():
        con.print(Text(f"  {unit}", style="bold blue"))
        for project, items in projects.items():
            if project:
                con.print(Text(f"    {project}", style="bold"))
            for f in items:
                line = Text("      ")
                line.append(f"{w[f.severity]:<4}", style=COLOURS[f.severity])
                line.append(f" {f.rule} ", style="magenta")
                line.append(f"{f.cell or '-':<12} ", style="dim")
                line.append(f.message)
                con.print(line, soft_wrap=True)


def _print_summary(con: Console, result: RunResult, w: dict[str, str]) -> None:
    con.print()
    table = Table(title=w["summary"], show_lines=False)
    table.add_column(w["rule"])
    table.add_column(w["title"])
    table.add_column(w["count"], justify="right")
    counts: dict[str, tuple[str, str, int]] = {}
    for f in result.findings:
        sev, title, n = counts.get(f.rule, (f.severity, f.title, 0))
        counts[f.rule] = (sev, title, n + 1)
    for rule, (sev, title, n) in sorted(counts.items()):
        table.add_row(Text(rule, style=COLOURS[sev]), title, str(n))
    con.print(table)
    s = result.summary()["by_severity"]
    files_ok = sum(1 for f in result.files if not f.error)
    con.print(
        f"{w['files']} {files_ok}/{len(result.files)}  {w['projects']} {result.projects}  "
        f"{w['indicators']} {result.indicators}  {w['clean']} {result.clean_projects}  "
        f"{w['error']} {s['error']}  {w['warning']} {s['warning']}  {w['info']} {s['info']}"
    )
    if result.suppressed or result.exempted:
        con.print(w["accepted"].format(suppressed=result.suppressed, exempted=result.exempted))


def _print_units(con: Console, result: RunResult, w: dict[str, str]) -> None:
    """The batch view: one line per unit, worst first (only when a run covers several units)."""
    units = unit_summaries(result)
    if len(units) < 2:
        return
    con.print()
    table = Table(title=w["units"], show_lines=False)
    for name, justify in ((w["unit_col"], "left"), (w["files"], "right"), (w["projects"], "right"),
                          (w["indicators"], "right"), (w["error"], "right"), (w["warning"], "right"),
                          (w["info"], "right"), (w["clean"], "right"), (w["score"], "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for u in units:
        score = "-" if u.score is None else f"{u.score:.1f}"
        style = "red" if u.score is not None and u.score < 60 else ""
        table.add_row(u.unit, str(u.files), str(u.projects), str(u.indicators), str(u.findings["error"]),
                      str(u.findings["warning"]), str(u.findings["info"]), str(u.clean_projects),
                      Text(score, style=style))
    con.print(table)
