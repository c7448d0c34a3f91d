"""Run one computation in a forked child while this process goes on with another.

A forked child sees this process's records without pickling them (copy-on-write pages); only its result
travels back, pickled through a pipe. Used to run the run-wide rules (PC406) of a single large file on a
second core while the per-file rules run here, and to share a large similarity join among ``workers()``. Where fork is unavailable (Windows, macOS's default) or
the child fails, the computation simply runs here when its result is asked for.
"""
from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

T = TypeVar("T")
_WORKERS = [1]  # processes one computation of the current run may use (the run's -j)


def workers() -> int:
    """How many processes one computation (PC406's similarity join) may share its work among."""
    return _WORKERS[0]


@contextmanager
def sharing(n: int) -> Iterator[None]:
    """Within this block a computation may fork into ``n`` processes (``lint`` sets it from -j)."""
    before, _WORKERS[0] = _WORKERS[0], max(1, n)
    try:
        yield
    finally:
        _WORKERS[0] = before


def available() -> bool:
    """Fork is safe here (Linux; macOS forbids forking a process that has used system frameworks)."""
    return hasattr(os, "fork") and sys.platform.startswith("linux")


class Forked(Generic[T]):
    """``fn()`` started in a child process at once; ``result()`` waits for it (or computes it here)."""

    def __init__(self, fn: Callable[[], T]) -> None:
        self.fn = fn
        self.pid: int | None = None
        self.fd = -1
        if not available():
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:                                    # the child: compute, send, leave without cleanup
            os.close(read)
            try:
                data = pickle.dumps(("ok", fn()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as exc:  # noqa: BLE001 - reported to the parent, which computes it itself
                data = pickle.dumps(("failed", repr(exc)))
            with os.fdopen(write, "wb") as out:
                out.write(data)
            os._exit(0)
        os.close(write)
        self.pid, self.fd = pid, read

    def result(self) -> T:
        """The child's result; when there was no child or it failed, ``fn()`` computed here."""
        if self.pid is None:
            return self.fn()
        with os.fdopen(self.fd, "rb") as pipe:
            data = pipe.read()
        os.waitpid(self.pid, 0)
        self.pid = None
        try:
            status, value = pickle.loads(data)
        except Exception:  # noqa: BLE001 - a child killed half-way (out of memory): compute here
            status, value = "failed", None
        return value if status == "ok" else self.fn()
