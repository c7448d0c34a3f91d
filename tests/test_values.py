"""Table-driven tests for perfcheck.values: the 指标值 forms seen in real goal tables."""
from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfcheck.values import (
    Target,
    is_dummy,
    is_placeholder,
    money_to_wan,
    parse_number,
    parse_target,
    to_base,
    unit_family,
)

Q, L, E, I = "quantitative", "qualitative", "empty", "invalid"

# (value, operator cell, measure cell) -> (kind, operator, explicit, number, unit)
QUANT_CASES = [
    # all-in-one text
    (("≥95%", None, None), (">=", True, 95, "%")),
    ((">=95", None, None), (">=", True, 95, None)),
    (("≥ 29000人次", None, None), (">=", True, 29000, "人次")),
    (("≤100万元", None, None), ("<=", True, 100, "万元")),
    (("＝1", None, None), ("=", True, 1, None)),
    (("100%", None, None), ("=", False, 100, "%")),
    (("2次", None, None), ("=", False, 2, "次")),
    (("不少于3次", None, None), (">=", True, 3, "次")),
    (("不低于90%", None, None), (">=", True, 90, "%")),
    (("达到90%以上", None, None), (">=", True, 90, "%")),
    (("90%以上", None, None), (">=", True, 90, "%")),
    (("≤12分钟", None, None), ("<=", True, 12, "分钟")),
    (("两次", None, None), ("=", False, 2, "次")),
    (("一次", None, None), ("=", False, 1, "次")),
    (("二十六万人", None, None), ("=", False, 260000, "人")),
    (("26万人", None, None), ("=", False, 260000, "人")),
    (("1.2亿元", None, None), ("=", False, 1.2, "亿元")),
    (("26万元", None, None), ("=", False, 26, "万元")),
    (("≥0", None, None), (">=", True, 0, None)),
    (("0%", None, None), ("=", False, 0, "%")),
    (("＞5", None, None), (">", True, 5, None)),
    (("＜3天", None, None), ("<", True, 3, "天")),
    (("=>5", None, None), (">=", True, 5, None)),
    (("<=7个工作日", None, None), ("<=", True, 7, "工作日")),
    (("≥95％", None, None), (">=", True, 95, "%")),
    (("≥９５％", None, None), (">=", True, 95, "%")),
    (("大于等于80%", None, None), (">=", True, 80, "%")),
    (("至少2场", None, None), (">=", True, 2, "场")),
    (("不超过5%", None, None), ("<=", True, 5, "%")),
    (("不高于3‰", None, None), ("<=", True, 3, "‰")),
    (("控制在5%以内", None, None), ("<=", True, 5, "%")),
    (("3个工作日内办结", None, None), ("<=", True, 3, "工作日")),
    (("小于等于15天", None, None), ("<=", True, 15, "天")),
    (("大于100户", None, None), (">", True, 100, "户")),
    (("超过50家", None, None), (">", True, 50, "家")),
    (("低于2%", None, None), ("<", True, 2, "%")),
    (("小于1次", None, None), ("<", True, 1, "次")),
    (("等于100%", None, None), ("=", True, 100, "%")),
    (("完成100%", None, None), ("=", True, 100, "%")),
    (("达到100%", None, None), ("=", True, 100, "%")),
    (("500人以上", None, None), (">=", True, 500, "人")),
    (("30天以下", None, None), ("<=", True, 30, "天")),
    (("95%及以上", None, None), (">=", True, 95, "%")),
    (("全年≥4次", None, None), (">=", True, 4, "次")),
    (("每年2次", None, None), ("=", False, 2, "次")),
    (("≥95%（含）", None, None), (">=", True, 95, "%")),
    (("500元/人", None, None), ("=", False, 500, "元/人")),
    (("不少于三", None, None), (">=", True, 3, None)),
    (("百分之九十五", None, None), ("=", False, 95, "%")),
    (("3,500人", None, None), ("=", False, 3500, "人")),
    (("3，500人", None, None), ("=", False, 3500, "人")),
    (("1.5万亩", None, None), ("=", False, 15000, "亩")),
    (("约100人", None, None), ("=", False, 100, "人")),
    (("100人左右", None, None), ("=", False, 100, "人")),
    (("三个月", None, None), ("=", False, 3, "个月")),
    (("不超过3个月", None, None), ("<=", True, 3, "个月")),
    (("十场", None, None), ("=", False, 10, "场")),
    (("一百零五户", None, None), ("=", False, 105, "户")),
    (("≥ 95 %", None, None), (">=", True, 95, "%")),
    (("≥95.5%", None, None), (">=", True, 95.5, "%")),
    (("2024年完成3次", None, None), ("=", True, 3, "次")),
    (("≥-5%", None, None), (">=", True, -5, "%")),
    (("10万千瓦", None, None), ("=", False, 100000, "千瓦")),
    # ranges: '>=' the lower bound
    (("90%-95%", None, None), (">=", True, 90, "%")),
    (("90~95%", None, None), (">=", True, 90, "%")),
    (("3至5次", None, None), (">=", True, 3, "次")),
    # separate operator / measure cells
    ((95.0, "≥", "%"), (">=", True, 95, "%")),
    ((95, "≥", "％"), (">=", True, 95, "%")),
    ((510, "大于等于", "人"), (">=", True, 510, "人")),
    (("510", "大于等于", "人"), (">=", True, 510, "人")),
    ((3.0, "小于等于", "天"), ("<=", True, 3, "天")),
    ((1, "=", "次"), ("=", True, 1, "次")),
    ((1, "等于", "个"), ("=", True, 1, "个")),
    ((100, "＞", "人次"), (">", True, 100, "人次")),
    ((5, "<", "%"), ("<", True, 5, "%")),
    ((2.6, None, "万人"), ("=", False, 26000, "人")),
    ((26, "≤", "万元"), ("<=", True, 26, "万元")),
    ((3, None, None), ("=", False, 3, None)),
    ((3, "", ""), ("=", False, 3, None)),
    ((3, "定量", "次"), ("=", False, 3, "次")),
    ((3, float("nan"), "次"), ("=", False, 3, "次")),
    (("95", "≥", "百分比"), (">=", True, 95, "%")),
    (("≥95%", "≥", "%"), (">=", True, 95, "%")),
    (("≥95", "=", "%"), (">=", True, 95, "%")),   # the sign in the text wins
    (("2次", ">=", None), (">=", True, 2, "次")),
    ((12, "≤", "分钟"), ("<=", True, 12, "分钟")),
    ((0.95, "≥", None), (">=", True, 0.95, None)),
    ((95, "正向", "%"), (">=", True, 95, "%")),
    ((5, "反向", "%"), ("<=", True, 5, "%")),
]


@pytest.mark.parametrize(("cells", "expected"), QUANT_CASES, ids=[repr(c[0]) for c in QUANT_CASES])
def test_quantitative(cells: tuple, expected: tuple) -> None:
    t = parse_target(*cells)
    op, explicit, number, unit = expected
    assert t.kind == "quantitative", t
    assert t.is_quantitative
    assert (t.operator, t.operator_explicit, t.unit) == (op, explicit, unit), t
    assert t.number == pytest.approx(number)


QUAL_CASES = ["按时完成", "定性：好", "好", "有效提升", "明显改善", "较好", "逐步完善", "达到国家标准",
              "一次性完成", "一是", "统一", "万一", "十四五", "一村一品", "较2023年有所提升", "无", "/",
              "进一步提高", "X光机", "及时足额发放", "群众满意", "第一名"]


@pytest.mark.parametrize("value", QUAL_CASES)
def test_qualitative(value: str) -> None:
    t = parse_target(value)
    assert t.kind == "qualitative", t
    assert t.operator is None and t.number is None
    assert t.text


def test_qualitative_text_drops_the_label() -> None:
    assert parse_target("定性：好").text == "好"
    assert parse_target("定性:优").text == "优"


@pytest.mark.parametrize(("cells", "text"), [
    ((95, "定性", None), "95"), (("好", "定性", None), "好"), (("优良", "定性", "/"), "优良"),
])
def test_operator_cell_qualitative(cells: tuple, text: str) -> None:
    t = parse_target(*cells)
    assert (t.kind, t.text) == ("qualitative", text)


@pytest.mark.parametrize("cells", [("",), ("   ",), (None,), (float("nan"),), (None, "≥", "%"), ("\u3000",),
                                   ("nan",)])
def test_empty(cells: tuple) -> None:
    assert parse_target(*cells).kind == "empty"


INVALID_CASES = [
    ("≥%", False, False), ("≥", False, False), ("不少于次", False, False), ("≥9s5%", False, False),
    ("2024-12-31", True, False), ("2024年12月", True, False), ("2024/06/30", True, False),
    ("2024年底前完成", True, False), ("12月31日前", True, False),
    ("XX", False, True), ("**", False, True), ("≥**%", False, True), ("待定", False, True),
    ("≥X%", False, True), ("xx人次", False, True), ("？", False, True), ("≥≤5", False, False),
    ("%", False, False), ("≥95%且≤5%", False, False),
]


@pytest.mark.parametrize(("value", "is_date", "placeholder"), INVALID_CASES)
def test_invalid(value: str, is_date: bool, placeholder: bool) -> None:
    t = parse_target(value)
    assert t.kind == "invalid", t
    assert t.error and any("\u4e00" <= c <= "\u9fff" for c in t.error)
    assert (t.is_date, t.placeholder) == (is_date, placeholder)


@pytest.mark.parametrize("cell", [dt.datetime(2024, 12, 31), dt.date(2024, 6, 30)])
def test_date_cells_are_invalid(cell: object) -> None:
    t = parse_target(cell)
    assert (t.kind, t.is_date) == ("invalid", True)
    assert t.raw == cell.strftime("%Y-%m-%d")  # type: ignore[attr-defined]


def test_bool_and_inf_cells_are_invalid() -> None:
    assert parse_target(True).kind == "invalid"
    assert parse_target(float("inf")).kind == "invalid"
    assert parse_target(1).kind == "quantitative"  # True must not poison the cache entry of 1


def test_numpy_and_pandas_cells() -> None:
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    t = parse_target(np.float64(95.0), "≥", "%")
    assert (t.kind, t.operator, t.number, t.raw) == ("quantitative", ">=", 95, "≥95%")
    assert parse_target(np.int64(3), None, "次").number == 3
    assert parse_target(pd.NaT).kind == "empty"
    assert parse_target(pd.NA).kind == "empty"
    assert parse_target(np.nan, np.nan, np.nan).kind == "empty"


def test_operator_cell_without_number_is_invalid() -> None:
    assert parse_target("较好", "≥", "%").kind == "invalid"


@pytest.mark.parametrize(("cells", "raw"), [
    (("≥95%",), "≥95%"), ((95.0, "≥", "%"), "≥95%"), ((510, "大于等于", "人"), "大于等于 510 人"),
    ((29000.0, None, "人次"), "29000人次"), ((0.5, "≤", "%"), "≤0.5%"), (("≥95%", "≥", "%"), "≥95%"),
    (("  按时完成 ", None, None), "按时完成"),
])
def test_raw(cells: tuple, raw: str) -> None:
    assert parse_target(*cells).raw == raw


def test_range_keeps_upper_bound() -> None:
    t = parse_target("90%-95%")
    assert (t.number, t.number_max) == (90, 95)


def test_results_are_private_copies() -> None:
    a = parse_target("≥95%")
    a.number = 1
    assert parse_target("≥95%").number == 95
    assert isinstance(a, Target)


@pytest.mark.parametrize(("text", "expected"), [
    ("26万", 260000), ("二十六万", 260000), ("两", 2), ("1.2亿", 120000000), ("3,500", 3500), ("十", 10),
    ("一百零五", 105), ("三千", 3000), ("0.5", 0.5), ("十五", 15), ("一百五", 150), ("两万五", 25000),
    ("一千零十", 1010), ("一亿二千万", 120000000), ("二〇二四", 2024), ("三点五", 3.5), ("９５", 95),
    (" 42 ", 42), ("-3", -3), ("2.5万亿", 2.5e12), ("壹佰", 100),
])
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "abc", "十四五", "万一", "一是", "95%", "26万人", "百", "1.2.3", "万万"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(("number", "unit", "wan"), [
    (10000, "元", 1), (5, "万元", 5), (1.2, "亿元", 12000), (500, "千元", 50), (5, "人", None), (5, None, None),
    (None, "元", None),
])
def test_money_to_wan(number: float | None, unit: str | None, wan: float | None) -> None:
    got = money_to_wan(number, unit)
    assert got == (pytest.approx(wan) if wan is not None else None)


@pytest.mark.parametrize(("unit", "family"), [
    ("人", "people"), ("人次", "people"), ("万人", "people"), ("场", "times"), ("次", "times"), ("家", "entities"),
    ("户", "entities"), ("万元", "money"), ("公里", "length"), ("亩", "area"), ("%", "percent"), ("％", "percent"),
    ("个月", "duration"), ("元/人", None), (None, None), ("百分点", "points"),
])
def test_unit_family(unit: str | None, family: str | None) -> None:
    assert unit_family(unit) == family


@pytest.mark.parametrize(("number", "unit", "base"), [
    (26, "万人", (260000, "人")), (1.2, "亿元", (12000, "万元")), (10000, "元", (1, "万元")), (3, "公里", (3000, "米")),
    (15, "亩", (10000, "平方米")), (4, "场", (4, "次")), (50, "家", (50, "个")), (2, "个月", (60, "天")),
    (5, "工作日", (5, "工作日")), (3, None, (3, "")), (7, "元/人", (7, "元/人")), (5, "‰", (0.5, "%")),
])
def test_to_base(number: float, unit: str | None, base: tuple[float, str]) -> None:
    got = to_base(number, unit)
    assert got[1] == base[1] and got[0] == pytest.approx(base[0])


@pytest.mark.parametrize(("text", "expected"), [
    ("XX", True), ("**", True), ("≥**%", True), ("待定", True), ("XX项目绩效", True), ("≥X%", True),
    ("≥95%", False), ("X光机采购数量", False), ("满意度", False), ("", False), (None, False), ("按时完成", False),
])
def test_is_placeholder(text: object, expected: bool) -> None:
    assert is_placeholder(text) is expected


@pytest.mark.parametrize(("text", "expected"), [("/", True), ("无", True), ("不涉及", True), ("好", False),
                                                 (None, False)])
def test_is_dummy(text: object, expected: bool) -> None:
    assert is_dummy(text) is expected


CELL = st.one_of(
    st.none(), st.text(max_size=30), st.floats(), st.integers(), st.booleans(), st.datetimes(),
    st.decimals(allow_nan=True), st.binary(max_size=8), st.lists(st.integers(), max_size=2),
)
OPS = st.one_of(st.none(), st.sampled_from(["≥", "≤", "=", ">", "<", "＞", "＜", "＝", ">=", "<=", "大于等于",
                                             "小于等于", "等于", "定性", "定量", "", "正向"]), st.text(max_size=5),
                st.floats())
MEASURES = st.one_of(st.none(), st.sampled_from(["%", "％", "人", "人次", "万人", "万元", "元", "次", "个", "/", ""]),
                     st.text(max_size=5), st.integers())
VALUE_ALPHABET = st.sampled_from(list("0123456789.,%％≥≤><=＝ 万亿千百十一二两三五九零次人个元年月日-~至以上下内不少于超过达到定性：XＸ*？（）"))


@settings(max_examples=200, deadline=None)
@given(CELL, OPS, MEASURES)
def test_parse_target_never_raises(value: object, op: object, measure: object) -> None:
    t = parse_target(value, op, measure)
    assert isinstance(t, Target)
    if t.kind == "quantitative":
        assert t.operator is not None and t.number is not None and not math.isnan(t.number)
    if t.kind == "invalid":
        assert t.error


@settings(max_examples=250, deadline=None)
@given(st.text(alphabet=VALUE_ALPHABET, max_size=12))
def test_parse_target_never_raises_on_value_like_text(value: str) -> None:
    t = parse_target(value)
    assert t.kind in ("quantitative", "qualitative", "empty", "invalid")


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=20), st.text(alphabet=VALUE_ALPHABET, max_size=10)))
def test_parse_number_never_raises(text: str) -> None:
    got = parse_number(text)
    assert got is None or isinstance(got, float)
