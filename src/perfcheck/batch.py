"""Batch audit: files checked in parallel, a per-unit summary with a quality score, and reproducible sampling.

The quality score of a unit (0–100, higher is better):

    base    = 100 × clean projects / projects        (clean: no error or warning finding)
    penalty = min(30, 10 × (2 × errors + warnings) / projects)
    score   = max(0, base − penalty), rounded to one decimal; null for a unit with no project

so a unit whose every project is clean scores 100, and beyond the share of clean projects
each error costs twice a warning, per project, up to 30 points. ``info`` findings cost nothing.
"""
from __future__ import annotations

import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from .loader.records import builder
from .models import Finding, Workbook

if TYPE_CHECKING:
    from .rules import Rule
    from .run import RunResult

NO_UNIT = "（未注明单位）"
PENALTY_CAP = 30.0
PENALTY_PER_PROJECT = 10.0
PROGRESS_AFTER = 2.0  # seconds before a progress bar appears


# ---------------------------------------------------------------- project index
class ProjectEntry(BaseModel):
    """One project or department goal of a run, and how its findings went (for summaries and sampling)."""

    file: str
    sheet: str | None = None
    row: int | None = None
    unit: str | None = None
    project_code: str | None = None
    project: str | None = None
    kind: str = "project"
    indicators: int = 0
    error: int = 0
    warning: int = 0
    info: int = 0

    @property
    def clean(self) -> bool:
        return self.error == 0 and self.warning == 0


class SampleInfo(BaseModel):
    """What a spot-check (抽查) drew: the size asked, the seed and how many projects it drew from."""

    size: int
    seed: int
    population: int
    projects: list[ProjectEntry]


def _key(file: str, sheet: str | None, code: str | None, name: str | None, unit: str | None) -> tuple:
    return (file, sheet or "", code or "", name or "", unit or "")


def finding_key(f: Finding) -> tuple | None:
    """The project a finding belongs to, or None for a file-level finding."""
    if not (f.project or f.project_code or f.unit):
        return None
    return _key(f.file, f.sheet, f.project_code, f.project, f.unit)


def entry_key(e: ProjectEntry) -> tuple:
    return _key(e.file, e.sheet, e.project_code, e.project, e.unit)


def index_projects(books: Sequence[Workbook], findings: Sequence[Finding]) -> list[ProjectEntry]:
    """Every project of the loaded books in file order, with its findings counted by severity."""
    entries: list[ProjectEntry] = []
    by_key: dict[tuple, ProjectEntry] = {}
    new_entry = builder(ProjectEntry, frozenset(ProjectEntry.model_fields))   # typed already: no validation
    for book in books:
        for p in book.projects:
            e = new_entry({"file": book.path, "sheet": p.sheet, "row": p.row, "unit": p.unit, "project_code": p.code,
                           "project": p.name, "kind": p.kind, "indicators": len(p.indicators),
                           "error": 0, "warning": 0, "info": 0})
            entries.append(e)
            by_key.setdefault(entry_key(e), e)
    for f in findings:
        key = finding_key(f)
        hit = by_key.get(key) if key is not None else None
        if hit is not None:
            setattr(hit, f.severity, getattr(hit, f.severity) + 1)
    return entries


# ---------------------------------------------------------------- per-unit summary
class UnitSummary(BaseModel):
    unit: str
    files: int
    projects: int
    indicators: int
    findings: dict[str, int]
    clean_projects: int
    score: float | None


def quality_score(projects: int, clean: int, errors: int, warnings: int) -> float | None:
    """The formula in this module's docstring (and the README)."""
    if projects <= 0:
        return None
    base = 100.0 * clean / projects
    penalty = min(PENALTY_CAP, PENALTY_PER_PROJECT * (2 * errors + warnings) / projects)
    return round(max(0.0, base - penalty), 1)


def unit_summaries(result: RunResult) -> list[UnitSummary]:
    """Per-unit totals, worst first (lowest score, then most errors, then name)."""
    files: dict[str, set[str]] = {}
    projects: Counter[str] = Counter()
    indicators: Counter[str] = Counter()
    clean: Counter[str] = Counter()
    sev: dict[str, Counter[str]] = {}
    main_unit: dict[str, Counter[str]] = {}
    for e in result.entries:
        u = e.unit or NO_UNIT
        files.setdefault(u, set()).add(e.file)
        projects[u] += 1
        indicators[u] += e.indicators
        clean[u] += e.clean
        main_unit.setdefault(e.file, Counter())[u] += 1
    for f in result.findings:
        if finding_key(f) is not None:
            u = f.unit or NO_UNIT
        else:  # a file-level finding counts for the unit that filed most of the file
            counts = main_unit.get(f.file)
            u = counts.most_common(1)[0][0] if counts else NO_UNIT
        files.setdefault(u, set()).add(f.file)
        sev.setdefault(u, Counter())[f.severity] += 1
    out = []
    for u, unit_files in files.items():
        s = sev.get(u, Counter())
        out.append(UnitSummary(
            unit=u, files=len(unit_files), projects=projects[u], indicators=indicators[u],
            findings={k: s.get(k, 0) for k in ("error", "warning", "info")}, clean_projects=clean[u],
            score=quality_score(projects[u], clean[u], s.get("error", 0), s.get("warning", 0)),
        ))
    out.sort(key=lambda x: (x.score if x.score is not None else -1.0, -x.findings["error"],
                            -x.findings["warning"], x.unit))
    return out


# ---------------------------------------------------------------- sampling (抽查)
def draw_sample(result: RunResult, size: int, seed: int) -> RunResult:
    """Keep `size` projects drawn at random (reproducible for a seed) and only their findings.

    Files that could not be read stay listed (they still make the run fail); file counts become
    the sampled projects' counts.
    """
    population = list(result.entries)
    rng = random.Random(seed)
    picked_idx = sorted(rng.sample(range(len(population)), min(max(size, 0), len(population))))
    picked = [population[i] for i in picked_idx]
    keys = {entry_key(e) for e in picked}
    findings = [f for f in result.findings if finding_key(f) in keys]
    per_file: dict[str, list[ProjectEntry]] = {}
    for e in picked:
        per_file.setdefault(e.file, []).append(e)
    files = []
    for fr in result.files:
        if fr.error:
            files.append(fr)
        elif fr.path in per_file:
            chosen = per_file[fr.path]
            files.append(fr.model_copy(update={"projects": len(chosen),
                                               "indicators": sum(e.indicators for e in chosen)}))
    return result.model_copy(update={
        "files": files, "findings": findings, "entries": picked,
        "clean_projects": sum(e.clean for e in picked),
        "sample": SampleInfo(size=size, seed=seed, population=len(population), projects=picked),
    })


# ---------------------------------------------------------------- parallel map
def default_jobs() -> int:
    """Cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


_RULE_SETS: list[Any] = []


def _init_worker(rule_sets: list[list[Rule]]) -> None:
    from .checks import load_all

    load_all()  # a spawned worker registers the checks the rules name
    _RULE_SETS[:] = rule_sets


def _work(fn: Callable[..., Any], path: Any, which: int, lang: str) -> Any:
    return fn(path, _RULE_SETS[which], lang)


class _Progress:
    """A rich progress bar on stderr that appears only once a run has taken PROGRESS_AFTER seconds."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self.done = total, enabled, 0
        self.start = time.monotonic()
        self.bar: Any = None
        self.task: Any = None

    def advance(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        if self.bar is None and time.monotonic() - self.start >= PROGRESS_AFTER:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("perfcheck"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                console=Console(file=sys.stderr), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("lint", total=self.total, completed=self.done)
        elif self.bar is not None:
            self.bar.update(self.task, completed=self.done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def map_files(fn: Callable[[Any, list[Rule], str], Any], paths: Sequence[Any], rule_sets: list[list[Rule]],
              which: Sequence[int], lang: str, *, jobs: int = 1, progress: bool = False) -> list[Any]:
    """``fn(path, rule_sets[which[i]], lang)`` for every path, in input order whatever the scheduling.

    With ``jobs > 1`` the calls run in a process pool (``fn`` must be a module-level function).
    """
    bar = _Progress(len(paths), progress and sys.stderr.isatty())
    results: list[Any] = [None] * len(paths)
    try:
        if jobs <= 1 or len(paths) <= 1:
            _RULE_SETS[:] = rule_sets
            for i, path in enumerate(paths):
                results[i] = _work(fn, path, which[i], lang)
                bar.advance()
            return results
        with ProcessPoolExecutor(max_workers=min(jobs, len(paths)), initializer=_init_worker,
                                 initargs=(rule_sets,)) as pool:
            pending: dict[Future[Any], int] = {pool.submit(_work, fn, p, which[i], lang): i
                                               for i, p in enumerate(paths)}
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    results[pending.pop(fut)] = fut.result()
                    bar.advance()
        return results
    finally:
        bar.close()
