"""District-scale benchmark: `perfcheck lint` end to end against a plain python-calamine read of the same file.

    python benchmarks/scale.py                     # 10k, 100k and 1M indicator rows
    python benchmarks/scale.py 10000 100000 --repeat 3

For each size the workbook from ``benchmarks/district.py`` is generated if missing, then, in the same run:

- ``calamine``: a fresh interpreter that opens the file with python-calamine and loads every sheet into
  Python lists (``to_python()``, what any reader of the whole sheet does), wall time and peak RSS;
- ``perfcheck``: ``python -m perfcheck lint FILE --format json -o /dev/null --no-config``, wall time and
  peak RSS (the command a user types, interpreter start and imports included);
- phases, in a fresh interpreter: imports and rule files, ``load`` (reading and records), the rule pass (every per-file rule
  and the run-wide PC406), the JSON report.

Peak memory is ``wait4``'s ru_maxrss (what ``/usr/bin/time -v`` reports: the largest single process) and,
because a large file is checked by forked workers, the proportional set size summed over the process tree,
sampled every 250 ms. Prints the machine, a table with the ratios perfcheck/calamine and the rule pass as a
share of ``load``, and the same table as Markdown for the README. Best of ``--repeat`` runs. Not a test:
timings depend on the machine (and on whatever else runs on it: the load average is printed).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from district import DATA, generate, size_label

CALAMINE = """
import sys
from python_calamine import CalamineWorkbook
book = CalamineWorkbook.from_path(sys.argv[1])
rows = [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]
print(sum(map(len, rows)))
"""

PHASES = """
import json, sys, time
t0 = time.perf_counter()
from perfcheck.cli import app  # noqa: F401  (what the command imports)
from perfcheck.engine import check_run, check_workbook
from perfcheck.gcpause import paused_gc
from perfcheck.loader import load
from perfcheck.report import render_bytes
from perfcheck.rules import load_rules
from perfcheck.run import FileResult, RunResult, _clean_count
from perfcheck.batch import index_projects
ignore = tuple(c for c in sys.argv[2].split(",") if c)
rules = [r for r in load_rules() if not (ignore and r.code.startswith(ignore))]
t1 = time.perf_counter()
with paused_gc():                      # as lint() and the report writer do
    book = load(sys.argv[1])
    t2 = time.perf_counter()
    findings = check_workbook(book, rules)
    t3a = time.perf_counter()
    findings += check_run([book], rules)
    t3 = time.perf_counter()
    result = RunResult(files=[FileResult(path=book.path, layout=book.layout, projects=len(book.projects),
                                         indicators=book.indicator_count)], findings=findings)
    result.entries = index_projects([book], findings)
    size = len(render_bytes("json", result))
    t4 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "rules": t3 - t2, "file_rules": t3a - t2,
                  "run_rules": t3 - t3a, "report": t4 - t3,
                  "projects": len(book.projects), "indicators": book.indicator_count,
                  "findings": len(findings), "json_bytes": size}))
"""


def machine() -> str:
    """nproc, CPU model and memory, for the README."""
    model = "?"
    try:
        m = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
        model = m.group(1).strip() if m else model
    except OSError:
        pass
    mem = "?"
    try:
        m = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.MULTILINE)
        mem = f"{int(m.group(1)) / 2**20:.1f} GiB" if m else mem
    except OSError:
        pass
    from importlib.metadata import version

    return (f"nproc={os.cpu_count()}, CPU: {model}, memory: {mem}, Python {platform.python_version()}, "
            f"python-calamine {version('python-calamine')}, {platform.system()} {platform.release()}")


def _tree(root: int) -> list[int]:
    """``root`` and every process below it (forked workers included)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(parents.get(pid, []))
    return out


def _pss_mb(pids: list[int]) -> float:
    """Proportional set size of the processes, summed (pages shared after a fork count once)."""
    total = 0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        m = re.search(r"^Pss:\s+(\d+) kB", text, re.MULTILINE)
        total += int(m.group(1)) if m else 0
    return total / 1024


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float, int, str]:
    """(wall seconds, peak RSS of the largest process in MB, peak PSS summed over the process tree in MB,
    exit code, stdout) of one command.

    Peak RSS is what ``/usr/bin/time`` reports (ru_maxrss: the largest single process; ``wait4`` when there
    is no /usr/bin/time); the summed PSS is sampled every 250 ms from /proc and counts forked workers too.
    """
    import tempfile
    import threading
    import time

    gnu_time = "/usr/bin/time" if Path("/usr/bin/time").exists() else shutil.which("time")
    report = None
    if gnu_time:                          # a small launcher: its own RSS before exec does not count
        fd, report = tempfile.mkstemp(suffix=".time")
        os.close(fd)
        cmd = [gnu_time, "-f", "%e %M", "-o", report, *cmd]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    peak_pss = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_pss
        while not done.is_set():
            if Path(f"/proc/{proc.pid}").exists():
                peak_pss = max(peak_pss, _pss_mb(_tree(proc.pid)))
            done.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak_rss = usage.ru_maxrss / 1024
    if report is not None:
        fields = Path(report).read_text().split()
        os.unlink(report)
        peak_rss = int(fields[-1]) / 1024
    return wall, peak_rss, peak_pss, proc.returncode, out.decode()


def measure(path: Path, repeat: int, ignore: str = "") -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    py = sys.executable
    best: dict[str, float] = {}

    def keep(key: str, value: float) -> None:
        best[key] = min(best.get(key, value), value)

    for _ in range(repeat):
        wall, mb, pss, _, _ = timed([py, "-c", CALAMINE, str(path)])
        keep("cal_s", wall)
        keep("cal_mb", mb)
        keep("cal_pss", pss)
        skip = ["--ignore", ignore] if ignore else []
        wall, mb, pss, code, _ = timed([py, "-m", "perfcheck", "lint", str(path), "--format", "json", "-o",
                                        os.devnull, "--no-config", *skip], env)
        if code not in (0, 1):
            raise RuntimeError(f"perfcheck exited {code} on {path}")
        keep("pc_s", wall)
        keep("pc_mb", mb)
        keep("pc_pss", pss)
        out = subprocess.run([py, "-c", PHASES, str(path), ignore], capture_output=True, text=True, env=env,
                             check=True)
        for k, v in json.loads(out.stdout).items():
            keep(k, v)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rows", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=1, help="best of N runs")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--ignore", default="", help="rules left out, as perfcheck's --ignore (e.g. PC406)")
    args = ap.parse_args()
    print(machine(), f"load average {os.getloadavg()[0]:.2f}")
    rows = []
    for count in sorted(args.rows):
        path = DATA / f"district_{size_label(count)}.xlsx"
        if not path.exists():
            print(f"generating {path} …", file=sys.stderr)
            generate(count, path, args.seed)
        r = measure(path, args.repeat, args.ignore)
        r["rows"] = count
        rows.append(r)
        print(f"{size_label(count):>5}: calamine {r['cal_s']:.2f}s {r['cal_mb']:.0f}MB | perfcheck {r['pc_s']:.2f}s "
              f"{r['pc_mb']:.0f}MB (all processes {r['pc_pss']:.0f}MB) | ratio {r['pc_s'] / r['cal_s']:.2f}x time "
              f"{r['pc_mb'] / r['cal_mb']:.2f}x memory ({r['pc_pss'] / r['cal_mb']:.2f}x all processes) | "
              f"import {r['import']:.2f}s load {r['load']:.2f}s rules {r['rules']:.2f}s "
              f"(per-file {r['file_rules']:.2f}s + run-wide {r['run_rules']:.2f}s, one core; {r['rules'] / r['load']:.0%} "
              f"of load) json {r['report']:.2f}s | {r['projects']:.0f} projects, {r['findings']:.0f} findings",
              flush=True)
    print()
    print("| 指标行数 rows | calamine 读取 read | perfcheck lint（-j 2） | 时间比 time | 内存比 memory "
          "| 读取+建记录 load | 规则 rules（单核，占 load） | JSON | 项目 projects | 问题 findings |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {size_label(int(r['rows']))} | {r['cal_s']:.2f} s, {r['cal_mb']:.0f} MB | {r['pc_s']:.2f} s, "
              f"{r['pc_mb']:.0f} MB（合计 {r['pc_pss']:.0f} MB） | {r['pc_s'] / r['cal_s']:.2f}× | "
              f"{r['pc_mb'] / r['cal_mb']:.2f}×（{r['pc_pss'] / r['cal_mb']:.2f}×） | {r['load']:.2f} s | "
              f"{r['rules']:.2f} s（{r['rules'] / r['load']:.0%}） | {r['report']:.2f} s | {r['projects']:.0f} | "
              f"{r['findings']:.0f} |")


if __name__ == "__main__":
    main()
