"""The few exceptions a user can see; each message is one line that starts with the file."""
from __future__ import annotations


class PerfcheckError(Exception):
    """Base: ``str(err)`` is the one line shown to the user."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class LoadError(PerfcheckError):
    """An input file cannot be read (corrupt, encrypted, empty, not a spreadsheet)."""


class RuleError(PerfcheckError):
    """A rule file is malformed (unknown key, check or placeholder)."""


class ConfigError(PerfcheckError):
    """A configuration file is malformed."""
