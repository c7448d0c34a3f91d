"""Turn raw cell values into the text, numbers and flags the records hold."""
from __future__ import annotations

import datetime as _dt
import math
import re
from functools import lru_cache
from typing import Any

from .. import values as _values

_FLOAT = float
_STR = str
# Excel holds at most 32,767 characters in a cell; a file with more was not typed in Excel, and text
# beyond it would only make text rules slow (a 10 MB goal): cells are cut there.
CELL_LIMIT = 32767


def col_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def col_index(letters: str) -> int:
    """Excel letters → 0-based column index (A → 0, AA → 26)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def render_number(v: float) -> str:
    """1000.0 → '1000', 0.5 → '0.5': numbers as a spreadsheet shows them, no trailing '.0'."""
    if math.isnan(v) or math.isinf(v):
        return str(v)
    if v.is_integer() and abs(v) < 1e21:
        return str(int(v))
    s = format(v, ".15g")
    return s


def text(v: Any) -> str:
    """Any cell value as stripped text ('' for empty)."""
    cls = v.__class__
    if cls is _STR:
        v = v.strip()
        return v if len(v) <= CELL_LIMIT else v[:CELL_LIMIT]
    if v is None:
        return ""
    if cls is _FLOAT:
        return render_number(v)
    if cls is bool:
        return "TRUE" if v else "FALSE"
    if cls is int:
        return str(v)
    if isinstance(v, _dt.datetime):
        return v.date().isoformat() if v.time() == _dt.time() else v.isoformat(sep=" ")
    if isinstance(v, (_dt.date, _dt.time)):
        return v.isoformat()
    return str(v).strip()


def opt_text(v: Any) -> str | None:
    """Stripped text, or None for an empty cell."""
    s = text(v)
    return s or None


# ---------------------------------------------------------------- numbers
_NUM = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(%|％)?$")
_MONEY = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(亿元|万元|元|亿|万)?$")
_NUM_JUNK = re.compile(r"[,，\s￥¥]")


def number(v: Any) -> float | None:
    """A plain number from a numeric cell or text like '1,200' or '15分'; None if there is none."""
    cls = v.__class__
    if cls is _FLOAT or cls is int:
        return float(v)
    if cls is bool or v is None:
        return None
    s = _NUM_JUNK.sub("", text(v))
    if not s:
        return None
    m = _NUM.match(s)
    if m:
        return float(m.group(1))
    m = re.match(r"^([+-]?\d+(?:\.\d+)?)\s*分?$", s)
    return float(m.group(1)) if m else None


def money(v: Any, unit: str) -> float | None:
    """An amount in 万元 from 370 / '1,200' / '370万元' / '3285000元'; ``unit`` is the column's unit."""
    cls = v.__class__
    if cls is _FLOAT or cls is int:
        return _values.money_to_wan(float(v), unit)
    if cls is bool or v is None:
        return None
    s = _NUM_JUNK.sub("", text(v))
    m = _MONEY.match(s)
    if not m:
        return None
    u = m.group(2)
    if u in ("万", "亿"):
        u += "元"
    return _values.money_to_wan(float(m.group(1)), u or unit)


def rate(v: Any) -> float | None:
    """An execution rate in percent: '92.9%' → 92.9, 0.929 → 92.9, '92.9' → 92.9."""
    cls = v.__class__
    if cls is _FLOAT or cls is int:
        x = float(v)
        return round(x * 100, 10) if abs(x) <= 1.5 else x
    s = _NUM_JUNK.sub("", text(v))
    m = _NUM.match(s)
    if not m:
        return None
    x = float(m.group(1))
    if m.group(2):
        return x
    return round(x * 100, 10) if abs(x) <= 1.5 else x


# ---------------------------------------------------------------- flags
_TRUE_CORE = frozenset({"是", "√", "✓", "✔", "y", "yes", "1", "true", "t", "★", "☆", "●", "核心", "核心指标", "是核心指标"})
_FALSE_CORE = frozenset({"否", "×", "✗", "n", "no", "0", "false", "f", "非核心", "不是", "-", "—", "/"})


# exact cell texts → flag, for the hot loop (anything else goes through core_flag)
CORE_WORDS: dict[str, bool] = {"": False}
for _w in _TRUE_CORE:
    CORE_WORDS[_w] = CORE_WORDS[_w.upper()] = CORE_WORDS[_w.capitalize()] = True
for _w in _FALSE_CORE:
    CORE_WORDS[_w] = CORE_WORDS[_w.upper()] = CORE_WORDS[_w.capitalize()] = False


def core_flag(v: Any) -> bool | None:
    """See _core_flag; memoised because a column holds a handful of distinct words."""
    try:
        return _core_flag(v)
    except TypeError:  # unhashable cell object
        return _core_flag.__wrapped__(v)


@lru_cache(maxsize=4096)
def _core_flag(v: Any) -> bool | None:
    """是/√/Y/1/true → True; 否/N/0/blank → False; anything else → None."""
    s = text(v).lower()
    if not s or s in _FALSE_CORE:
        return False
    if s in _TRUE_CORE:
        return True
    return None


def key_flag(v: Any) -> bool | None:
    """See _key_flag; memoised because a column holds a handful of distinct words."""
    try:
        return _key_flag(v)
    except TypeError:  # unhashable cell object
        return _key_flag.__wrapped__(v)


@lru_cache(maxsize=4096)
def _key_flag(v: Any) -> bool | None:
    """重点项目/重点/是 → True; 一般项目/一般/否 → False."""
    s = re.sub(r"\s", "", text(v))
    if not s:
        return None
    if s in ("是", "重点项目", "重点", "y", "Y") or s.startswith("重点"):
        return True
    if s in ("否", "一般项目", "一般", "n", "N", "非重点", "非重点项目") or s.startswith("一般"):
        return False
    return None


def new_flag(v: Any) -> bool | None:
    """See _new_flag; memoised because a column holds a handful of distinct words."""
    try:
        return _new_flag(v)
    except TypeError:  # unhashable cell object
        return _new_flag.__wrapped__(v)


@lru_cache(maxsize=4096)
def _new_flag(v: Any) -> bool | None:
    """新增 → True; 延续/经常性/持续 → False; 是/否 under 是否新增项目."""
    s = re.sub(r"\s", "", text(v))
    if not s:
        return None
    if s in ("是", "y", "Y") or s.startswith("新增") or s == "新":
        return True
    if s in ("否", "n", "N") or s.startswith(("延续", "经常", "持续", "续建", "存量")):
        return False
    return None


def ex_ante_flag(v: Any) -> bool | None:
    """See _ex_ante_flag; memoised because a column holds a handful of distinct words."""
    try:
        return _ex_ante_flag(v)
    except TypeError:  # unhashable cell object
        return _ex_ante_flag.__wrapped__(v)


@lru_cache(maxsize=4096)
def _ex_ante_flag(v: Any) -> bool | None:
    """是/已开展 → True; 否/未开展 → False."""
    s = re.sub(r"\s", "", text(v))
    if not s:
        return None
    if s in ("是", "已开展", "已评估", "开展", "y", "Y", "√") or s.startswith("已"):
        return True
    if s in ("否", "未开展", "未评估", "不开展", "无", "n", "N", "×") or s.startswith(("未", "不")):
        return False
    return None
