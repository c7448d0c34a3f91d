"""Run rules over workbooks; every finding is built by one function, `make_finding`."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .checks import Hit
from .conditions import getter
from .gcpause import paused_gc
from .loader.records import builder
from .models import Finding, Indicator, Project, Workbook
from .rules import Rule


class _SafeDict(dict):  # type: ignore[type-arg]
    """Missing placeholder values render as empty, never as a KeyError at run time."""

    def __missing__(self, key: str) -> str:
        return ""


QUOTE_LIMIT = 200  # characters of a cell a message quotes: a message stays one readable line


def _fmt(value: Any) -> Any:
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value == value else "?"
    if value.__class__ is str and len(value) > QUOTE_LIMIT:
        return value[:QUOTE_LIMIT] + "…"
    return "" if value is None else value


def make_finding(rule: Rule, hit: Hit, file: str, lang: str) -> Finding:
    """The single place that turns a check's hit into a finding with location and message."""
    project, ind = hit.project, hit.indicator
    values: dict[str, Any] = {"file": file}
    sheet = row = column = None
    if project is not None:
        values.update(project=_fmt(project.label), unit=_fmt(project.unit or ""), code=_fmt(project.code or ""))
        sheet, row = project.sheet, project.row
        if hit.field and ind is None:
            row = project.rows.get(hit.field, project.row)
            column = project.columns.get(hit.field)
            if column is None and project.indicators and hit.field in project.indicators[0].columns:
                first = project.indicators[0]  # an indicator-table column named at project level
                row, column = first.row, first.columns[hit.field]
    if ind is not None:
        values.update(indicator=_fmt(ind.name or ""), value=_fmt(ind.target.raw or ind.value or ""),
                      level1=_fmt(ind.level1 or ""), level2=_fmt(ind.level2 or ""), measure=_fmt(ind.measure or ""))
        sheet, row = ind.sheet, ind.row
        column = ind.columns.get(hit.field or "name") or ind.columns.get("name")
    values.update({k: _fmt(v) for k, v in hit.values.items()})
    message = rule.message.get(lang).format_map(_SafeDict(values))
    return _new_finding({  # every field typed here: no validation (a large run has 10⁵ findings)
        "rule": rule.code, "severity": rule.severity, "title": rule.title.get(lang), "message": message,
        "file": hit.file or file, "sheet": sheet, "row": row, "column": column,
        "unit": project.unit if project else None,
        "project_code": project.code if project else None,
        "project": project.name if project else None,
        "indicator": ind.name if ind else None,
    })


_new_finding = builder(Finding, frozenset(Finding.model_fields))


def _as_hits(result: Hit | Iterable[Hit] | None) -> Iterable[Hit]:
    if result is None:
        return ()
    if isinstance(result, Hit):
        return (result,)
    return result


def _condition_hit(rule: Rule, record: Any, project: Project | None) -> Hit | None:
    get = getter(record, project)
    if rule.where is not None and not rule.where.holds(get):
        return None
    if rule.condition is not None and rule.condition.holds(get):
        return None
    if isinstance(record, Indicator):
        return Hit(project=project, indicator=record)
    return Hit(project=record)


def _wants(rule: Rule, project: Project) -> bool:
    if rule.scope == "project":
        return project.kind == "project"
    if rule.scope == "department":
        return project.kind == "department"
    return True


def check_workbook(book: Workbook, rules: list[Rule], lang: str = "zh") -> list[Finding]:
    """Every finding of the per-file rules on one workbook, in sheet/row order."""
    with paused_gc():
        return _check_workbook(book, rules, lang)


def _check_workbook(book: Workbook, rules: list[Rule], lang: str) -> list[Finding]:
    """One pass over the records with every check, not one pass per rule: on a 10⁵-row file the records do
    not fit in the CPU caches, and reading each of them once instead of thirty times is most of the gain."""
    active = [r for r in rules if r.scope != "run"]
    hits: list[list[Hit]] = [[] for _ in active]
    on_indicators = [(hits[k], r.spec.func, r.typed_params) for k, r in enumerate(active)
                     if r.check is not None and r.scope == "indicator"]
    on_projects = [(hits[k], r.spec.func, r.typed_params, r.scope) for k, r in enumerate(active)
                   if r.check is not None and r.scope in _PROJECT_SCOPES]
    for project in book.projects:
        kind = project.kind
        for out, fn, params, scope in on_projects:
            if scope == "goal" or _PROJECT_SCOPES[scope] == kind:
                result = fn(project, book, params)
                if result is not None:
                    out.extend(_as_hits(result))
        for ind in project.indicators:
            for out, fn, params in on_indicators:
                result = fn(ind, project, params)
                if result is not None:
                    out.extend(_as_hits(result))
    for k, rule in enumerate(active):
        if rule.check is None:
            hits[k] = list(_condition_hits(rule, book))
        elif rule.scope == "workbook":
            hits[k] = list(_as_hits(rule.spec.func(book, rule.typed_params)))
    file = book.path
    findings = [make_finding(rule, h, file, lang) for rule, found in zip(active, hits) for h in found]
    findings.sort(key=finding_order)
    return findings


def finding_order(f: Finding) -> tuple[str, int, str]:
    """Findings of a file are listed by sheet, row, rule."""
    return (f.sheet or "", f.row or 0, f.rule)


_PROJECT_SCOPES = {"project": "project", "department": "department", "goal": None}


def _condition_hits(rule: Rule, book: Workbook) -> Iterator[Hit]:
    for project in book.projects:
        if rule.scope == "indicator":
            for ind in project.indicators:
                hit = _condition_hit(rule, ind, project)
                if hit is not None:
                    yield hit
        elif _wants(rule, project):
            hit = _condition_hit(rule, project, None)
            if hit is not None:
                yield hit


def check_run(books: list[Workbook], rules: list[Rule], lang: str = "zh") -> list[Finding]:
    """Findings of the rules that compare records across every file of one run (e.g. PC406)."""
    findings: list[Finding] = []
    with paused_gc():
        for rule in rules:
            if rule.scope == "run" and rule.check is not None:
                for hit in _as_hits(rule.spec.func(books, rule.typed_params)):
                    findings.append(make_finding(rule, hit, hit.file or "", lang))
    return findings
