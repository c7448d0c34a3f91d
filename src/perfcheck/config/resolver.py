"""Which configuration covers which input file: discovery by walking up, one resolution per config file."""
from __future__ import annotations

from pathlib import Path

from ..baseline import drop_findings
from ..models import Finding
from ..run import RunResult
from ..rules import Rule
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
