"""Command line: parse options, call the library, choose the exit code (0 clean, 1 findings, 2 cannot run)."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from . import config as cfg
from .baseline import load_baseline
from .baseline import write_baseline as save_baseline
from .batch import default_jobs, draw_sample
from .errors import PerfcheckError
from .outputs import plan, refuse_overwrite
from .report import BINARY_FORMATS, FORMATS, parse_output_spec, write
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


# configuration options shared by lint, rules, rule, config and init
CONFIG = typer.Option(None, "--config", help="配置文件（不再向上查找）/ config file (no discovery)")
NO_CONFIG = typer.Option(False, "--no-config", help="不读取任何配置文件 / ignore every config file")
PROFILE = typer.Option(None, "--profile", help="配置方案：default、jianghan、strict… / shipped profile")
SELECT = typer.Option(None, "--select", help="只运行这些规则，代码或前缀，可用逗号 / only these rules (codes or prefixes)")
EXTEND = typer.Option(None, "--extend-select", help="追加启用 / enable these as well")
IGNORE = typer.Option(None, "--ignore", help="停用这些规则 / disable these rules")
SEVERITY = typer.Option(None, "--severity", metavar="CODE=LEVEL", help="改变级别，如 PC307=warning / set a severity")


def _given(ctx: typer.Context, name: str) -> bool:
    source = ctx.get_parameter_source(name)
    return source is not None and source.name != "DEFAULT"


def _resolver(ctx: typer.Context, **opts: object) -> cfg.Resolver:
    """The configuration the options ask for; --fail-on/--lang override config only when typed."""
    for name in ("fail_on", "lang"):
        value = opts.get(name)
        opts[name] = getattr(value, "value", value) if _given(ctx, name) else None
    try:
        return cfg.cli_settings(**opts)  # type: ignore[arg-type]
    except PerfcheckError as err:
        _fail(str(err))
        raise


@app.command()
def lint(
    ctx: typer.Context,
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
    config: Path | None = CONFIG, no_config: bool = NO_CONFIG, profile: str | None = PROFILE,
    select: list[str] | None = SELECT, extend_select: list[str] | None = EXTEND, ignore: list[str] | None = IGNORE,
    severity: list[str] | None = SEVERITY,
    baseline: Path | None = typer.Option(None, "--baseline", help="只报告基线之外的新问题 / report only findings not in it"),
    write_baseline: Path | None = typer.Option(
        None, "--write-baseline", help="把当前问题写入基线文件 / record current findings as accepted"),
    max_size: float = typer.Option(
        1024.0, "--max-size", min=0.001, metavar="MB",
        help="解压后超过该大小（MB）的文件拒绝读取（防压缩炸弹）/ refuse files that inflate beyond MB (zip bombs)"),
) -> None:
    """检查绩效目标表 / check performance goal workbooks."""
    resolver = _resolver(ctx, config=config, isolated=no_config, profile=profile, select=select,
                         extend_select=extend_select, ignore=ignore, severity=severity, fail_on=fail_on, lang=lang)
    try:
        root = resolver.root()
        rules, lang, fail_on = root.rules, Lang(root.lang), FailOn(root.fail_on)
        if baseline is not None and write_baseline is not None:
            raise ValueError("--baseline 与 --write-baseline 不能同时使用")
        accepted = load_baseline(baseline) if baseline is not None else None
    except (ValueError, PerfcheckError) as err:
        _fail(str(err))
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        typer.echo(f"perfcheck: {p}: 文件不存在" if lang == Lang.zh else f"perfcheck: {p}: no such file", err=True)
    main_fmt = "statistics" if statistics else fmt.value
    try:
        extra = [parse_output_spec(spec) for spec in output_formats]
        inputs = collect_files([p for p in paths if p.exists()])
        resolver.preload(inputs)
        refuse_overwrite(inputs, [d for d in [output, *(d for _, d in extra)] if d is not None])
        if annotate is not None:
            plan(inputs, annotate)
        if output is None and main_fmt in BINARY_FORMATS and sys.stdout.isatty():
            raise ValueError(f"--format {main_fmt} 须配合 --output 使用 / needs --output")
    except (ValueError, PerfcheckError) as err:
        _fail(str(err))
    result = run_lint([p for p in paths if p.exists()], rules, lang.value,
                      jobs=jobs or default_jobs(), progress=True, rules_for=resolver.rules_for,
                      max_bytes=int(max_size * (1 << 20)))
    cfg.accept_known(result, resolver, accepted)
    if write_baseline is not None:
        try:
            n = save_baseline(write_baseline, result.findings)
        except PerfcheckError as err:
            _fail(str(err))
        typer.echo(f"perfcheck: 已将 {n} 条问题写入基线 {write_baseline}", err=True)
        raise typer.Exit(2 if missing or result.has_file_errors else 0)
    if sample is not None:
        result = draw_sample(result, sample, seed)
    opts = {"colour": True} if main_fmt == "text" and output is None and sys.stdout.isatty() else {}
    for out_fmt, dest, kw in [(main_fmt, output, opts), *((f, d, {}) for f, d in extra)]:
        try:
            write(out_fmt, result, lang.value, dest, **kw)
        except OSError as err:
            _fail(f"{dest}: 无法写入：{err.strerror or err}")
    if annotate is not None:
        from .annotate import annotate_run  # openpyxl: imported only when a copy is asked for

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


def _settings(ctx: typer.Context, **opts: object) -> cfg.Settings:
    resolver = _resolver(ctx, **opts)
    try:
        return resolver.root()
    except PerfcheckError as err:
        _fail(str(err))
        raise


@app.command("rules")
def rules_command(
    ctx: typer.Context,
    lang: Lang = typer.Option(Lang.zh, "--lang", help="语言 / language"),
    config: Path | None = CONFIG, no_config: bool = NO_CONFIG, profile: str | None = PROFILE,
    select: list[str] | None = SELECT, extend_select: list[str] | None = EXTEND, ignore: list[str] | None = IGNORE,
    severity: list[str] | None = SEVERITY,
) -> None:
    """列出全部规则及是否启用 / list every rule and whether it runs."""
    from .config.explain import rules_table

    s = _settings(ctx, config=config, isolated=no_config, profile=profile, select=select, extend_select=extend_select,
                  ignore=ignore, severity=severity, lang=lang)
    sys.stdout.write(rules_table(s, s.lang))


@app.command("rule")
def rule_command(
    ctx: typer.Context,
    code: str = typer.Argument(..., help="规则代码，如 PC101 / rule code"),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="语言 / language"),
    config: Path | None = CONFIG, no_config: bool = NO_CONFIG, profile: str | None = PROFILE,
    severity: list[str] | None = SEVERITY,
) -> None:
    """规则说明、参数当前值及来源、示例 / explain one rule, its parameters and examples."""
    from .config.explain import rule_detail

    s = _settings(ctx, config=config, isolated=no_config, profile=profile, severity=severity, lang=lang)
    state = s.state(code.strip().upper())
    if state is None:
        _fail(f"{code}: 未知的规则代码（perfcheck rules 列出全部规则）")
    sys.stdout.write(rule_detail(state, s.lang))  # type: ignore[arg-type]


@app.command("config")
def config_command(
    ctx: typer.Context,
    show: bool = typer.Option(False, "--show", help="生效配置及每个值的来源 / effective config and origins"),
    schema: bool = typer.Option(False, "--schema", help="配置文件的 JSON Schema / JSON Schema of perfcheck.yaml"),
    as_json: bool = typer.Option(False, "--json", help="--show 输出 JSON / --show as JSON"),
    config: Path | None = CONFIG, no_config: bool = NO_CONFIG, profile: str | None = PROFILE,
    select: list[str] | None = SELECT, extend_select: list[str] | None = EXTEND, ignore: list[str] | None = IGNORE,
    severity: list[str] | None = SEVERITY,
) -> None:
    """查看生效配置或 JSON Schema / show the effective configuration or its JSON Schema."""
    import json

    from .config.explain import show as show_text
    from .config.template import json_schema

    if show == schema:
        _fail("请指定 --show 或 --schema 之一 / give --show or --schema")
    s = _settings(ctx, config=config, isolated=no_config, profile=profile, select=select, extend_select=extend_select,
                  ignore=ignore, severity=severity)
    text = show_text(s, as_json) if show else json.dumps(json_schema(s), ensure_ascii=False, indent=2) + "\n"
    sys.stdout.write(text)


@app.command("init")
def init_command(
    ctx: typer.Context,
    path: Path = typer.Argument(Path("perfcheck.yaml"), help="写入的文件 / file to write"),
    profile: str | None = PROFILE,
) -> None:
    """写出带注释的 perfcheck.yaml（所有参数为默认值）/ write a commented perfcheck.yaml with every default."""
    from .config.template import write_init

    s = _settings(ctx, isolated=True, profile=profile)
    try:
        write_init(path, s)
    except PerfcheckError as err:
        _fail(str(err))
    typer.echo(f"perfcheck: 已写入 {path}", err=True)


def _utf8_streams() -> None:
    """Chinese output survives a C or ASCII locale (containers, CI runners without LANG): such a stream is
    switched to UTF-8, and file names the locale could not decode are written back as the bytes they were."""
    for stream, errors in ((sys.stdout, "surrogateescape"), (sys.stderr, "backslashreplace")):
        try:
            "中".encode(stream.encoding or "ascii")
        except (LookupError, UnicodeEncodeError):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(encoding="utf-8", errors=errors)


def main() -> None:
    _utf8_streams()
    app()


if __name__ == "__main__":
    main()
