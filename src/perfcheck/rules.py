"""Load and validate YAML rule files: a malformed rule is refused with file:line and the reason."""
from __future__ import annotations

import string
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .checks import REGISTRY, SCOPES, CheckSpec, Params, load_all
from .conditions import FIELDS_BY_SCOPE, Condition, fields_of
from .errors import RuleError
from .models import Severity

# Placeholders every message may use, by scope.
# Project-level checks may also point at one of the project's indicators.
_RECORD = frozenset({"file", "project", "unit", "code", "indicator", "value", "level1", "level2", "measure"})
BASE_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "indicator": _RECORD, "project": _RECORD, "department": _RECORD, "goal": _RECORD,
    "workbook": frozenset({"file"}), "run": _RECORD,
}


class Text(BaseModel):
    """Chinese and English text; a local rule may give only Chinese (`title: 文字` or `{zh: 文字}`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    zh: str
    en: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, data: Any) -> Any:
        return {"zh": data} if isinstance(data, str) else data

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.zh


class Rule(BaseModel):
    """One rule as written in YAML; `check` or `condition` says what it tests."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=r"^[A-Z]{1,4}\d{1,5}$")
    title: Text
    severity: Severity
    scope: Literal["indicator", "project", "department", "goal", "workbook", "run"]
    message: Text
    check: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    where: Condition | None = None
    condition: Condition | None = None
    enabled: bool = True
    description: Text | None = None     # what it checks and why, for `perfcheck rule CODE`
    source: str | None = None           # where the rule comes from (a seed report, guidance)
    examples: dict[str, str] | None = None  # {bad: ..., good: ...}
    origin: str = ""                     # file:line, filled by the loader

    @field_validator("check")
    @classmethod
    def _known_check(cls, name: str | None) -> str | None:
        if name is not None and name not in load_all():
            raise ValueError(f"未知的检查“{name}”（可用：{', '.join(sorted(REGISTRY))}）")
        return name

    @model_validator(mode="after")
    def _consistent(self) -> "Rule":
        if (self.check is None) == (self.condition is None):
            raise ValueError("规则须有且只有 check 或 condition 之一")
        if self.check is not None and self.where is not None:
            raise ValueError("where 只能与 condition 一起使用（check 规则的适用范围由检查本身决定）")
        if self.check is not None:
            spec = self.spec
            if spec.scope != self.scope:
                raise ValueError(f"检查“{self.check}”的范围是 {spec.scope}，而规则写的是 {self.scope}")
            self.typed_params  # validates the parameters now, not at run time
            allowed = BASE_PLACEHOLDERS[self.scope] | spec.placeholders
        else:
            if self.scope not in FIELDS_BY_SCOPE:
                raise ValueError(f"范围 {self.scope} 的规则须用 check，不能用 condition")
            known = FIELDS_BY_SCOPE[self.scope]
            for cond in (self.where, self.condition):
                for f in fields_of(cond) if cond is not None else ():
                    if f not in known:
                        raise ValueError(f"未知字段“{f}”（可用：{', '.join(known)}）")
            allowed = BASE_PLACEHOLDERS[self.scope]
        for lang in ("zh", "en"):
            for name in _placeholders(self.message.get(lang)):
                if name not in allowed:
                    raise ValueError(f"消息模板中的占位符“{{{name}}}”未知（可用：{', '.join(sorted(allowed))}）")
        return self

    @property
    def spec(self) -> CheckSpec:
        return REGISTRY[self.check or ""]

    @cached_property
    def typed_params(self) -> Params:
        return self.spec.params.model_validate(self.params)


def _placeholders(template: str) -> list[str]:
    try:
        return [name for _, name, _, _ in string.Formatter().parse(template) if name]
    except ValueError as err:
        raise ValueError(f"消息模板格式错误：{err}") from None


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    mapping["__keylines__"] = {k.value: k.start_mark.line + 1 for k, _ in node.value if hasattr(k, "value")}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strip_lines(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _strip_lines(v) for k, v in obj.items() if k not in ("__line__", "__keylines__")}
    if isinstance(obj, list):
        return [_strip_lines(v) for v in obj]
    return obj


def _error_line(item: dict[str, Any], err: ValidationError) -> int:
    first = err.errors()[0]["loc"]
    if first and isinstance(first[0], str) and first[0] in item.get("__keylines__", {}):
        return int(item["__keylines__"][first[0]])
    params = item.get("params")  # a check's parameter error carries the parameter's name only
    if first and isinstance(params, dict) and first[0] in params.get("__keylines__", {}):
        return int(params["__keylines__"][first[0]])
    return int(item.get("__line__", 0))


def _reason(err: ValidationError) -> str:
    e = err.errors()[0]
    loc = ".".join(str(x) for x in e["loc"] if not str(x).startswith("function-"))
    msg = str(e["msg"]).removeprefix("Value error, ")
    if e["type"] == "extra_forbidden":
        msg = "未知的键"
    return f"{loc}: {msg}" if loc else msg


def load_rule_file(path: str | Path, text: str | None = None) -> list[Rule]:
    """Read one YAML rule file; every problem is a RuleError naming file:line."""
    path = str(path)
    try:
        source = text if text is not None else Path(path).read_text(encoding="utf-8")
        data = yaml.load(source, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except OSError as err:
        raise RuleError(path, f"无法读取规则文件：{err.strerror or err}") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise RuleError(path, f"YAML 语法错误：{getattr(err, 'problem', err)}",
                        mark.line + 1 if mark else None) from None
    if isinstance(data, dict) and "rules" in data:
        data = data["rules"]
    if not isinstance(data, list):
        raise RuleError(path, "规则文件须是规则列表（或含 rules: 列表）", 1)
    rules: list[Rule] = []
    for item in data:
        if not isinstance(item, dict):
            raise RuleError(path, "每条规则须是一个映射（code、title、severity…）")
        line = int(item.get("__line__", 0))
        try:
            rule = Rule.model_validate({**_strip_lines(item), "origin": f"{path}:{line}"})
        except ValidationError as err:
            raise RuleError(path, _reason(err), _error_line(item, err)) from None
        rules.append(rule)
    return rules


def default_rule_paths() -> list[Path]:
    """The shipped rule set: the checkout's rules/ when run from source, else the copy in the wheel."""
    here = Path(__file__).resolve()
    checkout = here.parents[2] / "rules"
    if checkout.is_dir() and (here.parents[2] / "pyproject.toml").is_file():
        return sorted(checkout.glob("*.yaml"))
    packaged = resources.files("perfcheck") / "rules"
    return sorted(Path(str(p)) for p in packaged.iterdir() if p.name.endswith(".yaml"))


def load_rules(paths: list[Path] | None = None) -> list[Rule]:
    """Load rule files; a code defined twice is an error."""
    load_all()
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for p in paths if paths is not None else default_rule_paths():
        for rule in load_rule_file(p):
            if rule.code in seen:
                file, _, line = rule.origin.rpartition(":")
                raise RuleError(file, f"规则代码 {rule.code} 重复（已在 {seen[rule.code]} 定义）", int(line))
            seen[rule.code] = rule.origin
            rules.append(rule)
    return rules


SCOPE_ORDER = {s: i for i, s in enumerate(SCOPES)}
