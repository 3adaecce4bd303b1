"""How paths appear in every output format."""

from __future__ import annotations

import os
from pathlib import Path

from wxlint.findings import printable


def display_path(path: Path, cwd: Path) -> str:
    """Path relative to the current directory, with `/` separators, safe to print (see `printable`)."""
    try:
        return printable(Path(os.path.relpath(path, cwd)).as_posix())
    except ValueError:  # another drive on Windows
        return printable(path.as_posix())
