"""Fuzzing: mutated sample files either load or raise LoadError (nothing else), and the PC4 judge survives any
goal and indicators. Seeded and bounded: 200 byte mutations run in a few seconds.

tests/test_values.py and tests/test_commitments.py already hold the property tests of the value parser and
of goal commitment extraction; these add the loader and the rules on top of them.
"""
from __future__ import annotations

import io
import random
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfcheck.engine import check_workbook
from perfcheck.errors import LoadError
from perfcheck.loader import load
from perfcheck.models import Indicator, Project, Workbook
from perfcheck.rules import load_rules
from perfcheck.values import parse_target

SAMPLES = Path(__file__).parents[1] / "samples"
CSV = ("单位名称,项目名称,年度绩效目标,一级指标,二级指标,三级指标,指标值,计量单位\n"
       "区民政局,社区养老服务,为500名老年人提供助餐服务,产出指标,数量指标,助餐服务老年人数,≥500,人\n"
       ",,,效益指标,社会效益指标,政策知晓率,≥90,%\n")
MUTATIONS = 200
BUDGET_SECONDS = 15.0


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """One of: flip bytes, cut, insert junk, repeat a chunk, zero a range."""
    b = bytearray(data)
    how = rng.randrange(5)
    if how == 0:
        for _ in range(rng.randint(1, 16)):
            b[rng.randrange(len(b))] = rng.randrange(256)
    elif how == 1:
        del b[rng.randrange(1, len(b)):]
    elif how == 2:
        at = rng.randrange(len(b))
        b[at:at] = rng.randbytes(rng.randint(1, 64))
    elif how == 3:
        at, n = rng.randrange(len(b)), rng.randint(1, 256)
        b[at:at] = b[at:at + n] * rng.randint(2, 8)
    else:
        at = rng.randrange(len(b))
        b[at:at + rng.randint(1, 128)] = bytes(min(128, len(b) - at))
    return bytes(b)


def _mutate_member(data: bytes, rng: random.Random) -> bytes:
    """The same workbook with one XML part mutated inside a valid zip, so the mutation reaches the parsers."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    target = rng.choice([n for n, _ in items if n.endswith(".xml")])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in items:
            z.writestr(name, _mutate_bytes(body, rng) if name == target and body else body)
    return out.getvalue()


def _seeds() -> list[tuple[str, bytes]]:
    files = [(p.name, p.read_bytes()) for p in sorted(SAMPLES.glob("*.xlsx"))]
    return [*files, ("sample.csv", CSV.encode("utf-8")), ("sample_gbk.csv", CSV.encode("gbk"))]


def test_mutated_samples_load_or_raise_load_error(tmp_path: Path) -> None:
    rng = random.Random(2025)
    rules = load_rules()
    seeds = _seeds()
    start = time.monotonic()
    outcomes = {"loaded": 0, "refused": 0}
    for k in range(MUTATIONS):
        name, data = seeds[k % len(seeds)]
        inside = name.endswith(".xlsx") and rng.random() < 0.5
        mutated = _mutate_member(data, rng) if inside else _mutate_bytes(data, rng)
        path = tmp_path / f"m{k:03d}{Path(name).suffix}"
        path.write_bytes(mutated)
        try:
            book = load(path)
        except LoadError as err:
            assert str(err).startswith(str(path)) and "\n" not in str(err), (k, name)
            outcomes["refused"] += 1
        except BaseException as exc:  # noqa: BLE001 - the point of the test
            pytest.fail(f"mutation {k} of {name} ({'member' if inside else 'bytes'}): {type(exc).__name__}: {exc}")
        else:
            assert isinstance(book, Workbook)
            check_workbook(book, rules)          # whatever loaded, the rules can check
            outcomes["loaded"] += 1
        path.unlink()
    assert time.monotonic() - start < BUDGET_SECONDS * 2  # generous: a shared CI machine may be slow
    assert outcomes["loaded"] > 20 and outcomes["refused"] > 20, outcomes   # both paths were exercised


GOAL_WORDS = st.sampled_from(["为", "名", "老年人", "提供", "助餐", "服务", "开展", "培训", "人次", "万人", "%", "，", "。",
                              "同比", "下降", "提高", "增长", "不少于", "以上", "以内", "每季度", "一次", "两", "万元",
                              "资金", "满意度", "达到", "完成", "建设", "公里", "年", "月底前", "；", "：", "、", "和"])
NUMBERS = st.integers(min_value=0, max_value=10**7).map(str) | st.sampled_from(["0.5", "二十六", "1.2", "100"])
GOALS = st.lists(GOAL_WORDS | NUMBERS, max_size=40).map("".join) | st.text(max_size=80)
NAMES = st.lists(GOAL_WORDS, min_size=1, max_size=6).map("".join) | st.text(max_size=12)
VALUES = st.tuples(st.sampled_from(["≥", "≤", "=", "", "不少于", "达到"]), NUMBERS,
                   st.sampled_from(["人", "人次", "%", "万元", "次", "", "公里"])).map("".join) | st.text(max_size=10)
PC4 = [r for r in load_rules() if r.code.startswith("PC4")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(goal=GOALS, indicators=st.lists(st.tuples(NAMES, VALUES), max_size=8),
       amount=st.none() | st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_goal_rules_never_raise(goal: str, indicators: list[tuple[str, str]], amount: float | None) -> None:
    inds = [Indicator(sheet="S", row=3 + i, level1="产出指标", level2="数量指标", name=n, value=v,
                      target=parse_target(v)) for i, (n, v) in enumerate(indicators)]
    book = Workbook(path="fuzz.xlsx", layout="flat", projects=[
        Project(sheet="S", row=3, name="社区养老服务", unit="区民政局", goal=goal, amount=amount, indicators=inds)])
    for f in check_workbook(book, PC4):
        assert f.message and f.rule.startswith("PC4")
