"""A stamp of wxlint's own code and catalogue, so caches never outlive the code that filled them."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from wxlint import __version__
from wxlint.data_tables import rules_dir


@lru_cache(maxsize=1)
def code_stamp() -> str:
    digest = hashlib.sha256(__version__.encode())
    for folder in (Path(__file__).parent, rules_dir()):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".yaml", ".json", ".j2") and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path.relative_to(folder)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:16]
