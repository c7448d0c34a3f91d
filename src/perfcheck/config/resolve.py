"""Layer rule defaults, a profile, config files and the command line into the rules of one run.

Order, later wins: the rule's YAML (`default`) → profile → config files (an `extend`ed file
first) → command line. Within one layer, selection works like ruff: the most specific
selector (`PC305` over `PC30` over `PC3` over `ALL`) decides, and on a tie `ignore` wins.
A rule with `enabled: false` is switched on only by its full code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import ConfigError, RuleError
from ..rules import Rule, load_rule_file, load_rules
from .model import ConfigFile, Exemption, Layer, check_selector, reason
from .source import Doc, display, load_profile, profile_names, read_config, validate

DEFAULT = "default"


# ---------------------------------------------------------------- the command line as a layer
@dataclass
class Cli:
    """What the command line says about configuration; every field optional."""

    config: Path | None = None
    isolated: bool = False                  # --no-config: ignore every config file
    profile: str | None = None
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: list[str] = field(default_factory=list)   # "PC307=warning"
    fail_on: str | None = None
    lang: str | None = None

    def doc(self) -> Doc:
        rules: dict[str, Any] = {}
        for item in self.severity:
            code, sep, level = item.partition("=")
            if not sep or level.strip() not in ("error", "warning", "info"):
                raise ConfigError("--severity", f"“{item}”应写作 代码=级别（如 PC307=warning，级别为 error/warning/info）")
            try:
                rules[check_selector(code.strip().upper())] = {"severity": level.strip()}
            except ValueError as err:
                raise ConfigError("--severity", str(err)) from None
        data: dict[str, Any] = {"rules": rules}
        if self.select is not None:
            data["select"] = _split(self.select)
        data["extend_select"] = _split(self.extend_select)
        data["ignore"] = _split(self.ignore)
        doc = Doc(path=None, label="CLI", data=data, flags={
            "select": "--select", "extend_select": "--extend-select", "ignore": "--ignore", "rules": "--severity",
            "profile": "--profile", "fail_on": "--fail-on", "lang": "--lang"})
        return doc


def _split(items: list[str]) -> list[str]:
    return [part.strip().upper() for item in items for part in item.split(",") if part.strip()]


# ---------------------------------------------------------------- the result
@dataclass
class RuleState:
    """One rule as this configuration leaves it, and where each of its values came from."""

    rule: Rule
    selected: bool
    origins: dict[str, str]      # "default", "selected", "severity", "params.NAME"

    def origin(self, key: str) -> str:
        """Where a value came from: 'default', 'profile X', 'file:line' or 'CLI --option'."""
        return self.origins.get(key, self.origins["default"])

    @property
    def params(self) -> dict[str, Any]:
        """Every parameter with its effective value (YAML and config over the Params defaults)."""
        if self.rule.check is None:
            return {}
        return self.rule.typed_params.model_dump()


@dataclass
class Settings:
    """Everything configuration decides for the files it covers."""

    states: list[RuleState]
    config: Path | None
    profile: str
    fail_on: str
    lang: str
    exemptions: list[tuple[Exemption, str]] = field(default_factory=list)   # with file:line
    extra_rules: list[tuple[str, str]] = field(default_factory=list)         # path, origin
    origins: dict[str, str] = field(default_factory=dict)                    # profile, fail_on, lang

    @property
    def rules(self) -> list[Rule]:
        """The rules to run: selected ones only."""
        return [s.rule for s in self.states if s.selected]

    def state(self, code: str) -> RuleState | None:
        return next((s for s in self.states if s.rule.code == code), None)


class _Work:
    """A rule being configured, layer by layer."""

    def __init__(self, rule: Rule, origin: str) -> None:
        self.rule = rule
        self.severity = rule.severity
        self.enabled = rule.enabled
        self.selected = rule.enabled
        self.params = dict(rule.params)
        self.origins: dict[str, str] = {"default": origin, "selected": origin, "severity": origin}

    def matched_by(self, selector: str) -> bool:
        return selector == "ALL" or self.rule.code.startswith(selector)

    def finish(self) -> RuleState:
        rule = self.rule  # `enabled` of the result says whether this configuration runs it
        if (self.severity, self.params, self.selected) != (rule.severity, rule.params, rule.enabled):
            data = rule.model_dump(by_alias=True, exclude_none=True)
            data.update(severity=self.severity, params=self.params, enabled=self.selected)
            rule = Rule.model_validate(data)
        return RuleState(rule, self.selected, self.origins)


def _specificity(selector: str) -> int:
    return 0 if selector == "ALL" else len(selector)


def _matching(doc: Doc, loc: tuple[Any, ...], selector: str, works: list[_Work]) -> list[_Work]:
    found = [w for w in works if w.matched_by(selector)]
    if not found:
        raise doc.error(loc, f"“{selector}”不匹配任何规则（perfcheck rules 列出全部规则）")
    return found


def _apply_rule_settings(doc: Doc, layer: Layer, works: list[_Work]) -> None:
    for key in sorted(layer.rules, key=_specificity):
        settings, loc = layer.rules[key], ("rules", key)
        targets = _matching(doc, loc, key, works)
        if settings.params:
            _apply_params(doc, loc, key, settings.params, targets)
        for w in targets:
            if settings.severity is not None:
                w.severity = settings.severity
                w.origins["severity"] = doc.origin(loc + ("severity",))
            if settings.enabled is not None:
                w.enabled = w.selected = settings.enabled
                w.origins["selected"] = doc.origin(loc + ("enabled",))


def _apply_params(doc: Doc, loc: tuple[Any, ...], key: str, params: dict[str, Any], targets: list[_Work]) -> None:
    if len(targets) != 1 or targets[0].rule.code != key:
        raise doc.error(loc + ("params",), f"参数只能按单条规则设置，“{key}”是前缀")
    w = targets[0]
    if w.rule.check is None:
        raise doc.error(loc + ("params",), f"规则 {key} 由条件定义，没有参数")
    model = w.rule.spec.params
    merged = {**w.params, **params}
    try:
        model.model_validate(merged)
    except ValidationError as err:
        ploc, why = reason(err)
        name = str(ploc[0]) if ploc else ""
        if err.errors()[0]["type"] == "extra_forbidden":
            known = "、".join(model.model_fields) or "无"
            why = f"规则 {key} 没有参数“{name}”（可用：{known}）"
        else:
            why = f"规则 {key} 的参数 {why}"
        raise doc.error(loc + ("params",) + ((name,) if name else ()), why) from None
    w.params = merged
    for name in params:
        w.origins[f"params.{name}"] = doc.origin(loc + ("params", name))


def _apply_selection(doc: Doc, layer: Layer, works: list[_Work]) -> None:
    lists = (("select", True), ("extend_select", True), ("ignore", False))
    for name, _ in lists:
        for i, sel in enumerate(getattr(layer, name) or []):
            _matching(doc, (name, i), sel, works)
    if layer.select is None and not layer.extend_select and not layer.ignore:
        return
    for w in works:
        best: tuple[int, int, bool, str] | None = None
        for name, on in lists:
            for i, sel in enumerate(getattr(layer, name) or []):
                if not w.matched_by(sel) or (on and sel != w.rule.code and not w.enabled):
                    continue
                candidate = (_specificity(sel), 0 if on else 1, on, doc.origin((name, i)))
                if best is None or candidate[:2] > best[:2]:
                    best = candidate
        if best is not None:
            w.selected, w.origins["selected"] = best[2], best[3]
        elif layer.select is not None:
            w.selected, w.origins["selected"] = False, doc.origin(("select",))


def apply_layer(doc: Doc, layer: Layer, works: list[_Work]) -> None:
    _apply_rule_settings(doc, layer, works)
    _apply_selection(doc, layer, works)


# ---------------------------------------------------------------- config files
def load_chain(path: Path, seen: tuple[Path, ...] = ()) -> list[tuple[Doc, ConfigFile]]:
    """A config file preceded by the files it `extend`s."""
    doc = read_config(path)
    cfg: ConfigFile = validate(doc, ConfigFile)
    chain: list[tuple[Doc, ConfigFile]] = []
    if cfg.extend:
        target = (doc.base_dir / cfg.extend).resolve()
        if target in seen or target == path.resolve():
            raise doc.error(("extend",), f"配置文件循环继承：{cfg.extend}")
        if not target.is_file():
            raise doc.error(("extend",), f"找不到要继承的配置文件 {cfg.extend}")
        chain = load_chain(target, seen + (path.resolve(),))
    return chain + [(doc, cfg)]


@lru_cache(maxsize=1)
def builtin_rules() -> tuple[Rule, ...]:
    return tuple(load_rules())


def _extra_rules(chain: list[tuple[Doc, ConfigFile]], known: dict[str, str]) -> list[tuple[Rule, str]]:
    out: list[tuple[Rule, str]] = []
    for doc, cfg in chain:
        for i, name in enumerate(cfg.extra_rules):
            path = doc.base_dir / name
            if not path.is_file():
                raise doc.error(("extra_rules", i), f"找不到规则文件 {name}")
            shown = display(path)
            for rule in load_rule_file(shown):
                file, _, line = rule.origin.rpartition(":")
                if rule.code.startswith("PC"):
                    raise RuleError(file, f"代码 {rule.code}：PC 开头的代码留给内置规则，本地规则请用自己的前缀（如 X101）",
                                    int(line))
                if rule.code in known:
                    raise RuleError(file, f"规则代码 {rule.code} 重复（已在 {known[rule.code]} 定义）", int(line))
                known[rule.code] = display(Path(file)) + ":" + line
                out.append((rule, rule.origin))
    return out


def resolve(config: Path | None, cli: Cli | None = None) -> Settings:
    """The settings of one configuration file (or none) under the command line's overrides."""
    cli = cli or Cli()
    cli_doc = cli.doc()
    cli_layer: Layer = validate(cli_doc, Layer)
    chain = load_chain(config) if config is not None else []
    rules = builtin_rules()
    known = {r.code: display(Path(r.origin.rpartition(":")[0])) for r in rules}
    works = [_Work(r, DEFAULT) for r in rules]
    works += [_Work(r, display(Path(o.rpartition(":")[0])) + ":" + o.rpartition(":")[2])
              for r, o in _extra_rules(chain, known)]

    origins = {"profile": DEFAULT, "fail_on": DEFAULT, "lang": DEFAULT}
    profile, naming = DEFAULT, None
    fail_on, lang = "error", "zh"
    for doc, cfg in chain:
        if cfg.profile is not None:
            profile, naming, origins["profile"] = cfg.profile, (doc, ("profile",)), doc.origin(("profile",))
        if cfg.fail_on is not None:
            fail_on, origins["fail_on"] = cfg.fail_on, doc.origin(("fail_on",))
        if cfg.lang is not None:
            lang, origins["lang"] = cfg.lang, doc.origin(("lang",))
    if cli.profile is not None:
        profile, naming, origins["profile"] = cli.profile, (cli_doc, ("profile",)), "CLI --profile"
    if cli.fail_on is not None:
        fail_on, origins["fail_on"] = cli.fail_on, "CLI --fail-on"
    if cli.lang is not None:
        lang, origins["lang"] = cli.lang, "CLI --lang"

    if profile not in profile_names():
        where_doc, loc = naming or (cli_doc, ("profile",))
        raise where_doc.error(loc, f"未知的配置方案“{profile}”（可用：{'、'.join(profile_names())}）")
    profile_doc, profile_layer = load_profile(profile)
    apply_layer(profile_doc, profile_layer, works)
    for doc, cfg in chain:
        apply_layer(doc, cfg, works)
    apply_layer(cli_doc, cli_layer, works)

    exemptions: list[tuple[Exemption, str]] = []
    for doc, cfg in chain:
        for i, ex in enumerate(cfg.exemptions):
            for j, sel in enumerate(ex.rules):
                _matching(doc, ("exemptions", i, "rules", j), sel, works)
            exemptions.append((ex, doc.origin(("exemptions", i))))
    extra = [(name, doc.origin(("extra_rules", i))) for doc, cfg in chain for i, name in enumerate(cfg.extra_rules)]
    return Settings(states=[w.finish() for w in works], config=config, profile=profile, fail_on=fail_on, lang=lang,
                    exemptions=exemptions, extra_rules=extra, origins=origins)
