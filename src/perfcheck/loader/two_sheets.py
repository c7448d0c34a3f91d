"""Layout 2: a sheet of projects and a sheet of indicators that refers to them by 项目编码 (or 项目名称)."""
from __future__ import annotations

from ..models import Indicator, LoadNote, Project
from .flat import read_table
from .grid import Grid
from .header import Header


def _key(p: Project, by_code: bool) -> str | None:
    return (p.code or None) if by_code else (p.name or None)


def join(
    project_tables: list[tuple[Grid, Header]],
    indicator_tables: list[tuple[Grid, Header]],
    notes: list[LoadNote],
) -> tuple[list[Project], list[Indicator]]:
    """Projects from the project sheets with the indicators that name them; the rest are orphans."""
    projects: list[Project] = []
    for grid, header in project_tables:
        projects.extend(read_table(grid, header, notes))
    groups: list[tuple[Project, bool]] = []
    for grid, header in indicator_tables:
        by_code = "project_code" in header.fields and any(p.code for p in projects)
        groups.extend((g, by_code) for g in read_table(grid, header, notes))
    index: dict[tuple[bool, str], Project] = {}
    for p in projects:
        for by_code in (True, False):
            k = _key(p, by_code)
            if k is not None:
                index.setdefault((by_code, k), p)
    orphans: list[Indicator] = []
    for group, by_code in groups:
        k = _key(group, by_code)
        target = index.get((by_code, k)) if k is not None else None
        if target is None and k is not None and not by_code and group.code:
            target = index.get((True, group.code))
        if target is None:
            orphans.extend(group.indicators)
            if group.indicators:
                first = group.indicators[0]
                label = k or "（空）"
                notes.append(LoadNote(
                    sheet=first.sheet, row=first.row,
                    message=f"指标表中项目“{label}”的{len(group.indicators)}个指标在项目表中找不到对应项目",
                ))
            continue
        target.indicators.extend(group.indicators)
    return projects, orphans   # projects without indicators stay, with an empty list: a rule reports them
