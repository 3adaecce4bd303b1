"""How paths appear in every output format."""

from __future__ import annotations

import os
from pathlib import Path

from wxlint.safe_text import printable


def failure_line(failure, cwd: Path) -> str:
    """A `RunFailure` in one line, its path as every format shows paths."""
    return failure.describe(display_path(failure.path, cwd) if failure.path is not None else None)


def display_path(path: Path, cwd: Path) -> str:
    """Path relative to the current directory, with `/` separators, safe to print (see `printable`)."""
    try:
        return printable(Path(os.path.relpath(path, cwd)).as_posix())
    except ValueError:  # another drive on Windows
        return printable(path.as_posix())
