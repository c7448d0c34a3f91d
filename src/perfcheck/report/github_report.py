"""GitHub Actions workflow commands: one ``::error file=…,line=…::message`` line per finding."""
from __future__ import annotations

from ..run import RunResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as the runner expects (% first, then CR and LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: the message escapes plus ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _line(command: str, message: str, **props: object) -> str:
    fields = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None and v != "")
    return f"::{command} {fields}::{escape_data(message)}" if fields else f"::{command}::{escape_data(message)}"


def render(result: RunResult, lang: str = "zh") -> str:
    lines = [_line("error", fr.error, file=fr.path, title="perfcheck")
             for fr in result.files if fr.error]
    for f in result.findings:
        where = f" [{f.cell}]" if f.cell else ""
        lines.append(_line(COMMANDS[f.severity], f.message + where,
                           file=f.file, line=f.row, title=f"{f.rule} {f.title}"))
    return "".join(line + "\n" for line in lines)
