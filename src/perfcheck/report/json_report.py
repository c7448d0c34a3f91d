"""The JSON machine contract of output.md: fields are only ever added."""
from __future__ import annotations

import json

from ..batch import unit_summaries
from ..run import RunResult

_compact = json.JSONEncoder(ensure_ascii=False).encode


def as_dict(result: RunResult) -> dict:
    out = {
        "tool": result.tool,
        "version": result.version,
        "files": [f.model_dump() for f in result.files],
        "summary": result.summary(),
        # a finding's __dict__ is exactly its fields (all plain values): 10× cheaper than model_dump
        "findings": [dict(f.__dict__) for f in result.findings],
        "units": [u.model_dump() for u in unit_summaries(result)],
    }
    if result.sample is not None:
        out["sample"] = result.sample.model_dump()
    return out


def render(result: RunResult, lang: str = "zh") -> str:
    """Indented JSON with one finding per line: readable, greppable, and written at C speed (a run with
    10⁵ findings takes a second instead of three with json's pure-Python indenting encoder)."""
    parts = []
    for key, value in as_dict(result).items():
        if key == "findings" and value:
            body = "[\n    " + ",\n    ".join(map(_compact, value)) + "\n  ]"
        else:
            body = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        parts.append(f"  {_compact(key)}: {body}")
    return "{\n" + ",\n".join(parts) + "\n}\n"
