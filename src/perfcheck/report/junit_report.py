"""JUnit XML for CI test dashboards: one suite per file, one test case per project.

A project with an error or warning fails (one <failure> listing its findings); ``info`` findings
are printed as the case's output. Findings that name no project form a case of their own, and a
file that could not be read is a suite with one <error>.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from ..batch import ProjectEntry, entry_key, finding_key
from ..models import Finding
from ..run import FileResult, RunResult
from .table import SEVERITY_WORDS

FILE_CASE = {"zh": "（文件）", "en": "(file)"}
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Drop the characters XML 1.0 cannot hold (user cells may carry control characters)."""
    return _NOT_XML.sub("", text)


def _case_name(e: ProjectEntry) -> str:
    label = e.project or e.project_code or ""
    if e.kind == "department":
        label = label or "部门整体"
    return " / ".join(x for x in (e.unit, label) if x) or f"{e.sheet}!{e.row}"


def _case(suite: ET.Element, classname: str, name: str, findings: list[Finding], lang: str) -> bool:
    """Add one test case; True when it failed."""
    words = SEVERITY_WORDS["en" if lang == "en" else "zh"]
    case = ET.SubElement(suite, "testcase", classname=xml_safe(classname), name=xml_safe(name), time="0")
    failing = [f for f in findings if f.severity != "info"]
    lines = [xml_safe(f"{words[f.severity]} {f.rule} {f.cell or '-'} {f.message}") for f in findings]
    if failing:
        first = failing[0]
        message = xml_safe(f"{first.rule} {first.message}") + (f" (+{len(failing) - 1})" if len(failing) > 1 else "")
        kind = "error" if any(f.severity == "error" for f in failing) else "warning"
        failure = ET.SubElement(case, "failure", message=message, type=kind)
        failure.text = "\n".join(lines)
    elif lines:
        ET.SubElement(case, "system-out").text = "\n".join(lines)
    return bool(failing)


def as_element(result: RunResult, lang: str = "zh") -> ET.Element:
    by_project: dict[tuple, list[Finding]] = defaultdict(list)
    file_level: dict[str, list[Finding]] = defaultdict(list)
    known = {entry_key(e) for e in result.entries}
    for f in result.findings:
        key = finding_key(f)
        if key is not None and key in known:
            by_project[key].append(f)
        else:
            file_level[f.file].append(f)
    entries: dict[str, list[ProjectEntry]] = defaultdict(list)
    for e in result.entries:
        entries[e.file].append(e)
    root = ET.Element("testsuites", name="perfcheck")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    leftovers = [fr for fr in {f: None for f in file_level}
                 if fr not in {x.path for x in result.files}]  # findings on a file the run did not list
    files = list(result.files) + [FileResult(path=p) for p in leftovers]
    for fr in files:
        suite = ET.SubElement(root, "testsuite", name=xml_safe(fr.path))
        tests = failures = errors = 0
        if fr.error:
            case = ET.SubElement(suite, "testcase", classname=xml_safe(fr.path), name=FILE_CASE.get(lang, "（文件）"),
                                 time="0")
            ET.SubElement(case, "error", message=xml_safe(fr.error), type="LoadError").text = xml_safe(fr.error)
            tests, errors = 1, 1
        seen: set[tuple] = set()
        for e in entries.get(fr.path, []):
            key = entry_key(e)
            if key in seen:  # two records with the same identity: their findings are reported once
                continue
            seen.add(key)
            tests += 1
            failures += _case(suite, fr.path, _case_name(e), by_project.get(key, []), lang)
        if file_level.get(fr.path):
            tests += 1
            failures += _case(suite, fr.path, FILE_CASE.get(lang, "（文件）"), file_level.pop(fr.path), lang)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", "0")
        suite.set("time", "0")
        for k, v in (("tests", tests), ("failures", failures), ("errors", errors)):
            totals[k] += v
    for k, v in totals.items():
        root.set(k, str(v))
    return root


def render(result: RunResult, lang: str = "zh") -> str:
    root = as_element(result, lang)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
