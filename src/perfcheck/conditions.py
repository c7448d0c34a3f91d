"""The data grammar of rule conditions: field tests combined by all/any/not, never `eval`.

A condition describes a *passing* record; a rule fires where its `where` filter
holds and its `condition` does not.
"""
from __future__ import annotations

import re
from functools import cached_property
from typing import Any, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

# Fields a condition may read, by scope: dotted paths into the records.
INDICATOR_FIELDS = (
    "name", "level1", "level2", "dimension", "value", "operator", "measure", "core", "weight", "note",
    "actual", "score", "deviation",
    "target.kind", "target.operator", "target.number", "target.unit", "target.text", "target.raw",
    "target.operator_explicit",
)
PROJECT_FIELDS = (
    "kind", "unit", "unit_code", "code", "name", "is_key", "is_new", "amount", "amount_raw", "fiscal_amount",
    "ex_ante", "goal", "budget_full_year", "executed", "execution_rate", "indicator_count",
)
FIELDS_BY_SCOPE: dict[str, tuple[str, ...]] = {
    "indicator": INDICATOR_FIELDS + tuple(f"project.{f}" for f in PROJECT_FIELDS),
    "project": PROJECT_FIELDS,
    "department": PROJECT_FIELDS,
    "goal": PROJECT_FIELDS,
}


class FieldTest(BaseModel):
    """One test on one field; exactly one operator besides `field`."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    field: str
    equals: Any = None
    in_: list[Any] | None = Field(default=None, alias="in")
    matches: str | None = None
    contains: str | None = None
    lt: float | None = None
    le: float | None = None
    gt: float | None = None
    ge: float | None = None
    between: tuple[float, float] | None = None
    present: bool | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> "FieldTest":
        ops = [k for k in ("equals", "in_", "matches", "contains", "lt", "le", "gt", "ge", "between", "present")
               if getattr(self, k) is not None]
        if len(ops) != 1:
            raise ValueError(f"条件“{self.field}”须且只能有一个运算（equals/in/matches/contains/lt/le/gt/ge/between/present）")
        if self.matches is not None:
            try:
                re.compile(self.matches)
            except re.error as err:
                raise ValueError(f"正则表达式无效：{err}") from None
        return self

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        return re.compile(self.matches) if self.matches is not None else None

    def holds(self, get: Any) -> bool:
        return self.test(get(self.field))

    def test(self, value: Any) -> bool:
        if self.present is not None:
            return (value not in (None, "")) == self.present
        if self.equals is not None:
            return value == self.equals
        if self.in_ is not None:
            return value in self.in_
        if self._pattern is not None:
            return value is not None and self._pattern.search(str(value)) is not None
        if self.contains is not None:
            return value is not None and self.contains in str(value)
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return False
        if self.between is not None:
            return self.between[0] <= value <= self.between[1]
        if self.lt is not None:
            return value < self.lt
        if self.le is not None:
            return value <= self.le
        if self.gt is not None:
            return value > self.gt
        return value >= self.ge  # type: ignore[operator]


class AllOf(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    all_: list["Condition"] = Field(alias="all")

    def holds(self, get: Any) -> bool:
        return all(c.holds(get) for c in self.all_)


class AnyOf(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    any_: list["Condition"] = Field(alias="any")

    def holds(self, get: Any) -> bool:
        return any(c.holds(get) for c in self.any_)


class Not(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    not_: "Condition" = Field(alias="not")

    def holds(self, get: Any) -> bool:
        return not self.not_.holds(get)


Condition = Union[AllOf, AnyOf, Not, FieldTest]
AllOf.model_rebuild()
AnyOf.model_rebuild()
Not.model_rebuild()


def fields_of(cond: Condition) -> list[str]:
    """Every field a condition reads, to validate it against its scope at load."""
    if isinstance(cond, FieldTest):
        return [cond.field]
    if isinstance(cond, AllOf):
        return [f for c in cond.all_ for f in fields_of(c)]
    if isinstance(cond, AnyOf):
        return [f for c in cond.any_ for f in fields_of(c)]
    return fields_of(cond.not_)


def getter(record: Any, project: Any = None) -> Any:
    """A field reader for one record: 'target.number', 'project.amount', 'indicator_count'."""

    def get(path: str) -> Any:
        obj = record
        parts = path.split(".")
        if parts[0] == "project":
            obj, parts = project, parts[1:]
        for part in parts:
            if part == "indicator_count":
                return len(obj.indicators)
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return obj

    return get
