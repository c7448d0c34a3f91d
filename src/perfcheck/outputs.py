"""Where output files go, and the rule that none of them is an input (no openpyxl: every lint run asks)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import PerfcheckError

SUFFIX = ".reviewed.xlsx"
OPENPYXL_SUFFIXES = (".xlsx", ".xlsm")


class AnnotateError(PerfcheckError):
    """The annotated copy cannot be written where asked (it would overwrite an input, or the path is unusable)."""


# ---------------------------------------------------------------- where the copies go
def plan(inputs: Sequence[Path], target: Path) -> dict[Path, Path]:
    """Map each input to its annotated copy; refuse any copy that would land on an input.

    One input and a target that is not a directory (and ends in .xlsx/.xlsm) → that file;
    otherwise the target is a directory (made if missing) holding ``<stem>.reviewed.xlsx`` per input.
    """
    if not inputs:
        return {}
    as_file = len(inputs) == 1 and not target.is_dir() and target.suffix.lower() in OPENPYXL_SUFFIXES
    if len(inputs) > 1 and not target.is_dir() and target.suffix.lower() in OPENPYXL_SUFFIXES + (".xls", ".csv"):
        raise AnnotateError(str(target), "检查多个文件时 --annotate 须指定一个目录")
    out: dict[Path, Path] = {}
    if as_file:
        out[inputs[0]] = target
    else:
        used: set[str] = set()
        for src in inputs:
            stem, n = src.stem, 1
            name = stem + SUFFIX
            while name.lower() in used:
                n += 1
                name = f"{stem}-{n}{SUFFIX}"
            used.add(name.lower())
            out[src] = target / name
    refuse_overwrite(inputs, out.values())
    return out


def refuse_overwrite(inputs: Iterable[Path], outputs: Iterable[Path]) -> None:
    """Raise AnnotateError when an output path is (or links to) one of the input files."""
    inputs = list(inputs)
    resolved = {p.resolve() for p in inputs}
    for dest in outputs:
        if dest.resolve() in resolved or any(_same_file(dest, p) for p in inputs):
            raise AnnotateError(str(dest), "输出文件不能覆盖输入文件（perfcheck 从不写入输入文件），请另选路径")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False
