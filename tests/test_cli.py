"""The CLI contract: exit codes, JSON equal to the library's result, findings at the real cell."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import FORM_INDICATORS, a1, form_rows, write_xlsx
from perfcheck.cli import app
from perfcheck.report.json_report import as_dict
from perfcheck.rules import load_rules
from perfcheck.run import lint

SAMPLES = Path(__file__).parents[1] / "samples"
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, ["lint", *args])
    return res.exit_code, res.stdout


def test_clean_sample_exits_0_and_flawed_exits_1() -> None:
    assert invoke(str(SAMPLES / "clean.xlsx"))[0] == 0
    assert invoke(str(SAMPLES / "flawed.xlsx"))[0] == 1
    assert invoke(str(SAMPLES / "flawed.xlsx"), "--fail-on", "never")[0] == 0


def test_fail_on_info_counts_advice(tmp_path: Path) -> None:
    code, _ = invoke(str(SAMPLES / "flawed.xlsx"), "--select", "PC307", "--fail-on", "info")
    assert code == 1
    assert invoke(str(SAMPLES / "flawed.xlsx"), "--select", "PC307")[0] == 0


def test_json_output_is_the_library_result() -> None:
    code, out = invoke(str(SAMPLES / "flawed.xlsx"), "--format", "json", "--no-config")
    data = json.loads(out)
    expected = as_dict(lint([SAMPLES / "flawed.xlsx"], load_rules()))
    assert code == 1
    assert data["findings"] == expected["findings"]
    assert data["files"] == expected["files"] and data["summary"]["by_rule"] == expected["summary"]["by_rule"]
    assert {"PC101", "PC201", "PC302", "PC401", "PC402", "PC403", "PC404", "PC405", "PC501"} <= set(data["summary"]["by_rule"])


def test_unreadable_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    res = runner.invoke(app, ["lint", str(bad), str(SAMPLES / "clean.xlsx"), "--format", "json"])
    assert res.exit_code == 2
    data = json.loads(res.stdout)
    assert data["files"][0]["error"].startswith(str(bad))
    assert data["files"][1]["error"] is None and data["files"][1]["projects"] == 3
    assert "Traceback" not in res.output


def test_missing_file_exits_2() -> None:
    assert invoke("no-such-file.xlsx")[0] == 2


def test_english_messages() -> None:
    _, out = invoke(str(SAMPLES / "flawed.xlsx"), "--format", "json", "--lang", "en")
    pc101 = next(f for f in json.loads(out)["findings"] if f["rule"] == "PC101")
    assert pc101["title"] == "too few indicators" and "教师进修培训" in pc101["message"]


def test_defect_in_the_last_of_fifty_stacked_forms_points_at_its_cell(tmp_path: Path) -> None:
    rows: list[list[object]] = []
    merges: list[str] = []
    for k in range(50):
        indicators = list(FORM_INDICATORS)
        if k == 49:
            indicators[1] = ("", "质量指标", "节目审核通过率", "≥120%", "否")
        form, fm = form_rows(f"项目{k:02d}", f"单位{k % 7}", 100 + k, f"开展演出{80 + k}场，观演人次20000以上", indicators)
        top = len(rows)
        rows.extend(form)
        merges.extend(f"{a1(top + r0, c0)}:{a1(top + r1, c1)}" for r0, c0, r1, c1 in fm)
        rows.extend([[], []])
    path = write_xlsx(tmp_path / "forms.xlsx", {"表": rows}, merges={"表": merges})
    _, out = invoke(str(path), "--format", "json", "--select", "PC304")
    (finding,) = json.loads(out)["findings"]
    value_row = 1 + 49 * 16 + 10  # the 50th form starts at row 785; its second indicator is 10 rows below
    assert (finding["project"], finding["sheet"], finding["row"], finding["column"]) == ("项目49", "表", value_row, "E")
    assert rows[value_row - 1][4] == "≥120%"


def test_json_on_stdout_in_an_ascii_locale(tmp_path: Path) -> None:
    """A container or CI runner without LANG gives Python an ASCII stdout: the report still comes out, as UTF-8,
    and a Chinese file name that the locale cannot decode is written back as its own bytes."""
    import os
    import shutil
    import subprocess
    import sys

    book = tmp_path / "样例工作簿.xlsx"
    shutil.copy(SAMPLES / "flawed.xlsx", book)
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    done = subprocess.run([sys.executable, "-m", "perfcheck", "lint", "--format", "json", os.fsencode(book)],
                          capture_output=True, env=env, timeout=120)
    assert done.returncode == 1, done.stderr.decode("utf-8", "replace")[-400:]
    report = json.loads(done.stdout.decode("utf-8"))
    assert report["files"][0]["path"] == str(book) and report["findings"]
