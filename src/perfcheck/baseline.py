"""Accept today's findings and report only new ones: a baseline file, and config exemptions.

A finding is keyed on rule + unit + project (code and name) + indicator, never on its row,
so rows inserted above a project leave the baseline valid. The baseline counts each key:
a second identical finding under the same key is new. A finding with no project (a
file-level one, e.g. PC108) is keyed on the file's name instead.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from . import __version__
from .batch import ProjectEntry, entry_key
from .batch import finding_key as project_key
from .errors import ConfigError
from .models import Finding
from .run import RunResult

FORMAT = 1
Key = tuple[str, str, str, str, str, str]
_FIELDS = ("rule", "unit", "project_code", "project", "indicator", "file")


def finding_key(f: Finding) -> Key:
    """What identifies a finding across edits of the table: not its row, not its message."""
    filed = "" if (f.project or f.project_code or f.unit) else Path(f.file).name
    return (f.rule, f.unit or "", f.project_code or "", f.project or "", f.indicator or "", filed)


def write_baseline(path: Path, findings: Iterable[Finding]) -> int:
    """Record the findings as accepted; returns how many were recorded."""
    findings = list(findings)
    counts = Counter(finding_key(f) for f in findings)
    example: dict[Key, str] = {}
    for f in findings:
        example.setdefault(finding_key(f), f.message)
    entries = [{**{k: v or None for k, v in zip(_FIELDS, key)}, "count": n, "message": example[key]}
               for key, n in sorted(counts.items())]
    data = {"tool": "perfcheck", "baseline": FORMAT, "version": __version__, "created": date.today().isoformat(),
            "findings": entries}
    try:
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as err:
        raise ConfigError(str(path), f"无法写入基线文件：{err.strerror or err}") from None
    return len(findings)


def load_baseline(path: Path) -> Counter[Key]:
    """The accepted findings of a baseline file, counted by key."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(str(path), f"无法读取基线文件：{err.strerror or err}") from None
    except json.JSONDecodeError as err:
        raise ConfigError(str(path), f"基线文件不是有效的 JSON：{err.msg}", err.lineno) from None
    except UnicodeDecodeError:
        raise ConfigError(str(path), "基线文件须为 UTF-8 编码") from None
    if not isinstance(data, dict) or data.get("tool") != "perfcheck" or not isinstance(data.get("findings"), list):
        raise ConfigError(str(path), "不是 perfcheck 基线文件（应由 --write-baseline 生成）")
    counts: Counter[Key] = Counter()
    for i, e in enumerate(data["findings"]):
        if not isinstance(e, dict) or not isinstance(e.get("rule"), str):
            raise ConfigError(str(path), f"基线第{i + 1}条记录缺少 rule")
        key = tuple(str(e.get(k) or "") for k in _FIELDS)
        count = e.get("count", 1)
        counts[key] += count if isinstance(count, int) and count > 0 else 1  # type: ignore[index]
    return counts


def drop_findings(result: RunResult, drop: Callable[[Finding], bool]) -> int:
    """Remove findings from a result and recount its clean projects; returns how many were removed."""
    kept = [f for f in result.findings if not drop(f)]
    removed = len(result.findings) - len(kept)
    if not removed:
        return 0
    result.findings = kept
    if result.entries:
        by_key: dict[tuple, ProjectEntry] = {}
        for e in result.entries:
            e.error = e.warning = e.info = 0
            by_key.setdefault(entry_key(e), e)
        for f in kept:
            key = project_key(f)
            entry = by_key.get(key) if key is not None else None
            if entry is not None:
                setattr(entry, f.severity, getattr(entry, f.severity) + 1)
        result.clean_projects = sum(e.clean for e in result.entries)
    return removed


def apply_baseline(result: RunResult, accepted: Counter[Key]) -> int:
    """Hide findings the baseline accepts (up to its count per key); the count is added to `result.suppressed`."""
    left = Counter(accepted)

    def known(f: Finding) -> bool:
        key = finding_key(f)
        if left[key] > 0:
            left[key] -= 1
            return True
        return False

    n = drop_findings(result, known)
    result.suppressed += n
    return n
