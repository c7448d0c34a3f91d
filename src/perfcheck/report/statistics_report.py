"""`--statistics`: how many findings each rule raised, most frequent first."""
from __future__ import annotations

from collections import Counter

from ..run import RunResult
from .table import SEVERITY_WORDS


def counts(result: RunResult) -> list[tuple[str, str, str, int]]:
    """(rule, severity, title, count), most frequent first, then by code."""
    n = Counter(f.rule for f in result.findings)
    meta = {f.rule: (f.severity, f.title) for f in result.findings}
    return sorted(((r, *meta[r], c) for r, c in n.items()), key=lambda t: (-t[3], t[0]))


def render(result: RunResult, lang: str = "zh") -> str:
    words = SEVERITY_WORDS["en" if lang == "en" else "zh"]
    lines = [f"{c:>6}  {rule:<7} {words[sev]:<4}  {title}" for rule, sev, title, c in counts(result)]
    total = len(result.findings)
    lines.append(f"{total:>6}  " + ("total" if lang == "en" else "合计"))
    return "\n".join(lines) + "\n"
