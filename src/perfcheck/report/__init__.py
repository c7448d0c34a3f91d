"""Output formats: one module per format, each a `render(result, lang) -> str`."""
from __future__ import annotations

from importlib import import_module
from typing import Callable

from ..run import RunResult

FORMATS = ("text", "json")


def renderer(fmt: str) -> Callable[[RunResult, str], str]:
    """The render function of one format module (a new format is one new module here)."""
    return import_module(f"{__name__}.{fmt}_report").render  # type: ignore[no-any-return]
