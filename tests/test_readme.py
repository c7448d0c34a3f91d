"""The README's rule table lists every shipped rule, and its two commands are the ones CI and users run."""
from __future__ import annotations

from pathlib import Path

from perfcheck.rules import load_rules

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_rule_is_in_the_readme_table() -> None:
    missing = [r.code for r in load_rules() if f"| {r.code} |" not in README]
    assert missing == []


def test_readme_names_the_two_commands() -> None:
    assert "pip install . && perfcheck lint samples/" in README
    assert 'pip install ".[test]" && python -m pytest tests' in README
