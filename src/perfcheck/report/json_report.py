"""The JSON machine contract of output.md: fields are only ever added."""
from __future__ import annotations

import json

from ..batch import unit_summaries
from ..run import RunResult


def as_dict(result: RunResult) -> dict:
    out = {
        "tool": result.tool,
        "version": result.version,
        "files": [f.model_dump() for f in result.files],
        "summary": result.summary(),
        "findings": [f.model_dump() for f in result.findings],
        "units": [u.model_dump() for u in unit_summaries(result)],
    }
    if result.sample is not None:
        out["sample"] = result.sample.model_dump()
    return out


def render(result: RunResult, lang: str = "zh") -> str:
    return json.dumps(as_dict(result), ensure_ascii=False, indent=2) + "\n"
