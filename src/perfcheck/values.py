"""Parse 指标值 cells and goal-text quantities into operator, number and unit.

INTERFACE (implemented by the values work; other modules rely on exactly this):

- ``Target``: the parsed form of one target; keeps the original text.
- ``parse_target(value, operator=None, measure=None) -> Target``: never raises.
- ``parse_number(text) -> float | None``: Arabic or Chinese numerals with 万/亿 scale.
- ``money_to_wan(number, unit) -> float | None``: 元/万元/亿元 → 万元.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

Operator = Literal[">=", "<=", "=", ">", "<"]
TargetKind = Literal["quantitative", "qualitative", "empty", "invalid"]


class Target(BaseModel):
    """One target as filed, and what it means."""

    raw: str = ""                       # original text for messages: operator + value + measure as filed
    kind: TargetKind = "empty"
    operator: Operator | None = None    # None when qualitative/empty/invalid
    operator_explicit: bool = False     # False when a bare number was read as '=' (PC307)
    number: float | None = None         # after scale words: 26万人 → 260000
    unit: str | None = None             # normalised unit: '人', '%', '次', '万元', '元', '亿元', ...
    text: str | None = None             # qualitative text (e.g. '按时完成', '好', '有效提升')
    error: str | None = None            # why it is invalid (PC205), in Chinese

    @property
    def is_quantitative(self) -> bool:
        return self.kind == "quantitative"


def parse_target(value: object, operator: object = None, measure: object = None) -> Target:
    raise NotImplementedError


def parse_number(text: str) -> float | None:
    raise NotImplementedError


def money_to_wan(number: float | None, unit: str | None) -> float | None:
    raise NotImplementedError
