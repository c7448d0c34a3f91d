"""Arabic and Chinese numerals with 万/亿 scale, as written in goal tables (两次, 二十六万人, 1.2亿).

Split out of ``values`` so that goal-text extraction can reuse the numeral scanner
without the 指标值 grammar. Every function here is total: bad text gives ``None``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
    "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)
# A Chinese numeral that counts something starts with a digit or 十 (never with 万/亿/百/千).
CN_START_CHARS = "零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾"

ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+"
_ARABIC_RE = re.compile(rf"^[-−]?(?:{ARABIC})$")
_ARABIC_SCALED_RE = re.compile(rf"^([-−]?(?:{ARABIC}))\s*([万萬亿千]+)$")
_CN_RUN_RE = re.compile(f"^[{CN_NUMERAL_CHARS}点]+$")
_SPACES_RE = re.compile(r"[\s\u3000]+")


def nfkc(text: str) -> str:
    """Full-width digits, letters, ％ ＞ ＜ ＝ （） → ASCII; ≥ ≤ are kept."""
    return unicodedata.normalize("NFKC", text)


def cn_to_number(run: str) -> float | None:
    """Value of a Chinese numeral run ('二十六万' → 260000, '一百零五' → 105, '十四五' → None)."""
    if not run:
        return None
    if "点" in run:  # 三点五 → 3.5
        whole, _, frac = run.partition("点")
        head = cn_to_number(whole)
        if head is None or not frac or any(c not in CN_DIGITS for c in frac):
            return None
        return head + float("0." + "".join(str(CN_DIGITS[c]) for c in frac))
    if all(c in CN_DIGITS for c in run):  # 二〇二四 → 2024 (digit by digit)
        return float("".join(str(CN_DIGITS[c]) for c in run))
    total = 0.0
    section = 0.0
    digit: int | None = None
    last_small = 10_000  # small units must decrease inside a section
    last_big = 10**13
    after_zero = False
    last_unit = 0
    for ch in run:
        if ch in CN_DIGITS:
            if digit is not None:
                return None  # two digits in a row: 十四五
            d = CN_DIGITS[ch]
            if d == 0:
                after_zero = True
                continue
            digit = d
        elif ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            if unit >= last_small:
                return None
            if digit is None:
                if unit != 10 or section or total:
                    if unit == 10 and after_zero:  # 一百零十? not Chinese; 一千零十 is
                        digit = 1
                    else:
                        return None
                else:
                    digit = 1  # 十 → 10, 十五 → 15
            section += digit * unit
            digit, last_small, last_unit, after_zero = None, unit, unit, False
        else:  # 万 / 亿
            unit = CN_BIG_UNITS[ch]
            if digit is not None:
                section += digit
                digit = None
            if section == 0 and total == 0:
                return None  # 万一, 亿万
            if unit >= last_big and unit != 100_000_000:
                return None
            if unit == 100_000_000:
                total = (total + section) * unit
            else:
                total += section * unit
            section, last_small, last_big, last_unit, after_zero = 0.0, 10_000, unit, unit, False
    if digit is not None:
        # 一百五 / 两万五 (colloquial) mean 150 / 25000; after 零 the digit is literal.
        if last_unit >= 100 and not after_zero:
            section += digit * last_unit / 10
        else:
            section += digit
    return total + section


def _arabic(text: str) -> float | None:
    try:
        return float(text.replace(",", "").replace("−", "-"))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _parse_number(text: str) -> float | None:
    s = _SPACES_RE.sub("", nfkc(text))
    if not s:
        return None
    if _ARABIC_RE.match(s):
        return _arabic(s)
    m = _ARABIC_SCALED_RE.match(s)
    if m:
        base = _arabic(m.group(1))
        scale = 1.0
        for ch in m.group(2):
            scale *= 1000 if ch == "千" else CN_BIG_UNITS[ch]
        return None if base is None else base * scale
    if _CN_RUN_RE.match(s) and s[0] in CN_START_CHARS + "百千":
        return cn_to_number(s)
    return None


def parse_number(text: str) -> float | None:
    """'26万' → 260000, '二十六万' → 260000, '两' → 2, '3,500' → 3500; ``None`` if not a bare number."""
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return float(text) if text == text and abs(text) != float("inf") else None
    if not isinstance(text, str) or len(text) > 64:
        return None
    try:
        return _parse_number(text)
    except Exception:  # never raise on user text
        return None


def format_number(x: float) -> str:
    """Render a number the way a person wrote it: 95.0 → '95', 0.95 → '0.95'."""
    if x != x or x in (float("inf"), float("-inf")):
        return str(x)
    if x.is_integer() and abs(x) < 1e16:
        return str(int(x))
    s = f"{x:.10g}"
    return repr(x) if "e" in s else s
