"""Read configuration documents (YAML, or `[tool.perfcheck]` in pyproject.toml) and remember the line of every key.

A `Doc` is the parsed data plus a map from key path to line, so that any later
complaint (unknown key, misspelt parameter, unknown rule code) can name file:line.
"""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import ConfigError
from .model import ProfileFile, reason

CONFIG_NAMES = ("perfcheck.yaml", ".perfcheck.yaml", "perfcheck.yml")
Loc = tuple[Any, ...]


def display(path: Path) -> str:
    """A path as the user would write it: relative to the working directory when below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
    return rel if not rel.startswith("..") else str(path)


@dataclass
class Doc:
    """One configuration document: its data, where it lives, and the line of each key path."""

    path: Path | None            # None for the command line
    label: str                   # what provenance calls it when not file:line ("profile strict", "CLI")
    data: dict[str, Any]
    lines: dict[Loc, int] = field(default_factory=dict)
    first_line: int | None = None
    use_lines: bool = True       # profiles say "profile X", files say "file:line"
    flags: dict[str, str] = field(default_factory=dict)  # command line: key -> option that set it

    def __post_init__(self) -> None:
        for loc, line in list(self.lines.items()):  # `extend-select` is also found as `extend_select`
            if loc and isinstance(loc[0], str) and "-" in loc[0]:
                self.lines.setdefault((loc[0].replace("-", "_"),) + loc[1:], line)

    @property
    def name(self) -> str:
        return display(self.path) if self.path is not None else self.label

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path is not None else Path.cwd()

    def line(self, loc: Loc) -> int | None:
        """The line of the longest known prefix of `loc`."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.first_line

    def origin(self, loc: Loc) -> str:
        """Provenance of the value at `loc`: 'perfcheck.yaml:12', 'profile strict' or 'CLI --select'."""
        if self.path is None:
            flag = self.flags.get(str(loc[0])) if loc else None
            return f"{self.label} {flag}" if flag else self.label
        if not self.use_lines:
            return self.label
        line = self.line(loc)
        return f"{self.name}:{line}" if line else self.name

    def error(self, loc: Loc, reason: str) -> ConfigError:
        if self.path is None:
            flag = self.flags.get(str(loc[0])) if loc else None
            return ConfigError(flag or self.label, reason)
        return ConfigError(self.name, reason, self.line(loc))


def _walk(node: yaml.Node, loc: Loc, lines: dict[Loc, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k = key.value if isinstance(key, yaml.ScalarNode) else str(key)
            lines[loc + (k,)] = key.start_mark.line + 1
            _walk(value, loc + (k,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[loc + (i,)] = item.start_mark.line + 1
            _walk(item, loc + (i,), lines)


def read_yaml(path: Path, label: str = "", use_lines: bool = True, text: str | None = None) -> Doc:
    """Parse a YAML mapping safely, with the line of every key and list item."""
    name = display(path)
    try:
        source = text if text is not None else path.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(name, f"无法读取配置文件：{err.strerror or err}") from None
    except UnicodeDecodeError:
        raise ConfigError(name, "配置文件须为 UTF-8 编码") from None
    loader = yaml.SafeLoader(source)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise ConfigError(name, f"YAML 语法错误：{getattr(err, 'problem', None) or err}",
                          mark.line + 1 if mark else None) from None
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(name, "配置文件须是一个映射（键: 值）", 1)
    lines: dict[Loc, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return Doc(path=path, label=label or name, data=data, lines=lines, first_line=1, use_lines=use_lines)


_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-.\"' ]+?)\s*=")


def _toml_key(text: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in text.split("."))


def _toml_lines(text: str, prefix: tuple[str, ...]) -> tuple[dict[Loc, int], int | None]:
    """Best-effort lines of keys below `[tool.perfcheck]` (tomllib keeps no positions)."""
    lines: dict[Loc, int] = {}
    table: tuple[str, ...] | None = None
    header: int | None = None
    for n, raw in enumerate(text.splitlines(), start=1):
        m = _TABLE.match(raw)
        if m:
            path = _toml_key(m.group(1))
            table = path[len(prefix):] if path[:len(prefix)] == prefix else None
            if table is not None:
                lines.setdefault(table, n)
                if table == ():
                    header = n
            continue
        m = _KEY.match(raw)
        if m and table is not None:
            lines.setdefault(table + _toml_key(m.group(1)), n)
        elif m and table is None and _toml_key(m.group(1))[:len(prefix)] == prefix:
            lines.setdefault(_toml_key(m.group(1))[len(prefix):], n)
    return lines, header


def read_pyproject(path: Path) -> Doc | None:
    """The `[tool.perfcheck]` table of a pyproject.toml, or None when it has none."""
    name = display(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as err:
        raise ConfigError(name, f"无法读取：{err.strerror or err}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        m = re.search(r"line (\d+)", str(err))
        raise ConfigError(name, f"TOML 语法错误：{err}", int(m.group(1)) if m else None) from None
    section = data.get("tool", {}).get("perfcheck")
    if section is None:
        return None
    if not isinstance(section, dict):
        raise ConfigError(name, "[tool.perfcheck] 须是一个表")
    lines, header = _toml_lines(text, ("tool", "perfcheck"))
    return Doc(path=path, label=name, data=section, lines=lines, first_line=header)


def read_config(path: Path) -> Doc:
    """A configuration file named on the command line or found by discovery."""
    if path.name == "pyproject.toml":
        doc = read_pyproject(path)
        if doc is None:
            raise ConfigError(display(path), "没有 [tool.perfcheck] 配置表")
        return doc
    return read_yaml(path)


def find_config(start: Path) -> Path | None:
    """Walk up from `start` (a directory) to the first perfcheck.yaml, or pyproject.toml with [tool.perfcheck]."""
    here = start.resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "[tool.perfcheck" in text or re.search(r"^\s*tool\.perfcheck", text, re.MULTILINE) is not None


# ---------------------------------------------------------------- profiles
def profile_dir() -> Path:
    """Shipped profiles live in the package (perfcheck/profiles/*.yaml), so an installed wheel has them."""
    return Path(str(resources.files("perfcheck") / "profiles"))


def profile_names() -> list[str]:
    return sorted(p.stem for p in profile_dir().glob("*.yaml"))


@lru_cache(maxsize=16)
def load_profile(name: str) -> tuple[Doc, ProfileFile]:
    path = profile_dir() / f"{name}.yaml"
    doc = read_yaml(path, label=f"profile {name}", use_lines=False)
    return doc, validate(doc, ProfileFile)


def validate(doc: Doc, model: type[Any]) -> Any:
    """The document as `model`, or a ConfigError at the line of the first bad key."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as err:
        loc, why = reason(err)
        raise doc.error(loc, why) from None
