"""perfcheck never writes to what it reads: every input is byte-identical (sha256) after every command."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfcheck.cli import app
from perfcheck.report import FORMATS

SAMPLES = Path(__file__).parents[1] / "samples"
CSV = ("单位名称,项目名称,年度绩效目标,一级指标,二级指标,三级指标,指标值,计量单位\n"
       "区民政局,社区养老服务,为500名老年人提供助餐服务,产出指标,数量指标,助餐服务老年人数,有效提升,人\n")
CONFIG = "profile: jianghan\nrules:\n  PC101:\n    params: {general_min: 4}\n"


def _digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_every_command_leaves_inputs_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = tmp_path / "报送材料"
    inputs.mkdir()
    for p in SAMPLES.glob("*.xlsx"):
        shutil.copy(p, inputs / p.name)
    (inputs / "goals.csv").write_bytes(CSV.encode("gbk"))
    (inputs / "perfcheck.yaml").write_text(CONFIG, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    before = _digests(inputs)
    assert len(before) == len(list(SAMPLES.glob("*.xlsx"))) + 2
    monkeypatch.chdir(inputs)
    runner = CliRunner()
    commands = [["lint", str(inputs), "-j", "1", "--format", fmt, "-o", str(out / f"report.{fmt}")] for fmt in FORMATS]
    commands += [
        ["lint", str(inputs), "-j", "1"],                                       # text to stdout
        ["lint", str(inputs), "-j", "1", "--annotate", str(out / "reviewed")],
        ["lint", str(inputs), "-j", "1", "--write-baseline", str(out / "baseline.json")],
        ["lint", str(inputs), "-j", "1", "--baseline", str(out / "baseline.json"), "--format", "json"],
        ["lint", str(inputs / "clean.xlsx"), "-j", "1", "--annotate", str(out / "clean.reviewed.xlsx")],
        ["rules"],
        ["rule", "PC402"],
        ["config", "--show"],
        ["config", "--show", "--json"],
    ]
    for args in commands:
        res = runner.invoke(app, args)
        assert res.exit_code in (0, 1), (args, res.output)
        assert _digests(inputs) == before, f"perfcheck {' '.join(args)} changed an input"
    assert (out / "reviewed").is_dir() and (out / "clean.reviewed.xlsx").is_file() and (out / "report.xlsx").is_file()
