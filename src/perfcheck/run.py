"""One lint run: find the files, load each, check it, gather results. One bad file never stops the others."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from pydantic import BaseModel, Field

from . import __version__, forked
from .batch import ProjectEntry, SampleInfo, index_projects, map_files
from .engine import check_run, check_workbook, finding_order
from .errors import LoadError
from .gcpause import paused_gc
from .loader import MAX_UNCOMPRESSED_BYTES, load
from .models import SEVERITY_RANK, Finding, Workbook
from .rules import Rule

INPUT_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


class FileResult(BaseModel):
    path: str
    layout: str | None = None
    projects: int = 0
    indicators: int = 0
    error: str | None = None


class RuleMeta(BaseModel):
    """What a report says about a rule that ran (SARIF lists every rule, not only those that fired)."""

    code: str
    title: str
    severity: str
    description: str | None = None


class RunResult(BaseModel):
    """What a run found: per-file facts and every finding. Reporters read only this."""

    tool: str = "perfcheck"
    version: str = __version__
    files: list[FileResult] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    clean_projects: int = 0
    entries: list[ProjectEntry] = Field(default_factory=list)  # every project checked, in file order
    rules: list[RuleMeta] = Field(default_factory=list)        # every enabled rule of the run
    sample: SampleInfo | None = None                           # set when the run reports a spot-check
    suppressed: int = 0                                        # findings hidden by --baseline
    exempted: int = 0                                          # findings hidden by config exemptions

    @property
    def projects(self) -> int:
        return sum(f.projects for f in self.files)

    @property
    def indicators(self) -> int:
        return sum(f.indicators for f in self.files)

    @property
    def has_file_errors(self) -> bool:
        return any(f.error for f in self.files)

    def summary(self) -> dict:
        by_severity = Counter(f.severity for f in self.findings)
        by_rule = Counter(f.rule for f in self.findings)
        return {
            "projects": self.projects, "indicators": self.indicators, "findings": len(self.findings),
            "by_severity": {s: by_severity.get(s, 0) for s in ("error", "warning", "info")},
            "by_rule": dict(sorted(by_rule.items())),
            "suppressed": self.suppressed, "exempted": self.exempted,
        }

    def fails(self, fail_on: str) -> bool:
        """True when a finding is at or above the fail level ('never' never fails)."""
        if fail_on == "never":
            return False
        level = SEVERITY_RANK[fail_on]
        return any(SEVERITY_RANK[f.severity] >= level for f in self.findings)


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand directories into the spreadsheets below them, in a stable order; keep files as given."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*")
                              if q.is_file() and q.suffix.lower() in INPUT_SUFFIXES and not q.name.startswith("~$")))
        else:
            out.append(p)
    return out


def _clean_count(book: Workbook, findings: list[Finding]) -> int:
    dirty = {(f.sheet, f.project_code, f.project, f.unit) for f in findings
             if f.severity != "info" and (f.project or f.project_code or f.unit)}
    return sum(1 for p in book.projects if (p.sheet, p.code, p.name, p.unit) not in dirty)


def lint_file(path: Path, rules: list[Rule], lang: str = "zh", *,
              max_bytes: int = MAX_UNCOMPRESSED_BYTES) -> tuple[FileResult, Workbook | None, list[Finding]]:
    """Load and check one file (run in a worker process when a run is parallel).

    A file that cannot be read, or whose records make a check fail, is an error line for that file
    (never a traceback), and the run goes on with the other files.
    """
    book, error = _load(path, lang, max_bytes)
    return error if book is None else _check(book, rules, lang)  # type: ignore[return-value]


def _load(path: Path, lang: str, max_bytes: int) -> tuple[Workbook | None, tuple[FileResult, None, list[Finding]]]:
    """The workbook, or the file's error outcome."""
    name = str(path)
    try:
        book = load(path) if max_bytes == MAX_UNCOMPRESSED_BYTES else load(path, max_bytes=max_bytes)
    except LoadError as err:
        return None, (FileResult(path=name, error=err.message(lang)), None, [])
    book.path = name
    return book, (FileResult(path=name), None, [])


def _check(book: Workbook, rules: list[Rule], lang: str,
           jobs: int = 1) -> tuple[FileResult, Workbook | None, list[Finding]]:
    name = book.path
    try:
        findings = _file_findings(book, rules, lang, jobs)
    except Exception as exc:  # noqa: BLE001 - a bug met on one file must not stop a batch
        detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        reason = (f"internal error while checking ({detail}); please report it" if lang == "en"
                  else f"检查时出现内部错误（{detail}），请报告此问题")
        return FileResult(path=name, error=f"{name}: {reason}"), None, []
    return (FileResult(path=name, layout=book.layout, projects=len(book.projects), indicators=book.indicator_count),
            book, findings)


OVERLAP_FROM = 5_000   # indicators: below this, forking costs what it saves (2 cores: 0 s at 3k rows, 0.2–0.4 s gained at 10k)


def _lint_alone(path: Path, file_rules: list[Rule], rules: list[Rule], lang: str, max_bytes: int,
                jobs: int) -> tuple[tuple[FileResult, Workbook | None, list[Finding]], list[Finding] | None]:
    """One large file on several cores: its run-wide rules (PC406), if any, in one forked child, its projects
    shared among this process and ``jobs - 1`` more. None for the run-wide findings when they are still to come."""
    book, error = _load(path, lang, max_bytes)
    if book is None:
        return error, None
    if book.indicator_count < OVERLAP_FROM:
        return _check(book, file_rules, lang), None
    if not any(r.scope == "run" for r in rules):
        return _check(book, file_rules, lang, jobs), None
    run_wide = forked.Forked(lambda: check_run([book], rules, lang))
    outcome = _check(book, file_rules, lang, jobs)
    return outcome, run_wide.result()


def _file_findings(book: Workbook, rules: list[Rule], lang: str, jobs: int) -> list[Finding]:
    """The per-file findings, the projects split into ``jobs`` runs of about equal size checked in forked
    children (copy-on-write: no records are pickled, only findings come back); workbook-wide rules once."""
    if jobs < 2 or book.indicator_count < OVERLAP_FROM or not forked.available():
        return check_workbook(book, rules, lang)
    parts = _parts(book, jobs)
    per_project = [r for r in rules if r.scope != "workbook"]
    others = [forked.Forked(partial(check_workbook, part, per_project, lang)) for part in parts[1:]]
    findings = check_workbook(parts[0], rules, lang)
    for other in others:
        findings.extend(other.result())
    findings.sort(key=finding_order)
    return findings


def _parts(book: Workbook, n: int) -> list[Workbook]:
    """``n`` workbooks sharing the projects in order, each with about the same number of indicators."""
    total, cuts, seen = book.indicator_count, [0], 0
    for k, p in enumerate(book.projects):
        seen += len(p.indicators)
        if len(cuts) < n and seen >= total * len(cuts) / n:
            cuts.append(k + 1)
    cuts.append(len(book.projects))
    return [book.model_copy(update={"projects": book.projects[a:b]}) for a, b in zip(cuts, cuts[1:]) if b > a]


def _rule_sets(files: list[Path], rules: list[Rule],
               rules_for: Callable[[Path], list[Rule]] | None) -> tuple[list[list[Rule]], list[int]]:
    """The distinct rule sets of a run and, per file, which one applies (config is found per file)."""
    if rules_for is None:
        return [rules], [0] * len(files)
    sets, index, which = [rules], {tuple(map(id, rules)): 0}, []
    for f in files:
        chosen = rules_for(f)
        key = tuple(map(id, chosen))
        if key not in index:
            index[key] = len(sets)
            sets.append(chosen)
        which.append(index[key])
    return sets, which


def lint(paths: Iterable[str | Path], rules: list[Rule], lang: str = "zh", *,
         jobs: int = 1, progress: bool = False,
         rules_for: Callable[[Path], list[Rule]] | None = None,
         max_bytes: int = MAX_UNCOMPRESSED_BYTES) -> RunResult:
    """Load and check every file (in `jobs` processes); run-wide rules (PC406) then see every workbook that loaded.

    Output order is input file order, whatever the scheduling. `progress` shows a bar on a terminal's stderr
    when the run takes more than about two seconds. `rules_for(file)`, when given, chooses each file's rules
    (its nearest config); `rules` then serves the run-wide rules. `max_bytes` refuses zip files that
    inflate beyond it (zip bombs).
    """
    with paused_gc(), forked.sharing(jobs):
        return _lint(paths, rules, lang, jobs, progress, rules_for, max_bytes)


def _lint(paths: Iterable[str | Path], rules: list[Rule], lang: str, jobs: int, progress: bool,
          rules_for: Callable[[Path], list[Rule]] | None, max_bytes: int) -> RunResult:
    result = RunResult()
    books: list[Workbook] = []
    files = collect_files(paths)
    rule_sets, which = _rule_sets(files, rules, rules_for)
    run_wide: list[Finding] | None = None
    if len(files) == 1 and jobs > 1 and forked.available():
        outcome, run_wide = _lint_alone(files[0], rule_sets[which[0]], rules, lang, max_bytes, jobs)
        outcomes = [outcome]
    else:
        work = lint_file if max_bytes == MAX_UNCOMPRESSED_BYTES else partial(lint_file, max_bytes=max_bytes)
        outcomes = map_files(work, files, rule_sets, which, lang, jobs=jobs, progress=progress)
    for file_result, book, findings in outcomes:
        result.files.append(file_result)
        if book is not None:
            books.append(book)
            result.findings.extend(findings)
    result.findings.extend(run_wide if run_wide is not None and books else check_run(books, rules, lang))
    result.entries = index_projects(books, result.findings)
    result.clean_projects = sum(e.clean for e in result.entries)
    result.rules = [RuleMeta(code=r.code, title=r.title.get(lang), severity=r.severity,
                             description=r.description.get(lang) if r.description else None)
                    for r in rules if r.enabled]
    return result
