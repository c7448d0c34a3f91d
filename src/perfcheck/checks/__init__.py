"""Named Python checks that YAML rules refer to, registered by function name.

A check sees one record of its scope and returns hits (or None); it never knows
its rule code, severity or message: the engine adds those.

Signatures by scope:
- indicator:  fn(indicator, project, params)
- project / department / goal: fn(project, book, params)
- workbook:   fn(book, params)
- run:        fn(books, params)   (across every file of one run)
"""
from __future__ import annotations

from dataclasses import dataclass, field as dfield
from typing import Any, Callable, Iterable

from pydantic import BaseModel, ConfigDict

from ..models import Indicator, Project

Scope = str  # "indicator" | "project" | "department" | "goal" | "workbook" | "run"
SCOPES = ("indicator", "project", "department", "goal", "workbook", "run")


@dataclass(slots=True)
class Hit:
    """Where a check found a problem and the values its message needs."""

    project: Project | None = None
    indicator: Indicator | None = None
    field: str | None = None            # which cell to blame: a key of `columns`
    values: dict[str, Any] = dfield(default_factory=dict)
    file: str | None = None             # run-scope hits name their file


class Params(BaseModel):
    """Base of every check's parameters: unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class CheckSpec:
    name: str
    func: Callable[..., Iterable[Hit] | Hit | None]
    scope: Scope
    params: type[Params]
    placeholders: frozenset[str]


REGISTRY: dict[str, CheckSpec] = {}


def check(scope: Scope, params: type[Params] = Params, placeholders: Iterable[str] = ()) -> Callable:
    """Register a check under its function name."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope}")

    def register(func: Callable) -> Callable:
        REGISTRY[func.__name__] = CheckSpec(func.__name__, func, scope, params, frozenset(placeholders))
        return func

    return register


def load_all() -> dict[str, CheckSpec]:
    """Import every check module so that its checks register themselves."""
    from . import budget, completeness, goal_text, naming, quantified, self_eval  # noqa: F401

    return REGISTRY
