"""Generated artefacts: the JSON Schema of perfcheck.yaml and the commented file `perfcheck init` writes.

Both come from the pydantic models and the loaded rules, never from hand-kept copies.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .explain import _both, flow
from .model import ConfigFile, RuleSettings
from .resolve import Settings
from .source import display, profile_names


def json_schema(settings: Settings) -> dict[str, Any]:
    """The JSON Schema of the config file, with each rule's own parameters spelt out (for editor completion)."""
    schema = ConfigFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "perfcheck.yaml"
    defs = schema.setdefault("$defs", {})
    per_rule: dict[str, Any] = {}
    for state in settings.states:
        rule = state.rule
        entry = RuleSettings.model_json_schema()
        entry.pop("$defs", None)
        entry["title"] = f"{rule.code} {_both(rule.title)}"
        if rule.check is not None:
            params = rule.spec.params.model_json_schema()
            defs.update(params.pop("$defs", {}))
            params["title"] = rule.spec.params.__name__
            entry["properties"]["params"] = params
        else:
            entry["properties"].pop("params")
        per_rule[rule.code] = entry
    rules = schema["properties"]["rules"]
    rules["properties"] = per_rule
    rules["propertyNames"] = {"pattern": r"^(ALL|[A-Z]{1,4}\d{0,5})$"}
    schema["properties"]["profile"]["anyOf"] = [{"enum": profile_names()}, {"type": "null"}]
    return schema


_HEAD = """\
# perfcheck 配置文件（由 `perfcheck init` 生成）/ perfcheck configuration (written by `perfcheck init`)
#
# perfcheck 从每个输入文件所在目录向上查找 perfcheck.yaml（或 pyproject.toml 的 [tool.perfcheck]），
# 找不到时用当前目录的；--config FILE 指定文件。优先级：规则默认值 < 配置方案 < 本文件 < 命令行。
#  perfcheck rules            列出全部规则及是否启用
#  perfcheck rule PC101       查看规则说明、参数当前值及其来源
#  perfcheck config --show    查看生效配置，每个值注明来源
#  perfcheck config --schema  本文件的 JSON Schema
#
# 下面每条规则的级别与参数均为所选配置方案下的当前值（已注释）。要修改某项，去掉该规则各行开头的“# ”再改值；
# 参数名写错会被拒绝并指出行号。

# 配置方案 / profile: {profiles}
profile: {profile}

# 只运行这些规则（代码或前缀，如 PC1、PC30、X）；不写则运行全部默认启用的规则
# select: [PC]
# 追加启用（如默认关闭的规则）/ enable as well
extend_select: []
# 停用 / disable (codes or prefixes)
ignore: []

# 本地规则文件，路径相对本文件 / rule files of your own, relative to this file
extra_rules: []

# 退出码为 1 的最低级别 / lowest severity that fails: error / warning / info / never
fail_on: error

# 已接受的问题，每条须写明原因 / accepted findings, each with its reason
exemptions: []
#  - project: 500105-24-0001        # 项目编码或项目名称 / project code or name
#    rules: [PC101]
#    reason: 经财政局同意，本项目只设两项指标
"""


def init_text(settings: Settings) -> str:
    """The commented perfcheck.yaml: every rule's severity and every parameter at its current value."""
    profiles = "、".join(profile_names())
    lines = [_HEAD.format(profiles=profiles, profile=settings.profile), "rules:"]
    for state in settings.states:
        rule = state.rule
        lines.append(f"# {rule.code} {_both(rule.title)}" + ("" if state.selected else "（默认关闭）"))
        block = [f"  {rule.code}:", f"    severity: {rule.severity}"]
        if state.params:
            block.append("    params:")
            block += [f"      {name}: {flow(value)}" for name, value in state.params.items()]
        lines += ["# " + line for line in block]
    return "\n".join(lines) + "\n"


def write_init(path: Path, settings: Settings) -> None:
    """Write the template; an existing file is never overwritten."""
    if path.exists():
        raise ConfigError(display(path), "文件已存在，不会覆盖")
    try:
        with path.open("x", encoding="utf-8") as fh:
            fh.write(init_text(settings))
    except OSError as err:
        raise ConfigError(display(path), f"无法写入：{err.strerror or err}") from None
