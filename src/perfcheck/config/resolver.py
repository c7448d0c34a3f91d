"""Which configuration covers which input file: discovery by walking up, one resolution per config file."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..baseline import Key, apply_baseline, drop_findings
from ..errors import ConfigError
from ..models import Finding
from ..rules import Rule
from ..run import RunResult
from .model import Exemption
from .resolve import Cli, Settings, resolve
from .source import find_config


class Resolver:
    """Finds and caches the settings for each input file (ruff-style: the nearest config file wins)."""

    def __init__(self, cli: Cli | None = None) -> None:
        self.cli = cli or Cli()
        self._settings: dict[Path | None, Settings] = {}
        self._found: dict[Path, Path | None] = {}

    def _find(self, folder: Path) -> Path | None:
        folder = folder.resolve()
        if folder not in self._found:
            self._found[folder] = find_config(folder)
        return self._found[folder]

    def config_for(self, file: Path | None) -> Path | None:
        """--config, else the nearest config above the file, else the one above the working directory."""
        if self.cli.config is not None:
            return self.cli.config
        if self.cli.isolated:
            return None
        found = self._find(file.parent) if file is not None else None
        return found or self._find(Path.cwd())

    def settings(self, config: Path | None) -> Settings:
        key = config.resolve() if config is not None else None
        if key not in self._settings:
            self._settings[key] = resolve(config, self.cli)
        return self._settings[key]

    def root(self) -> Settings:
        """The settings of the working directory: run-wide rules, fail level, language, `perfcheck rules`."""
        return self.settings(self.config_for(None))

    def for_file(self, file: str | Path) -> Settings:
        return self.settings(self.config_for(Path(file)))

    def rules_for(self, file: Path) -> list[Rule]:
        return self.for_file(file).rules

    def preload(self, files: list[Path]) -> None:
        """Resolve every config the files need now, so a bad one stops the run before any file is read."""
        self.root()
        for f in files:
            self.for_file(f)


def exempted(finding: Finding, exemptions: list[tuple[Exemption, str]]) -> bool:
    """True when a config exemption covers the finding (project code or name, rule, optional unit/indicator)."""
    for ex, _ in exemptions:
        if ex.project not in (finding.project_code, finding.project):
            continue
        if ex.unit is not None and ex.unit != finding.unit:
            continue
        if ex.indicator is not None and ex.indicator != finding.indicator:
            continue
        if any(sel == "ALL" or finding.rule.startswith(sel) for sel in ex.rules):
            return True
    return False


def apply_exemptions(result: RunResult, resolver: Resolver) -> int:
    """Hide findings that a config exemption covers (each file's own config); adds to `result.exempted`."""
    def covered(f: Finding) -> bool:
        settings = resolver.for_file(f.file) if f.file else resolver.root()
        return bool(settings.exemptions) and exempted(f, settings.exemptions)

    n = drop_findings(result, covered)
    result.exempted += n
    return n


def accept_known(result: RunResult, resolver: Resolver, baseline: Counter[Key] | None = None) -> None:
    """Hide accepted findings: config exemptions first, then those a baseline records."""
    apply_exemptions(result, resolver)
    if baseline is not None:
        apply_baseline(result, baseline)


def cli_settings(config: Path | None = None, isolated: bool = False, profile: str | None = None,
                 select: list[str] | None = None, extend_select: list[str] | None = None,
                 ignore: list[str] | None = None, severity: list[str] | None = None,
                 fail_on: str | None = None, lang: str | None = None) -> Resolver:
    """A resolver for the command line's options (None: not given); a bad --config is refused now."""
    if config is not None and not config.is_file():
        raise ConfigError(str(config), "配置文件不存在")
    return Resolver(Cli(config=config, isolated=isolated, profile=profile, select=select or None,
                        extend_select=extend_select or [], ignore=ignore or [], severity=severity or [],
                        fail_on=fail_on, lang=lang))
