"""Parse 指标值 cells and goal-text quantities into operator, number and unit.

INTERFACE (implemented by the values work; other modules rely on exactly this):

- ``Target``: the parsed form of one target; keeps the original text.
- ``parse_target(value, operator=None, measure=None) -> Target``: never raises.
- ``parse_number(text) -> float | None``: Arabic or Chinese numerals with 万/亿 scale.
- ``money_to_wan(number, unit) -> float | None``: 元/万元/亿元 → 万元.
- ``is_placeholder(text)`` / ``is_dummy(text)``: unfilled template text (PC206).
- ``unit_family(unit)`` / ``to_base(number, unit)``: compare quantities across units (see ``units``).

Readings that are judgement calls:

- a range (``90%-95%``, ``90~95%``, ``3至5次``) reads as ``>=`` its lower bound; the
  upper bound is kept in ``number_max``.
- the sign written in the value text wins over the operator column (the column is
  often left at its default); ``达到90%以上`` is ``>=`` (the suffix refines 达到).
- ``左右``/``约``/``为`` state no comparison: ``=`` with ``operator_explicit=False``.
- money units (元/千元/万元/亿元) are units, never scale: ``26万元`` is 26 万元.
- a value whose only figures are dates (``2024-12-31``, ``2024年12月底前``) is invalid
  with ``is_date=True`` (a rule may accept it for a 时效 indicator).
- Excel numbers are taken as they are: a cell formatted as 95% but stored as 0.95
  stays 0.95 (the parser cannot see cell formats).

Parsing runs once per distinct (value, operator, measure) triple (LRU cache); each
call gets its own ``Target`` copy, so callers may mutate what they get.
"""
from __future__ import annotations

import datetime as _dt
import decimal
import math
import numbers
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel

from . import target_text as _tt
from .numerals import format_number, nfkc, parse_number
from .target_text import is_dummy, is_placeholder
from .units import money_to_wan, normalise_unit, split_scale, to_base, unit_family

__all__ = [
    "Operator", "TargetKind", "Target", "parse_target", "parse_target_uncached", "parse_number", "money_to_wan",
    "is_placeholder", "is_dummy", "unit_family", "to_base", "normalise_unit", "format_number",
    "OPERATOR_SYMBOL",
]

Operator = Literal[">=", "<=", "=", ">", "<"]
TargetKind = Literal["quantitative", "qualitative", "empty", "invalid"]
OPERATOR_SYMBOL: dict[str, str] = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<"}


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
    number_max: float | None = None     # upper bound of a range (90%-95% → number 90, number_max 95)
    placeholder: bool = False           # the value is an unfilled template (XX, **, 待定): PC206
    is_date: bool = False               # the value is a date where a number is due

    @property
    def is_quantitative(self) -> bool:
        return self.kind == "quantitative"


# ---------------------------------------------------------------- operator column
_OP_CELL: dict[str, str] = {
    ">=": ">=", "=>": ">=", "≥": ">=", "≧": ">=", "⩾": ">=", "<=": "<=", "=<": "<=", "≤": "<=",
    "≦": "<=", "⩽": "<=", ">": ">", "<": "<", "=": "=", "==": "=",
    "正向": ">=", "正向指标": ">=", "反向": "<=", "反向指标": "<=",
}
_OP_CELL.update(_tt.WORD_OPS)
_QUALITATIVE_CELLS = frozenset({"定性", "定性指标", "定性描述"})
_NEUTRAL_CELLS = frozenset({"定量", "定量指标", "数值", "/", "-", "无"})


def _operator_cell(op: str) -> str | None:
    """'≥'/'大于等于'/'正向' → '>='; '定性' → 'qual'; unknown → None."""
    s = nfkc(op).replace(" ", "").replace("\u3000", "")
    if s in _QUALITATIVE_CELLS:
        return "qual"
    return _OP_CELL.get(s)


# ---------------------------------------------------------------- cell to text
def _cell_text(cell: Any) -> tuple[str, float | None, str | None]:
    """(text, number if the cell is numeric, error) for any cell an Excel/CSV reader may give."""
    if cell is None:
        return "", None, None
    if isinstance(cell, bool):
        return ("是" if cell else "否"), None, "指标值为逻辑值（是/否），应填写数值或文字"
    if isinstance(cell, (numbers.Real, decimal.Decimal)):
        try:
            x = float(cell)
        except (ValueError, OverflowError):
            return str(cell), None, "指标值无法解析"
        if math.isnan(x):
            return "", None, None
        if math.isinf(x):
            return str(cell), None, "指标值无法解析"
        return format_number(x), x, None
    if isinstance(cell, (_dt.datetime, _dt.date, _dt.time)):
        if cell != cell:  # pandas NaT
            return "", None, None
        text = cell.strftime("%Y-%m-%d") if isinstance(cell, _dt.date) else cell.isoformat()
        return text, None, "date"
    if isinstance(cell, bytes):
        cell = cell.decode("utf-8", "replace")
    if not isinstance(cell, str):
        cell = str(cell)
    text = cell.strip()
    if text.lower() in ("nan", "none", "null", "<na>", "nat"):
        return "", None, None
    return text, None, None


def _compose_raw(vtext: str, optext: str, mtext: str) -> str:
    """'≥' + '95' + '%' → '≥95%'; '大于等于' + '510' + '人' → '大于等于 510 人'."""
    parts_op = optext if optext and optext not in _QUALITATIVE_CELLS and optext not in _NEUTRAL_CELLS else ""
    if parts_op and vtext.startswith(parts_op):
        parts_op = ""
    m = mtext if mtext and not vtext.endswith(mtext) and mtext not in ("/", "-", "无") else ""
    if parts_op and not _tt.is_symbol_op(parts_op):  # a word operator reads better spaced out
        return " ".join(p for p in (parts_op, vtext, m) if p)
    sep = " " if m and _tt.has_cjk(m) and _tt.has_cjk(vtext[-1:]) else ""
    return parts_op + vtext + sep + m


# ---------------------------------------------------------------- the cached parse
def _parse_cells(vtext: str, vnum: float | None, verr: str | None, optext: str, mtext: str) -> Target:
    raw = _compose_raw(vtext, optext, mtext)
    op_cell = _operator_cell(optext) if optext else None
    if verr == "date":
        return Target(raw=raw, kind="invalid", error="指标值为日期，应填写数值", is_date=True, text=vtext)
    if verr:
        return Target(raw=raw, kind="invalid", error=verr, text=vtext)
    if not vtext:
        return Target(raw=raw, kind="empty")
    if op_cell == "qual":
        if is_placeholder(vtext):
            return Target(raw=raw, kind="invalid", error="指标值为未填写的占位符", placeholder=True, text=vtext)
        return Target(raw=raw, kind="qualitative", text=vtext)
    if vnum is not None:
        p = _tt.Parsed(kind="quantitative", number=vnum)
    else:
        p = _tt.parse_text(vtext)
    if p.kind != "quantitative":
        if p.kind == "qualitative" and op_cell in (">=", "<=", ">", "<"):
            p.kind, p.error = "invalid", "指标性质为比较符，但指标值不是数值"
        return Target(raw=raw, kind=p.kind, text=p.text, error=p.error, placeholder=p.placeholder,
                      is_date=p.is_date)
    number, number_max = p.number, p.number_max
    operator, explicit = p.operator, p.explicit
    if operator is None:  # no sign in the text: the operator column, else '='
        if op_cell in (">=", "<=", "=", ">", "<"):
            operator, explicit = op_cell, True
        else:
            operator, explicit = "=", False
    unit = normalise_unit(p.unit)
    if unit is None and mtext:
        unit = normalise_unit(mtext)
    if unit is not None:
        scale, unit = split_scale(unit)
        if scale != 1.0 and number is not None:
            number *= scale
            number_max = number_max * scale if number_max is not None else None
    return Target(raw=raw, kind="quantitative", operator=operator, operator_explicit=explicit,
                  number=number, unit=unit, number_max=number_max)


_new = object.__new__
_set = object.__setattr__


def _clone(t: Target) -> Target:
    """A cheap private copy of a cached Target (model_copy costs 3× more)."""
    new = _new(Target)
    _set(new, "__dict__", t.__dict__.copy())
    _set(new, "__pydantic_fields_set__", set(t.__pydantic_fields_set__))
    _set(new, "__pydantic_extra__", None)
    _set(new, "__pydantic_private__", None)
    return new


def _short(cell: Any) -> str:
    if cell is None:
        return ""
    if cell.__class__ is str:
        return cell.strip()
    text, _, _ = _cell_text(cell)
    return text


def _build(value: Any, operator: Any, measure: Any) -> Target:
    vtext, vnum, verr = _cell_text(value)
    return _parse_cells(vtext, vnum, verr, _short(operator), _short(measure))


@lru_cache(maxsize=65536)
def _build_cached(value: Any, operator: Any, measure: Any) -> Target:
    return _build(value, operator, measure)


def _is_nan(x: Any) -> bool:
    return isinstance(x, float) and x != x


def parse_target(value: object, operator: object = None, measure: object = None) -> Target:
    """Read one 指标值 (with its 指标性质 and 计量单位 cells when the file has them); never raises."""
    return _parse(value, operator, measure, True)


def parse_target_uncached(value: object, operator: object = None, measure: object = None) -> Target:
    """``parse_target`` without the process-wide cache, for a caller that memoises per file (the loader):
    the cache would keep a file's targets alive after the file, and hand out a copy of each."""
    return _parse(value, operator, measure, False)


def _parse(value: object, operator: object, measure: object, cached: bool) -> Target:
    try:
        # NaN never equals itself (pandas blanks): it would defeat the cache.
        value = None if _is_nan(value) else value
        operator = None if _is_nan(operator) else operator
        measure = None if _is_nan(measure) else measure
        if not cached or value.__class__ is bool or operator.__class__ is bool or measure.__class__ is bool \
                or (value.__class__ is str and len(value) > 300):  # type: ignore[arg-type]
            return _build(value, operator, measure)  # True == 1 would share 1's cache entry
        try:
            return _clone(_build_cached(value, operator, measure))
        except TypeError:  # unhashable cell object
            return _build(value, operator, measure)
    except Exception:  # noqa: BLE001 - a cell must never crash a run
        try:
            raw = str(value)[:200]
        except Exception:  # noqa: BLE001
            raw = ""
        return Target(raw=raw, kind="invalid", error="指标值无法解析")
