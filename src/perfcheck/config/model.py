"""The configuration file as pydantic models: the single definition behind validation and the JSON Schema."""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from ..models import Severity

SELECTOR = re.compile(r"^(ALL|[A-Z]{1,4}\d{0,5})$")
FailOn = Literal["error", "warning", "info", "never"]
Lang = Literal["zh", "en"]


def check_selector(value: str) -> str:
    """A rule code or a code prefix: 'PC101', 'PC30', 'PC', 'X1', or 'ALL'."""
    text = str(value).strip()
    if not SELECTOR.match(text):
        raise ValueError(f"“{value}”不是规则代码或前缀（如 PC101、PC3、X）")
    return text


Selector = Annotated[str, AfterValidator(check_selector)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _dashes_and_nulls(cls, data: Any) -> Any:
        """Accept `extend-select` for `extend_select`, and an empty key (`rules:`) for its default."""
        if isinstance(data, dict):
            return {str(k).replace("-", "_"): v for k, v in data.items() if v is not None}
        return data


class RuleSettings(_Strict):
    """What a jurisdiction changes about one rule (or, without params, every rule under a prefix)."""

    severity: Severity | None = Field(None, description="error / warning / info")
    enabled: bool | None = Field(None, description="false: off unless selected by its full code")
    params: dict[str, Any] = Field(default_factory=dict, description="the check's parameters (see `perfcheck rule CODE`)")


class Exemption(_Strict):
    """A known, accepted finding: one project, some rules, and why."""

    project: str = Field(min_length=1, description="项目编码或项目名称 / project code or name")
    rules: list[Selector] = Field(min_length=1, description="规则代码或前缀 / rule codes or prefixes")
    reason: str = Field(description="豁免原因（必填） / why this is accepted (required)")
    unit: str | None = Field(None, description="单位名称（可选） / unit name, to narrow the match")
    indicator: str | None = Field(None, description="指标名称（可选） / indicator name, to narrow the match")

    @model_validator(mode="before")
    @classmethod
    def _one_rule(cls, data: Any) -> Any:
        if isinstance(data, dict) and "rule" in data and "rules" not in data:
            data = {**data, "rules": data["rule"]}
            data.pop("rule")
        if isinstance(data, dict) and isinstance(data.get("rules"), str):
            data = {**data, "rules": [data["rules"]]}
        return data

    @field_validator("project", "reason", "unit", "indicator", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return str(value).strip() if isinstance(value, (str, int, float)) else value

    @field_validator("reason")
    @classmethod
    def _reason_given(cls, value: str) -> str:
        if not value:
            raise ValueError("豁免须写明原因（reason）")
        return value


class Layer(_Strict):
    """What a profile, a config file and the command line all may say: which rules, how strict, which numbers."""

    select: list[Selector] | None = Field(None, description="只启用这些规则（代码或前缀） / enable only these (codes or prefixes)")
    extend_select: list[Selector] = Field(default_factory=list, description="追加启用 / enable these as well")
    ignore: list[Selector] = Field(default_factory=list, description="停用 / disable these (codes or prefixes)")
    rules: dict[Selector, RuleSettings] = Field(default_factory=dict,
                                           description="按规则设置级别与参数 / severity and params per rule code")

    @field_validator("select", "extend_select", "ignore", mode="before")
    @classmethod
    def _list(cls, value: Any) -> Any:
        if isinstance(value, str):  # "PC1, PC3" as one string
            return [v for v in re.split(r"[,\s]+", value) if v]
        return value

    @field_validator("rules", mode="before")
    @classmethod
    def _keys(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): ({} if v is None else v) for k, v in value.items()}
        return value


class ConfigFile(Layer):
    """perfcheck.yaml, or [tool.perfcheck] in pyproject.toml."""

    extend: str | None = Field(None, description="先读取另一个配置文件（相对本文件） / a config file this one builds on")
    profile: str | None = Field(None, description="配置方案：default、jianghan、strict… / shipped profile name")
    extra_rules: list[str] = Field(default_factory=list,
                                   description="本地规则文件（相对本文件） / rule files of your own, relative to this file")
    exemptions: list[Exemption] = Field(default_factory=list, description="已接受的问题 / accepted findings")
    fail_on: FailOn | None = Field(None, description="退出码为1的最低级别 / lowest severity that fails the run")
    lang: Lang | None = Field(None, description="消息语言 / message language")

    @field_validator("extra_rules", mode="before")
    @classmethod
    def _paths(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class ProfileFile(Layer):
    """A shipped profile: a named set of a jurisdiction's numbers."""

    description: dict[str, str] = Field(default_factory=dict)


_REASONS = {
    "extra_forbidden": "未知的键",
    "missing": "缺少必填项",
    "int_parsing": "须为整数",
    "int_from_float": "须为整数",
    "float_parsing": "须为数字",
    "bool_parsing": "须为 true 或 false",
    "string_type": "须为文本",
    "list_type": "须为列表",
    "dict_type": "须为映射",
    "model_type": "须为映射",
    "too_short": "不能为空",
    "string_too_short": "不能为空",
    "tuple_type": "须为列表",
}


def reason(err: ValidationError, skip: int = 0) -> tuple[tuple[Any, ...], str]:
    """The location and a Chinese one-line reason of the first validation error."""
    e = err.errors()[0]
    loc = tuple(x for x in e["loc"] if not str(x).startswith("function-"))
    msg = str(e["msg"]).removeprefix("Value error, ")
    if e["type"] == "literal_error":
        allowed = e.get("ctx", {}).get("expected", "")
        msg = f"取值“{e.get('input')}”无效（应为 {allowed}）"
    elif e["type"] in _REASONS:
        msg = _REASONS[e["type"]]
    where = ".".join(str(x) for x in loc[skip:])
    return loc, f"{where}: {msg}" if where else msg
