"""Build records fast: the loader has already typed every value, so pydantic need not check them again.

On a 100k-row sheet, validating each Indicator costs about as much as reading the
file. ``builder``/``construct`` fill the same ``__dict__`` pydantic would (defaults
included) in a third of the time; tests compare their output with validated models.

Targets: one file repeats the same few 指标值 thousands of times, so ``Targets`` parses
each distinct (value, operator, measure) once per load and the indicators that share
it share one ``Target`` object. Records that reach rules are read-only by contract
(no check assigns to them); copy a target before changing it.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

from .. import values as _values
from ..values import Target

M = TypeVar("M", bound=BaseModel)
_new = object.__new__
# pydantic keeps these four in slots; their descriptors set them a little faster than object.__setattr__
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__
_defaults: dict[type, tuple[dict[str, Any], dict[str, Any]]] = {}


def _defaults_of(cls: type[BaseModel]) -> tuple[dict[str, Any], dict[str, Any]]:
    found = _defaults.get(cls)
    if found is None:
        plain = {k: f.default for k, f in cls.model_fields.items() if not f.is_required() and f.default_factory is None}
        factories = {k: f.default_factory for k, f in cls.model_fields.items() if f.default_factory is not None}
        found = _defaults[cls] = (plain, factories)
    return found


def _make(cls: type[M], d: dict[str, Any], fields_set: set[str]) -> M:
    obj = _new(cls)
    _set_dict(obj, d)
    _set_fields(obj, fields_set)
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


def with_defaults(cls: type[BaseModel], values: dict[str, Any]) -> dict[str, Any]:
    """``values`` plus the default of every field it lacks."""
    plain, factories = _defaults_of(cls)
    d = dict(plain)
    d.update(values)
    for k, factory in factories.items():
        if k not in d:
            d[k] = factory()  # type: ignore[call-arg,operator]
    return d


def construct(cls: type[M], values: dict[str, Any]) -> M:
    """A model from already-typed values, defaults filled in, without validation."""
    return _make(cls, with_defaults(cls, values), set(values))


def builder(cls: type[M], keys: frozenset[str] | set[str]) -> Callable[[dict[str, Any]], M]:
    """A maker of ``cls`` records from dicts that always hold exactly ``keys`` (the loader's hot loop).

    Defaults of fields outside ``keys`` are added; all records share one fields-set naming every
    field (pydantic only ever adds to it), which saves 0.7 KB per record.
    """
    plain, factories = _defaults_of(cls)
    fill = {k: v for k, v in plain.items() if k not in keys}
    make_fill = {k: f for k, f in factories.items() if k not in keys}
    every = set(cls.model_fields)

    if not fill and not make_fill:
        def make_exact(d: dict[str, Any], cls: type[M] = cls, every: set[str] = every) -> M:
            obj = _new(cls)
            _set_dict(obj, d)
            _set_fields(obj, every)
            _set_extra(obj, None)
            _set_private(obj, None)
            return obj
        return make_exact

    def make(d: dict[str, Any]) -> M:
        d.update(fill)
        for k, factory in make_fill.items():
            d[k] = factory()  # type: ignore[call-arg,operator]
        return _make(cls, d, every)

    return make


class Targets:
    """``values.parse_target`` memoised for one load: each distinct target is parsed (and stored) once."""

    def __init__(self) -> None:
        self._parse = _values.parse_target_uncached   # memoised here, per load
        self._memo: dict[tuple[Any, Any, Any], Target] = {}

    def __call__(self, value: Any, operator: str | None = None, measure: str | None = None) -> Target:
        cls = value.__class__
        if cls is not str and cls is not float and value is not None:
            return self._parse(value, operator, measure)      # ints, bools, dates: no shared key
        key = (value, operator, measure)
        hit = self._memo.get(key)
        if hit is None:
            hit = self._memo[key] = self._parse(value, operator, measure)
        return hit
