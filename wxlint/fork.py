"""Work handed to a forked child process while this one goes on.

A forked child starts with this process's memory as it is, shared until written: the syntax trees and
the project model cost it nothing, where a worker process would have them pickled and loaded again.
Only the child's small result comes back, pickled through a pipe. Where fork is not safe (outside
Linux, or with other threads running) or the child fails, the work runs in this process instead:
the result is the same either way, only the time differs.
"""

from __future__ import annotations

import mmap
import os
import pickle
import signal
import struct
import sys
import tempfile
import threading
from typing import Callable, Generic, TypeVar

try:
    import fcntl
except ImportError:  # Windows, where nothing forks (`can_fork`)
    fcntl = None

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


class Turns:
    """The numbers 0 to count - 1, each handed out once, from the front to this process and from the back
    to a child forked after it was made: the two meet wherever their work balances, without knowing what
    each part costs."""

    def __init__(self, count: int):
        # The two ends in a file mapped shared (a forked child sees the same bytes), and a record lock on
        # it: the kernel lets it go when a process holding it dies.
        self._file = tempfile.TemporaryFile()
        self._file.write(_ENDS.pack(0, count))
        self._file.flush()
        self._ends = mmap.mmap(self._file.fileno(), _ENDS.size)

    def take(self, from_back: bool = False) -> int | None:
        """The next number from one end that no process has taken, or None when all are taken."""
        fcntl.lockf(self._file.fileno(), fcntl.LOCK_EX)
        try:
            front, back = _ENDS.unpack(self._ends[:])
            if front >= back:
                return None
            if from_back:
                back -= 1
                number = back
            else:
                number = front
                front += 1
            self._ends[:] = _ENDS.pack(front, back)
            return number
        finally:
            fcntl.lockf(self._file.fileno(), fcntl.LOCK_UN)

    def close(self) -> None:
        self._ends.close()
        self._file.close()


_ENDS = struct.Struct("<ii")


Done = TypeVar("Done")
Finished = TypeVar("Finished")


def in_turns(count: int, work: Callable[[int], Done], finish: Callable[[], Finished],
             fork: bool = True) -> tuple[dict[int, Done], list[Finished]]:
    """`work(number)` for each number below `count`, by number, done in this process and, with `fork`, a
    forked child taking turns from the two ends (see `Turns`); and `finish()` of each process once its
    turns are over, this one's first. What a failed child had taken is done here."""
    if not (fork and count > 1 and can_fork()):
        return {number: work(number) for number in range(count)}, [finish()]
    turns = Turns(count)
    try:
        def take_turns(from_back: bool) -> tuple[dict[int, Done], Finished]:
            done = {}
            while (number := turns.take(from_back)) is not None:
                done[number] = work(number)
            return done, finish()

        with Forked(lambda: take_turns(from_back=True)) as child:
            done, finished = take_turns(from_back=False)
            theirs, their_finish = child.result()
    finally:
        turns.close()
    done.update(theirs)
    missed = [number for number in range(count) if number not in done]
    for number in missed:
        done[number] = work(number)
    return done, [finished, their_finish] + ([finish()] if missed else [])
