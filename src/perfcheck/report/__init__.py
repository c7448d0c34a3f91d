"""Output formats: one module per format.

A text format's module has ``render(result, lang) -> str``; a binary one (xlsx) has
``render_bytes(result, lang) -> bytes``. ``write`` sends any format to a path or a stream,
so the CLI never needs to know which is which.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import IO, Any, cast

from ..gcpause import paused_gc
from ..run import RunResult

FORMATS = ("text", "json", "csv", "xlsx", "sarif", "junit", "github")
BINARY_FORMATS = frozenset({"xlsx"})
# Encoding a text format is written to a file with: the csv gets a BOM so Excel on Windows reads UTF-8.
FILE_ENCODING = {"csv": "utf-8-sig"}


def _module(fmt: str) -> Any:
    if fmt not in FORMATS and fmt != "statistics":
        raise ValueError(f"unknown format {fmt!r}")
    return import_module(f"{__name__}.{fmt}_report")


def renderer(fmt: str) -> Callable[..., str]:
    """The render function of one text format module (a new format is one new module here)."""
    return _module(fmt).render  # type: ignore[no-any-return]


def render_bytes(fmt: str, result: RunResult, lang: str = "zh", **opts: Any) -> bytes:
    """Any format as the bytes a file of that format holds."""
    mod = _module(fmt)
    if fmt in BINARY_FORMATS:
        return mod.render_bytes(result, lang, **opts)  # type: ignore[no-any-return]
    return mod.render(result, lang, **opts).encode(FILE_ENCODING.get(fmt, "utf-8"))  # type: ignore[no-any-return]


def write(fmt: str, result: RunResult, lang: str = "zh", dest: str | Path | IO[Any] | None = None,
          **opts: Any) -> None:
    """Write one format to a path, to a stream (text or binary), or to stdout when ``dest`` is None."""
    with paused_gc():
        _write(fmt, result, lang, dest, **opts)


def _write(fmt: str, result: RunResult, lang: str, dest: str | Path | IO[Any] | None, **opts: Any) -> None:
    if isinstance(dest, (str, Path)):
        Path(dest).write_bytes(render_bytes(fmt, result, lang, **opts))
        return
    stream = dest if dest is not None else sys.stdout
    if fmt in BINARY_FORMATS:
        data = render_bytes(fmt, result, lang, **opts)
        buffer = cast(IO[bytes], getattr(stream, "buffer", stream))
        buffer.write(data)
        buffer.flush()
        return
    stream.write(_module(fmt).render(result, lang, **opts))


def parse_output_spec(spec: str) -> tuple[str, Path]:
    """'sarif=out.sarif' → ('sarif', Path('out.sarif')); a bad spec is a one-line ValueError."""
    fmt, sep, path = spec.partition("=")
    fmt = fmt.strip().lower()
    if not sep or not path.strip():
        raise ValueError(f"--output-format {spec}: 应写作 格式=文件，如 sarif=out.sarif / expected FORMAT=FILE")
    if fmt not in FORMATS:
        raise ValueError(f"--output-format {spec}: 未知格式“{fmt}”（可用：{', '.join(FORMATS)}）")
    return fmt, Path(path.strip())
