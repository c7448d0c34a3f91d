"""Every rule has YAML cases under tests/cases/: one that fires it and one that stays silent."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from casebook import make_book
from perfcheck.checks import REGISTRY
from perfcheck.engine import check_run, check_workbook
from perfcheck.rules import Rule, load_rules

CASES_DIR = Path(__file__).parent / "cases"
RULES = load_rules()
RULE_BY_CODE = {r.code: r for r in RULES}


def _case_files() -> list[Path]:
    return sorted(CASES_DIR.glob("*.yaml"))


def _cases() -> list[Any]:
    out = []
    for path in _case_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(data["cases"]):
            out.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{i}-{case['name']}"))
    return out


def _rule(code: str, params: dict[str, Any] | None) -> Rule:
    rule = RULE_BY_CODE[code]
    if not params:
        return rule
    return Rule.model_validate({**rule.model_dump(by_alias=True, exclude_none=True),
                                "params": {**rule.params, **params}})


def run_case(code: str, case: dict[str, Any]) -> list:
    rule = _rule(code, case.get("params"))
    files = case.get("files") or [{"projects": case.get("projects"), "book": case.get("book", {})}]
    books = [make_book(f.get("projects"), path=f"file{i}.xlsx", **(f.get("book") or {})) for i, f in enumerate(files)]
    findings = [f for b in books for f in check_workbook(b, [rule])]
    findings += check_run(books, [rule])
    return findings


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_case(code: str, case: dict[str, Any]) -> None:
    findings = run_case(code, case)
    expect = case["expect"]
    assert all(f.rule == code for f in findings)
    if isinstance(expect, int):
        assert len(findings) == expect, [f.message for f in findings]
        return
    got = [{k: getattr(f, k) for k in e} for f, e in zip(findings, expect)]
    assert len(findings) == len(expect), [f.message for f in findings]
    assert got == expect
    for f, e in zip(findings, expect):
        assert f.message and "{" not in f.message


def test_every_rule_has_firing_and_silent_case() -> None:
    seen: dict[str, set[str]] = {}
    for path in _case_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            kind = "silent" if case["expect"] in (0, []) else "fires"
            seen.setdefault(data["rule"], set()).add(kind)
    missing = {r.code: {"fires", "silent"} - seen.get(r.code, set()) for r in RULES}
    assert {c: m for c, m in missing.items() if m} == {}


def test_every_check_is_used_by_a_rule() -> None:
    used = {r.check for r in RULES if r.check}
    assert set(REGISTRY) - used == set()


def test_clean_project_is_silent_under_every_rule() -> None:
    book = make_book()
    findings = check_workbook(book, RULES) + check_run([book], RULES)
    assert [(f.rule, f.message) for f in findings if f.severity != "info"] == []
