"""The report a person reads: file → unit → project, the cell, the message; then a summary."""
from __future__ import annotations

import io
from collections import defaultdict

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..models import Finding
from ..run import RunResult

COLOURS = {"error": "bold red", "warning": "yellow", "info": "cyan"}
WORDS = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示", "file_error": "无法读取", "summary": "汇总",
           "rule": "规则", "title": "名称", "count": "数量", "files": "文件", "projects": "项目", "indicators": "指标",
           "clean": "无问题项目", "findings": "问题", "none": "未发现问题", "file": "（文件）", "unit": "（未注明单位）",
           "layout": "格式"},
    "en": {"error": "error", "warning": "warning", "info": "info", "file_error": "cannot read", "summary": "Summary",
           "rule": "rule", "title": "title", "count": "count", "files": "files", "projects": "projects",
           "indicators": "indicators", "clean": "clean projects", "findings": "findings", "none": "no findings",
           "file": "(file)", "unit": "(no unit)", "layout": "layout"},
}


def _project_key(f: Finding) -> str:
    return f.project or f.project_code or ""


def render(result: RunResult, lang: str = "zh", width: int = 120, colour: bool = False) -> str:
    w = WORDS["en" if lang == "en" else "zh"]
    buf = io.StringIO()
    con = Console(file=buf, width=width, force_terminal=colour, no_color=not colour, highlight=False)
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        by_file[f.file].append(f)
    for fr in result.files:
        if fr.error:
            con.print(Text(f"✗ {fr.error}", style="bold red"))
            continue
        findings = by_file.pop(fr.path, [])
        head = f"{fr.path}  [{w['layout']} {fr.layout}, {fr.projects} {w['projects']}, {fr.indicators} {w['indicators']}]"
        con.print(Text(head, style="bold"))
        _print_findings(con, findings, w)
    for path, findings in by_file.items():  # run-wide findings on files listed above
        con.print(Text(path, style="bold"))
        _print_findings(con, findings, w)
    _print_summary(con, result, w)
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
                con.print(line)


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
