"""The few exceptions a user can see; each message is one line that starts with the file."""
from __future__ import annotations


class PerfcheckError(Exception):
    """Base: ``str(err)`` is the one line shown to the user."""

    def __init__(self, path: str, reason: str, line: int | None = None, *, en: str | None = None) -> None:
        self.path = path
        self.reason = reason
        self.reason_en = en          # the reason in English, for --lang en (Chinese when not given)
        self.line = line
        super().__init__(self.message())

    def message(self, lang: str = "zh") -> str:
        """The one line in the user's language: 'file[:line]: reason'."""
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        reason = self.reason_en if lang == "en" and self.reason_en else self.reason
        return f"{where}: {reason}"


class LoadError(PerfcheckError):
    """An input file cannot be read (corrupt, encrypted, empty, not a spreadsheet)."""


class RuleError(PerfcheckError):
    """A rule file is malformed (unknown key, check or placeholder)."""


class ConfigError(PerfcheckError):
    """A configuration file is malformed."""
