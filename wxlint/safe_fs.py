"""The file system as a linted repository presents it: names, links and files someone else wrote.

A repository can hold a page route of a megabyte (ENAMETOOLONG), a NUL in a `require` path, a link from
`app.json` to `~/.npmrc`, a FIFO named `base.wxml` that blocks whoever opens it, or a link to `/dev/zero`.
Every question asked of a name that came from a repository, and every read of a file it holds, goes
through here: questions never raise, reads stay inside the project, take regular files only, and are
bounded.
"""

from __future__ import annotations

import os
import stat
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

# What any file wxlint reads may weigh (a source file over it is a parse error, see wxlint.discover).
MAX_FILE_BYTES = 5_000_000


def is_file(path) -> bool:
    """Whether `path` is a regular file (links followed); False for any name the system refuses."""
    return os.path.isfile(path)  # catches OSError (a name too long) and ValueError (a NUL), unlike Path.is_file


def is_dir(path) -> bool:
    return os.path.isdir(path)


def inside(folder, target) -> bool:
    """Whether `target`, symbolic links followed, is `folder` or lies below it."""
    try:
        real_folder = _real_folder(os.fspath(folder))
        real_target = _real_path(os.fspath(target))
    except (OSError, ValueError):
        return False
    return real_target == real_folder or real_target.startswith(real_folder.rstrip(os.sep) + os.sep)


def _real_path(path: str) -> str:
    """`os.path.realpath(path)`. A name that is no link is an entry of its folder's real path: the folder's links are
    resolved once a run, not again for each of the thousands of files below it."""
    folder, name = os.path.split(path)
    if folder and name not in ("", ".", "..") and "\0" not in path and not os.path.islink(path):
        return os.path.join(_real_folder(folder), name)
    return os.path.realpath(path)


@lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    # asked for every file read below a project root: the root's own links resolved once a run
    return os.path.realpath(folder)


def forget_real_folders() -> None:
    """Start a run afresh: a folder may have become a link since the last run in this process."""
    _real_folder.cache_clear()


class Refused(OSError):
    """A file wxlint does not read; `strerror` says why in words for a finding."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.strerror = reason


# Files as an editor (or standard input) has them, not as saved: absolute path -> bytes, for one run at a time.
_unsaved: dict[str, bytes] = {}


@contextmanager
def reading_unsaved(contents: dict):
    """Within it, `read_file` of one of these paths gives the unsaved bytes instead of the disk's."""
    previous = dict(_unsaved)
    _unsaved.clear()
    _unsaved.update({os.path.abspath(path): data for path, data in contents.items()})
    try:
        yield
    finally:
        _unsaved.clear()
        _unsaved.update(previous)


def read_file(path, root=None, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file that lies inside `root` (links followed; any place when None), at most
    `limit` of them. Raises OSError (`Refused` for a link out of the project, something that is not a
    regular file, or a file over the limit), never blocks on a FIFO or reads a device. Unsaved contents
    (`reading_unsaved`) stand for the file."""
    if _unsaved:
        data = _unsaved.get(os.path.abspath(path))
        if data is not None:
            if len(data) > limit:
                raise Refused(f"larger than the {limit // 1_000_000} MB wxlint reads")
            return data
    if root is not None and not inside(root, path):
        raise Refused("a link to a file outside the project: not read")
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except ValueError:  # a NUL in the name
        raise Refused("not a valid file name") from None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise Refused("not a regular file: not read")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise Refused(f"larger than the {limit // 1_000_000} MB wxlint reads")
    return data


def read_head(path, size: int) -> bytes:
    """The first `size` bytes of a regular file; b"" for anything else (a FIFO, a device, a name refused)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError):
        return b""
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return b""
        return handle.read(size)


def file_size(path) -> int | None:
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return None


def within_any(path: Path, roots) -> bool:
    return any(inside(root, path) for root in roots)
