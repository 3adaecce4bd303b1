"""How paths appear in every output format."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: Path, cwd: Path) -> str:
    """Path relative to the current directory, with `/` separators."""
    try:
        return Path(os.path.relpath(path, cwd)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()
