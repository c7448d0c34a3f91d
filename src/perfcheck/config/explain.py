"""Explain rules and configuration to people: `perfcheck rules`, `perfcheck rule CODE`, `perfcheck config --show`."""
from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.table import Table

from ..rules import Text
from .resolve import RuleState, Settings
from .source import display

_WORDS = {
    "zh": {"code": "代码", "severity": "级别", "title": "名称", "enabled": "启用", "yes": "是", "no": "否",
           "error": "错误", "warning": "警告", "info": "提示", "scope": "范围", "check": "检查", "condition": "条件",
           "defined": "定义于", "what": "检查内容", "why": "说明", "source": "依据", "params": "参数",
           "none": "无", "bad": "不合格示例", "good": "合格示例", "message": "消息模板", "where": "适用于",
           "profile": "配置方案", "config": "配置文件", "total": "共 {n} 条规则，启用 {on} 条"},
    "en": {"code": "code", "severity": "severity", "title": "title", "enabled": "enabled", "yes": "yes", "no": "no",
           "error": "error", "warning": "warning", "info": "info", "scope": "scope", "check": "check",
           "condition": "condition", "defined": "defined in", "what": "what it checks", "why": "why",
           "source": "source", "params": "parameters", "none": "none", "bad": "bad", "good": "good",
           "message": "message", "where": "applies to", "profile": "profile", "config": "config file",
           "total": "{n} rules, {on} enabled"},
}


def _words(lang: str) -> dict[str, str]:
    return _WORDS["en" if lang == "en" else "zh"]


def _both(text: Text) -> str:
    return f"{text.zh} / {text.en}" if text.en else text.zh


def _console(buf: io.StringIO) -> Console:
    return Console(file=buf, width=120, no_color=True, highlight=False, force_terminal=False)


def rules_table(settings: Settings, lang: str = "zh") -> str:
    """Every rule, built-in and local: code, severity, title, whether this configuration runs it."""
    w = _words(lang)
    table = Table(box=None, show_edge=False, pad_edge=False)
    for col in ("code", "severity", "title", "enabled"):
        table.add_column(w[col], no_wrap=col != "title")
    for s in settings.states:
        table.add_row(s.rule.code, w[s.rule.severity], s.rule.title.get(lang), w["yes" if s.selected else "no"])
    buf = io.StringIO()
    con = _console(buf)
    con.print(table)
    on = sum(1 for s in settings.states if s.selected)
    con.print(w["total"].format(n=len(settings.states), on=on))
    return buf.getvalue()


def flow(value: Any) -> str:
    """One YAML value on one line: 3, [产出, 效益], '(资金|预算)…'."""
    if isinstance(value, tuple):
        value = list(value)
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000, sort_keys=False)
    return text.strip().removesuffix("...").strip()


def rule_detail(state: RuleState, lang: str = "zh") -> str:
    """What a rule checks, why, where it comes from, its parameters (with their origin) and examples."""
    w, rule = _words(lang), state.rule
    other = "en" if lang != "en" else "zh"
    also = rule.title.get(other)
    file, _, line = rule.origin.rpartition(":")
    out = [f"{rule.code}  {rule.title.get(lang)}" + (f"  ({also})" if also != rule.title.get(lang) else ""),
           (f"{w['severity']}: {w[rule.severity]} ({state.origin('severity')})    "
            f"{w['enabled']}: {w['yes' if state.selected else 'no']} ({state.origin('selected')})    "
            f"{w['scope']}: {rule.scope}"),
           f"{w['defined']}: {display(Path(file))}:{line}"]
    if rule.check:
        doc = (rule.spec.func.__doc__ or "").strip()
        out.append(f"{w['check']}: {rule.check}" + (f" — {doc}" if doc else ""))
    if rule.description is not None:
        out += ["", f"{w['why']}: {rule.description.get(lang)}"]
    if rule.source:
        out.append(f"{w['source']}: {rule.source}")
    if rule.condition is not None:
        out += ["", f"{w['condition']}:"]
        if rule.where is not None:
            out.append(f"  where: {flow(rule.where.model_dump(by_alias=True, exclude_none=True))}")
        out.append(f"  condition: {flow(rule.condition.model_dump(by_alias=True, exclude_none=True))}")
    out += ["", f"{w['params']}:"]
    params = state.params
    if not params:
        out.append(f"  {w['none']}")
    for name, value in params.items():
        out.append(f"  {name}: {flow(value)}    # {state.origin('params.' + name)}")
    if rule.examples:
        out.append("")
        for kind in ("bad", "good"):
            if rule.examples.get(kind):
                out.append(f"{'✗' if kind == 'bad' else '✓'} {w[kind]}: {rule.examples[kind]}")
    out += ["", f"{w['message']}: {rule.message.get(lang)}"]
    return "\n".join(out) + "\n"


def show_data(settings: Settings) -> dict[str, Any]:
    """The effective configuration as data: every value with where it came from."""
    def item(value: Any, origin: str) -> dict[str, Any]:
        return {"value": list(value) if isinstance(value, tuple) else value, "from": origin}

    rules: dict[str, Any] = {}
    for s in settings.states:
        rules[s.rule.code] = {
            "enabled": item(s.selected, s.origin("selected")),
            "severity": item(s.rule.severity, s.origin("severity")),
            "params": {n: item(v, s.origin("params." + n)) for n, v in s.params.items()},
        }
    return {
        "config": str(settings.config) if settings.config else None,
        "profile": item(settings.profile, settings.origins["profile"]),
        "fail_on": item(settings.fail_on, settings.origins["fail_on"]),
        "lang": item(settings.lang, settings.origins["lang"]),
        "extra_rules": [item(p, o) for p, o in settings.extra_rules],
        "exemptions": [{**ex.model_dump(exclude_none=True), "from": o} for ex, o in settings.exemptions],
        "rules": rules,
    }


def show(settings: Settings, as_json: bool = False) -> str:
    """`perfcheck config --show`: valid YAML (or JSON) with the origin of each value as a comment."""
    data = show_data(settings)
    if as_json:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    lines = ["# perfcheck 生效配置 / effective configuration",
             f"# {_words('zh')['config']}: {display(settings.config) if settings.config else '（无，使用默认值）'}"]

    def put(indent: int, key: str, entry: dict[str, Any]) -> None:
        lines.append(f"{' ' * indent}{key}: {flow(entry['value'])}    # {entry['from']}")

    for key in ("profile", "fail_on", "lang"):
        put(0, key, data[key])
    lines.append("extra_rules:" + ("" if data["extra_rules"] else " []"))
    for e in data["extra_rules"]:
        lines.append(f"  - {flow(e['value'])}    # {e['from']}")
    lines.append("exemptions:" + ("" if data["exemptions"] else " []"))
    for ex in data["exemptions"]:
        origin = ex.pop("from")
        lines.append(f"  - {flow(ex)}    # {origin}")
    lines.append("rules:")
    for s in settings.states:
        entry = data["rules"][s.rule.code]
        lines.append(f"  {s.rule.code}:    # {_both(s.rule.title)}")
        put(4, "enabled", entry["enabled"])
        put(4, "severity", entry["severity"])
        if entry["params"]:
            lines.append("    params:")
            for name, e in entry["params"].items():
                put(6, name, e)
    return "\n".join(lines) + "\n"

