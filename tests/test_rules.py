"""Rule files: the shipped set loads; a malformed file is refused with file:line and the reason."""
from __future__ import annotations

from pathlib import Path

import pytest

from perfcheck.errors import RuleError
from perfcheck.rules import default_rule_paths, load_rule_file, load_rules

GOOD = """\
- code: X101
  title: {zh: 测试, en: test}
  severity: warning
  scope: indicator
  where: {field: target.unit, equals: "%"}
  condition: {field: target.number, between: [0, 100]}
  message: {zh: "指标“{indicator}”的指标值{value}超出范围", en: "out of range"}
"""


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "local.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_shipped_rules_load_with_unique_codes() -> None:
    rules = load_rules()
    codes = [r.code for r in rules]
    assert len(codes) == len(set(codes))
    assert {"PC101", "PC108", "PC201", "PC208", "PC301", "PC309"} <= set(codes)
    assert default_rule_paths()


def test_condition_rule_loads(tmp_path: Path) -> None:
    (rule,) = load_rule_file(write(tmp_path, GOOD))
    assert rule.code == "X101" and rule.origin.endswith(":1")


@pytest.mark.parametrize(("text", "line", "reason"), [
    (GOOD.replace("  scope: indicator\n", "  scope: indicator\n  colour: red\n"), 5, "未知的键"),
    (GOOD.replace("where: {field: target.unit", "where: {field: target.nonsense"), 1, "未知字段"),
    (GOOD.replace("{value}超出范围", "{valeu}超出范围"), 1, "占位符"),
    (GOOD + "- code: X102\n  title: {zh: a, en: b}\n  severity: info\n  scope: project\n  check: no_such_check\n"
     "  message: {zh: a, en: b}\n", 12, "未知的检查"),
    ("- code: X1\n  title: [unclosed\n", 3, "YAML"),
    (GOOD.replace("severity: warning", "severity: fatal"), 3, "severity"),
])
def test_bad_rule_file_names_file_line_and_reason(tmp_path: Path, text: str, line: int, reason: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(RuleError) as err:
        load_rule_file(path)
    assert str(err.value).startswith(f"{path}:{line}: ")
    assert reason in str(err.value)


def test_unknown_check_parameter_is_refused(tmp_path: Path) -> None:
    text = ("- code: X201\n  title: {zh: a, en: b}\n  severity: error\n  scope: project\n  check: indicator_count\n"
            "  params: {general_minimum: 4}\n  message: {zh: a, en: b}\n")
    with pytest.raises(RuleError, match="general_minimum"):
        load_rule_file(write(tmp_path, text))


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    text = "- !!python/object/apply:os.system ['echo pwned']\n"
    with pytest.raises(RuleError):
        load_rule_file(write(tmp_path, text))
