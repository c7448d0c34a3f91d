"""The JSON machine contract of output.md: fields are only ever added."""
from __future__ import annotations

import json

from ..run import RunResult


def as_dict(result: RunResult) -> dict:
    return {
        "tool": result.tool,
        "version": result.version,
        "files": [f.model_dump() for f in result.files],
        "summary": result.summary(),
        "findings": [f.model_dump() for f in result.findings],
    }


def render(result: RunResult, lang: str = "zh") -> str:
    return json.dumps(as_dict(result), ensure_ascii=False, indent=2) + "\n"
