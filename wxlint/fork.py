"""Work handed to a forked child process while this one goes on.

A forked child starts with this process's memory as it is, shared until written: the syntax trees and
the project model cost it nothing, where a worker process would have them pickled and loaded again.
Only the child's small result comes back, pickled through a pipe. Where fork is not safe (outside
Linux, or with other threads running) or the child fails, the work runs in this process instead:
the result is the same either way, only the time differs.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from typing import Callable, Generic, TypeVar

Result = TypeVar("Result")


def can_fork() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


class Forked(Generic[Result]):
    """`work()` started in a forked child (when `fork` and `can_fork()`); `result()` waits for its value, or
    runs the work here. A context manager, so that a child is never left behind when this process stops early."""

    def __init__(self, work: Callable[[], Result], fork: bool = True):
        self._work = work
        self._pid: int | None = None
        self._pipe: int | None = None
        self.in_child = False  # whether the work was handed to a child (if that fails, it runs here)
        if not (fork and can_fork()):
            return
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:
            os.close(read)
            status = 1
            try:
                payload = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as stream:
                    stream.write(payload)
                status = 0
            finally:
                os._exit(status)  # no exit handlers, no flushing of buffers this process inherited
        os.close(write)
        self._pid, self._pipe = pid, read
        self.in_child = True

    def result(self) -> Result:
        if self._pid is None:
            return self._work()
        with os.fdopen(self._pipe, "rb") as stream:
            payload = stream.read()
        self._pipe = None
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if status == 0 and payload:
            try:
                return pickle.loads(payload)
            except Exception:  # noqa: BLE001 - a result that does not load is a failed child
                pass
        return self._work()  # the child was killed, ran out of memory, or failed: the same work, here

    def __enter__(self) -> "Forked[Result]":
        return self

    def __exit__(self, *_exception) -> None:
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self._pid, 0)
            self._pid = None
