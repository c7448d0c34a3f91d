"""Command line: parse options, call the library, choose the exit code (0 clean, 1 findings, 2 cannot run)."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from .annotate import annotate_run, plan, refuse_overwrite
from .batch import default_jobs, draw_sample
from .errors import PerfcheckError
from .report import BINARY_FORMATS, FORMATS, parse_output_spec, write
from .rules import load_rules
from .run import collect_files
from .run import lint as run_lint

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="perfcheck：预算绩效目标与绩效指标质量审核工具 / audit budget performance goals")


Format = Enum("Format", {f: f for f in FORMATS}, type=str)  # type: ignore[misc]


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


def _fail(message: str) -> None:
    typer.echo(f"perfcheck: {message}", err=True)
    raise typer.Exit(2)


@app.callback()
def _group() -> None:
    """perfcheck：预算绩效目标与绩效指标质量审核工具 / audit budget performance goals."""
    # a callback keeps `perfcheck lint …` a subcommand even while lint is the only command


@app.command()
def lint(
    paths: list[Path] = typer.Argument(..., help="工作簿、CSV 或目录 / workbooks, CSVs or directories"),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="输出格式 / output format"),
    output: Path | None = typer.Option(None, "--output", "-o", help="写入文件 / write to this file"),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="退出码为1的最低级别 / lowest level that fails"),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="消息语言 / message language"),
    output_formats: list[str] = typer.Option(
        [], "--output-format", metavar="FORMAT=FILE",
        help="另写一种格式到文件，可重复，如 sarif=out.sarif / also write FORMAT to FILE (repeatable)"),
    statistics: bool = typer.Option(False, "--statistics", help="只输出每条规则的问题数 / count per rule"),
    annotate: Path | None = typer.Option(
        None, "--annotate", help="写出标注副本（多个文件时为目录）/ write annotated copies (a directory for several files)"),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, help="并行进程数，默认为CPU核数 / worker processes"),
    sample: int | None = typer.Option(None, "--sample", min=1, help="随机抽查N个项目 / spot-check N random projects"),
    seed: int = typer.Option(0, "--seed", help="抽查的随机种子 / random seed of --sample"),
) -> None:
    """检查绩效目标表 / check performance goal workbooks."""
    try:
        rules = load_rules()
    except PerfcheckError as err:
        _fail(str(err))
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        typer.echo(f"perfcheck: {p}: 文件不存在" if lang == Lang.zh else f"perfcheck: {p}: no such file", err=True)
    main_fmt = "statistics" if statistics else fmt.value
    try:
        extra = [parse_output_spec(spec) for spec in output_formats]
        inputs = collect_files([p for p in paths if p.exists()])
        refuse_overwrite(inputs, [d for d in [output, *(d for _, d in extra)] if d is not None])
        if annotate is not None:
            plan(inputs, annotate)
        if output is None and main_fmt in BINARY_FORMATS and sys.stdout.isatty():
            raise ValueError(f"--format {main_fmt} 须配合 --output 使用 / needs --output")
    except (ValueError, PerfcheckError) as err:
        _fail(str(err))
    result = run_lint([p for p in paths if p.exists()], rules, lang.value,
                      jobs=jobs or default_jobs(), progress=True)
    if sample is not None:
        result = draw_sample(result, sample, seed)
    opts = {"colour": True} if main_fmt == "text" and output is None and sys.stdout.isatty() else {}
    for out_fmt, dest, kw in [(main_fmt, output, opts), *((f, d, {}) for f, d in extra)]:
        try:
            write(out_fmt, result, lang.value, dest, **kw)
        except OSError as err:
            _fail(f"{dest}: 无法写入：{err.strerror or err}")
    if annotate is not None:
        try:
            for done in annotate_run(result, annotate):
                typer.echo(f"perfcheck: {done.dest}（{done.findings} 条意见）", err=True)
        except PerfcheckError as err:
            _fail(str(err))
    for f in result.files:
        if f.error and (main_fmt != "text" or output is not None):
            typer.echo(f"perfcheck: {f.error}", err=True)
    if missing or result.has_file_errors:
        raise typer.Exit(2)
    raise typer.Exit(1 if result.fails(fail_on.value) else 0)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
