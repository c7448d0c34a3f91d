"""SARIF 2.1.0 for code-scanning dashboards: rule metadata, and each finding at file + row with sheet!cell."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from ..models import Finding
from ..run import RuleMeta, RunResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative path as a percent-encoded URI reference; an absolute one as a file: URI."""
    p = PurePath(path)
    if p.is_absolute():
        return Path(path).as_uri()
    return quote(p.as_posix(), safe="/")


def column_number(letters: str | None) -> int | None:
    """'A' → 1, 'AB' → 28."""
    if not letters or not letters.isalpha():
        return None
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _rules(result: RunResult) -> list[RuleMeta]:
    metas = {r.code: r for r in result.rules}
    for f in result.findings:
        metas.setdefault(f.rule, RuleMeta(code=f.rule, title=f.title, severity=f.severity))
    return sorted(metas.values(), key=lambda r: r.code)


def _rule(meta: RuleMeta) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": meta.code,
        "shortDescription": {"text": meta.title},
        "defaultConfiguration": {"level": LEVELS.get(meta.severity, "warning")},
        "properties": {"tags": ["performance-goals"], "severity": meta.severity},
    }
    if meta.description:
        out["fullDescription"] = {"text": meta.description}
        out["help"] = {"text": meta.description}
    return out


def fingerprint(f: Finding) -> str:
    """Stable across runs while the record stays where it is (the message text may change)."""
    parts = (f.rule, f.file, f.sheet, f.row, f.column, f.unit, f.project_code, f.project, f.indicator)
    return hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode()).hexdigest()[:32]


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(f.file)}}
    if f.row is not None and f.row >= 1:
        region: dict[str, Any] = {"startLine": f.row}
        col = column_number(f.column)
        if col is not None:
            region["startColumn"] = col
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    if f.cell:
        location["logicalLocations"] = [{"name": f"{f.column or ''}{f.row or ''}" or f.cell,
                                         "fullyQualifiedName": f.cell, "kind": "cell"}]
    where = f" [{f.cell}]" if f.cell else ""
    props = {k: v for k, v in (("sheet", f.sheet), ("cell", f.cell or None), ("unit", f.unit),
                               ("projectCode", f.project_code), ("project", f.project),
                               ("indicator", f.indicator), ("title", f.title)) if v}
    return {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": LEVELS[f.severity],
        "message": {"text": f.message + where},
        "locations": [location],
        "partialFingerprints": {"perfcheckFinding/v1": fingerprint(f)},
        "properties": props,
    }


def as_dict(result: RunResult) -> dict[str, Any]:
    rules = _rules(result)
    index = {r.code: i for i, r in enumerate(rules)}
    notifications = [{
        "level": "error",
        "message": {"text": fr.error},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(fr.path)}}}],
    } for fr in result.files if fr.error]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": result.tool, "version": result.version, "semanticVersion": result.version,
                                "rules": [_rule(r) for r in rules]}},
            "invocations": [{"executionSuccessful": not result.has_file_errors,
                             "toolExecutionNotifications": notifications}],
            "artifacts": [{"location": {"uri": artifact_uri(fr.path)}} for fr in result.files],
            "results": [_result(f, index) for f in result.findings],
            "columnKind": "unicodeCodePoints",
        }],
    }


def render(result: RunResult, lang: str = "zh") -> str:
    return json.dumps(as_dict(result), ensure_ascii=False, indent=2) + "\n"
