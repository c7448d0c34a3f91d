"""Command line: parse options, call the library, choose the exit code (0 clean, 1 findings, 2 cannot run)."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from .errors import PerfcheckError
from .report import renderer
from .rules import load_rules
from .run import lint as run_lint

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="perfcheck：预算绩效目标与绩效指标质量审核工具 / audit budget performance goals")


class Format(str, Enum):
    text = "text"
    json = "json"


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


@app.command()
def lint(
    paths: list[Path] = typer.Argument(..., help="工作簿、CSV 或目录 / workbooks, CSVs or directories"),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="输出格式 / output format"),
    output: Path | None = typer.Option(None, "--output", "-o", help="写入文件 / write to this file"),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="退出码为1的最低级别 / lowest level that fails"),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="消息语言 / message language"),
) -> None:
    """检查绩效目标表 / check performance goal workbooks."""
    try:
        rules = load_rules()
    except PerfcheckError as err:
        _fail(str(err))
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        typer.echo(f"perfcheck: {p}: 文件不存在" if lang == Lang.zh else f"perfcheck: {p}: no such file", err=True)
    result = run_lint([p for p in paths if p.exists()], rules, lang.value)
    colour = fmt == Format.text and output is None and sys.stdout.isatty()
    render = renderer(fmt.value)
    text = render(result, lang.value, colour=colour) if fmt == Format.text else render(result, lang.value)
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as err:
            _fail(f"{output}: 无法写入：{err.strerror or err}")
    else:
        sys.stdout.write(text)
    for f in result.files:
        if f.error and fmt != Format.text:
            typer.echo(f"perfcheck: {f.error}", err=True)
    if missing or result.has_file_errors:
        raise typer.Exit(2)
    raise typer.Exit(1 if result.fails(fail_on.value) else 0)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
